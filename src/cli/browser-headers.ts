import { isPotentiallyTrustworthyHost } from '../core/origin-pattern.ts';
import type { TransportRequest } from '../simulate/index.ts';

function site(host: string): string {
  // Good enough for a hint: the last two labels (no public suffix list here).
  return host.split('.').slice(-2).join('.');
}

export interface BrowserHeaderOptions {
  /** The page's origin, serialised, or 'null'. */
  readonly pageOrigin: string;
  /** The Cookie header a credentialed exchange carries, if any. */
  readonly cookie?: string;
}

/**
 * Headers Chromium adds to a fetch() that script cannot set: User-Agent; the Fetch Metadata
 * headers (sent to potentially trustworthy URLs), which CSRF guards read; and the cookies, only
 * on exchanges that include credentials.
 */
export function browserHeaders(options: BrowserHeaderOptions) {
  const { pageOrigin, cookie } = options;
  return (request: TransportRequest): Record<string, string> => {
    const url = new URL(request.url);
    const headers: Record<string, string> = { 'user-agent': 'corsguard-check (like Chromium)', accept: '*/*' };
    if (url.protocol === 'https:' || isPotentiallyTrustworthyHost(url.hostname)) {
      const from = pageOrigin === 'null' ? undefined : new URL(pageOrigin);
      headers['sec-fetch-mode'] = 'cors';
      headers['sec-fetch-dest'] = 'empty';
      headers['sec-fetch-site'] =
        from === undefined ? 'cross-site' : from.origin === url.origin ? 'same-origin' : from.protocol === url.protocol && site(from.hostname) === site(url.hostname) ? 'same-site' : 'cross-site';
    }
    if (cookie !== undefined && request.includeCredentials) headers.cookie = cookie;
    return headers;
  };
}
