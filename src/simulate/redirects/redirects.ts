/** https://fetch.spec.whatwg.org/#redirect-status */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** https://fetch.spec.whatwg.org/#http-redirect-fetch: at most 20 redirects. */
export const MAX_REDIRECTS = 20;
/** https://fetch.spec.whatwg.org/#request-body-header-name: removed when a redirect turns the request into a GET. */
const REQUEST_BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);

export type LocationResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly location: string }
  | { readonly kind: 'url'; readonly url: URL };

/** https://fetch.spec.whatwg.org/#concept-response-location-url: none when not a redirect status or without a Location header. */
export function locationUrl(status: number, headers: Headers, current: URL): LocationResult {
  if (!REDIRECT_STATUSES.has(status)) return { kind: 'none' };
  const location = headers.get('location');
  if (location === null) return { kind: 'none' };
  try {
    const url = new URL(location, current);
    url.hash = url.hash || current.hash;
    return { kind: 'url', url };
  } catch {
    return { kind: 'invalid', location };
  }
}

export function hasUrlCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** https://fetch.spec.whatwg.org/#http-redirect-fetch: 301/302 turn POST into GET, 303 turns everything but GET/HEAD into GET. */
export function redirectedMethod(status: number, method: string): { method: string; dropBody: boolean } {
  if (
    ((status === 301 || status === 302) && method === 'POST') ||
    (status === 303 && method !== 'GET' && method !== 'HEAD')
  ) {
    return { method: 'GET', dropBody: true };
  }
  return { method, dropBody: false };
}

export function withoutBodyHeaders<T extends readonly [string, string]>(list: readonly T[]): T[] {
  return list.filter(([name]) => !REQUEST_BODY_HEADERS.has(name));
}

/** Client hints Chromium strips on a redirect away from the page's origin (see ModelRules). */
const CLIENT_HINTS = new Set(['dpr', 'width', 'viewport-width', 'ect', 'rtt', 'downlink', 'device-memory']);

export function withoutClientHints<T extends readonly [string, string]>(list: readonly T[]): T[] {
  return list.filter(([name]) => !CLIENT_HINTS.has(name));
}
