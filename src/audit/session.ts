import type { TransportRequest } from '../simulate/index.ts';

/**
 * What the user logs in with (-H and --cookie): sent on every request to the audited URL, attacker
 * origins included, and to no other host (the guarded transport sends nothing elsewhere).
 */
export interface Session {
  /** -H headers, on every request but preflights. */
  readonly headers: readonly (readonly [string, string])[];
  /** The Cookie header value, on every credentialed request but preflights. */
  readonly cookie?: string;
}

export const NO_SESSION: Session = { headers: [] };

export const hasSession = (session: Session): boolean => session.headers.length > 0 || session.cookie !== undefined;

/**
 * A browser sends neither the page's header values nor its cookies on a preflight, only the header
 * names (https://fetch.spec.whatwg.org/#cors-preflight-fetch): an answer judged on them would be
 * one no browser ever gets.
 */
const isPreflight = (request: Pick<TransportRequest, 'method' | 'headers'>): boolean =>
  request.method === 'OPTIONS' && request.headers.has('access-control-request-method');

/** The session headers this request carries on top of its own (the ones it does not set itself). */
export function sessionHeaders(
  session: Session,
  request: Pick<TransportRequest, 'method' | 'headers' | 'includeCredentials'>,
): [string, string][] {
  if (isPreflight(request)) return [];
  const added: [string, string][] = session.headers
    .filter(([name]) => !request.headers.has(name))
    .map(([name, value]) => [name, value]);
  if (session.cookie !== undefined && request.includeCredentials && !request.headers.has('cookie'))
    added.push(['cookie', session.cookie]);
  return added;
}

const SECRET_NAME = /^(cookie|authorization|proxy-authorization)$|token|secret|session|passw|auth|key|csrf|xsrf|jwt/i;

/** A header value as reports show it: secrets (cookies, tokens, keys) never reach a report or a SARIF upload. */
export const redactedValue = (name: string, value: string): string =>
  SECRET_NAME.test(name) ? `[redacted, ${value.length} bytes]` : value;

/** -H 'Cookie: …' lines become part of the session's cookie (a browser would never send them as a page's header). */
export function sessionOf(headers: readonly (readonly [string, string])[], cookie: string | undefined): Session {
  const cookies = headers.filter(([name]) => name.toLowerCase() === 'cookie').map(([, value]) => value);
  const joined = [...cookies, ...(cookie === undefined ? [] : [cookie])].join('; ');
  return {
    headers: headers.filter(([name]) => name.toLowerCase() !== 'cookie'),
    ...(joined === '' ? {} : { cookie: joined }),
  };
}

/** The request as sent (its own headers and the session's), for a finding's evidence, secrets redacted. */
export function sentRequest(
  session: Session,
  request: TransportRequest,
): { request: { method: string; url: string; headers: Record<string, string> }; authenticated: boolean } {
  const added = sessionHeaders(session, request);
  const headers: Record<string, string> = {};
  for (const [name, value] of [...request.headers, ...added]) headers[name.toLowerCase()] = redactedValue(name, value);
  return { request: { method: request.method, url: request.url, headers }, authenticated: added.length > 0 };
}
