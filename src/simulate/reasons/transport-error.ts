import type { Failure } from './failure.ts';

/** Node's TLS certificate error codes, with Chromium's net error and a sentence for each. */
const CERTIFICATE_ERRORS: ReadonlyMap<string, { readonly net: string; readonly sentence: string }> = new Map([
  [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    { net: 'ERR_CERT_AUTHORITY_INVALID', sentence: 'the server’s certificate is self-signed' },
  ],
  [
    'SELF_SIGNED_CERT_IN_CHAIN',
    {
      net: 'ERR_CERT_AUTHORITY_INVALID',
      sentence: 'the server’s certificate chain ends in a self-signed certificate that is not trusted',
    },
  ],
  [
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    {
      net: 'ERR_CERT_AUTHORITY_INVALID',
      sentence: 'the server’s certificate was issued by an authority that is not trusted',
    },
  ],
  [
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    {
      net: 'ERR_CERT_AUTHORITY_INVALID',
      sentence:
        'the server’s certificate cannot be verified (an intermediate certificate is missing or the issuer is not trusted)',
    },
  ],
  ['CERT_HAS_EXPIRED', { net: 'ERR_CERT_DATE_INVALID', sentence: 'the server’s certificate has expired' }],
  ['CERT_NOT_YET_VALID', { net: 'ERR_CERT_DATE_INVALID', sentence: 'the server’s certificate is not valid yet' }],
  [
    'ERR_TLS_CERT_ALTNAME_INVALID',
    { net: 'ERR_CERT_COMMON_NAME_INVALID', sentence: 'the server’s certificate does not name this host' },
  ],
  ['CERT_REVOKED', { net: 'ERR_CERT_REVOKED', sentence: 'the server’s certificate has been revoked' }],
]);

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 3; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

function isTlsCode(code: string): boolean {
  return (
    CERTIFICATE_ERRORS.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code === 'EPROTO'
  );
}

export type TransportFailure = Pick<Failure, 'value' | 'errorCode'> & {
  readonly reason: 'network-error' | 'tls-error';
};

/** A transport that threw: a TLS failure (named by its code) or any other network error. */
export function transportFailure(error: unknown): TransportFailure {
  const code = errorCode(error);
  const text = errorText(error);
  if (code === undefined || !isTlsCode(code))
    return { reason: 'network-error', value: text, ...(code ? { errorCode: code } : {}) };
  return { reason: 'tls-error', value: text, errorCode: code };
}

/** Chromium's net error name and a sentence for a TLS failure code. */
export function tlsErrorDescription(code: string | undefined): { net: string; sentence: string } {
  const known = code === undefined ? undefined : CERTIFICATE_ERRORS.get(code);
  return known ?? { net: 'ERR_SSL_PROTOCOL_ERROR', sentence: 'the TLS handshake with the server failed' };
}
