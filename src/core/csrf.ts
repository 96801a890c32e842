import type { RequestReader } from './request.ts';

/**
 * Cross-origin request detection in the style of Go's net/http.CrossOriginProtection: Sec-Fetch-Site
 * (https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header) when the browser sends it,
 * else Origin against Host.
 * Requests carrying neither (non-browser clients) are not cross-origin.
 */
export function isCrossOriginRequest<Req>(
  request: Req,
  reader: RequestReader<Req>,
  origin: string | undefined,
): boolean {
  const site = reader.header(request, 'sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  if (origin === undefined) return false;
  const host = reader.header(request, 'host');
  const schemeEnd = origin.indexOf('://');
  if (host === undefined || schemeEnd === -1) return true;
  return origin.slice(schemeEnd + 3) !== host.toLowerCase();
}

/**
 * GET, HEAD and OPTIONS are safe methods (https://httpwg.org/specs/rfc9110.html#safe.methods; the
 * fourth, TRACE, is a forbidden method browsers never send): they must not change state, so the
 * guard lets them pass.
 */
export function isStateChangingMethod(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
