import type { RequestReader } from './request.ts';

/**
 * Cross-origin request detection in the style of Go's net/http.CrossOriginProtection
 * (cors-protocol.md §10): Sec-Fetch-Site when the browser sends it, else Origin against Host.
 * Requests carrying neither (non-browser clients) are not cross-origin.
 */
export function isCrossOriginRequest<Req>(request: Req, reader: RequestReader<Req>, origin: string | undefined): boolean {
  const site = reader.header(request, 'sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  if (origin === undefined) return false;
  const host = reader.header(request, 'host');
  const schemeEnd = origin.indexOf('://');
  if (host === undefined || schemeEnd === -1) return true;
  return origin.slice(schemeEnd + 3) !== host.toLowerCase();
}

/** Fetch §2.2.1 safe methods plus OPTIONS: they must not change state, so the guard lets them pass. */
export function isStateChangingMethod(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
