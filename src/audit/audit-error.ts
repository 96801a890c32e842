import type { AuditErrorCode } from './types.ts';

const TLS_CODE = /CERT|SELF_SIGNED|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

const codeOf = (error: unknown): string | undefined => {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** The URL's deadline passed: no further request for it starts. */
export class DeadlineError extends Error {}

/** A request that got no answer within the per-request timeout. */
export class RequestTimeoutError extends Error {}

/** An error of one URL's audit as the report shows it: a sentence (with a hint where one helps) and a code. */
export function describeError(error: unknown): { message: string; code: AuditErrorCode } {
  if (!(error instanceof Error)) return { message: String(error), code: 'network' };
  const code = codeOf(error);
  const message = error.message.replace(/\s*\n\s*/g, ' ').trim();
  const text = code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
  if (error instanceof DeadlineError) return { message: text, code: 'deadline' };
  if (error instanceof RequestTimeoutError || code === 'ETIMEDOUT' || code === 'ERR_ANSWER_TIMEOUT')
    return { message: text, code: 'timeout' };
  // OpenSSL's answer when the server's first bytes are not a TLS record, e.g. "HTTP/1.1 400".
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(error.message)) {
    // OpenSSL's own text is a multi-line dump: one line and the hint say more.
    return {
      message: 'the server answered in plain HTTP, not TLS (wrong version number): audit the http:// URL instead',
      code: 'not-http',
    };
  }
  if (code !== undefined && TLS_CODE.test(code))
    return { message: `${text}; --insecure accepts the certificate`, code: 'tls' };
  if (code === 'HPE_HEADER_OVERFLOW') return { message: text, code: 'too-large' };
  return { message: text, code: 'network' };
}
