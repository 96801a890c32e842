import type { Evidence, EvidenceRequest } from './types.ts';

/** One request sent by the audit and the head of its answer. */
export interface Exchange {
  readonly request: EvidenceRequest;
  readonly response: { readonly status: number; readonly headers: Headers };
  /** The request carried the session (-H, --cookie). */
  readonly authenticated?: boolean;
}

const RELEVANT_RESPONSE_HEADER = /^(access-control-|vary$|location$)/;

/** The exchange as a finding shows it: the request sent, and the response headers that matter. */
export function evidenceOf(exchange: Exchange): Evidence {
  const headers: Record<string, string> = {};
  for (const [name, value] of exchange.response.headers) {
    if (RELEVANT_RESPONSE_HEADER.test(name)) headers[name] = value;
  }
  return { request: exchange.request, response: { status: exchange.response.status, headers } };
}

export const allowOrigin = (exchange: Exchange): string | null =>
  exchange.response.headers.get('access-control-allow-origin');

export const allowsCredentials = (exchange: Exchange): boolean =>
  exchange.response.headers.get('access-control-allow-credentials') === 'true';

/** The CORS check's origin test (https://fetch.spec.whatwg.org/#cors-check): byte for byte, or `*` without credentials. */
export function grantsOrigin(exchange: Exchange, origin: string): boolean {
  const value = allowOrigin(exchange);
  return value === origin || (value === '*' && !allowsCredentials(exchange));
}

/** The response names Origin (or `*`) in Vary, so caches keep one answer per Origin. */
export function variesOnOrigin(headers: Headers): boolean {
  const vary = headers.get('vary');
  if (vary === null) return false;
  return vary.split(',').some((item) => {
    const name = item.trim().toLowerCase();
    return name === 'origin' || name === '*';
  });
}

/** The response carries any Access-Control-* header: the server's CORS layer answered it. */
export const hasCorsHeaders = (exchange: Exchange): boolean =>
  [...exchange.response.headers.keys()].some((name) => name.startsWith('access-control-'));

export const isOk = (status: number): boolean => status >= 200 && status <= 299;
