import { isPotentiallyTrustworthyHost } from '../../core/origin-pattern.ts';
import type { TransportRequest } from '../../simulate/index.ts';

function site(host: string): string {
  // Good enough for a hint: the last two labels (no public suffix list here).
  return host.split('.').slice(-2).join('.');
}

export interface BrowserHeaderOptions {
  /** The page's origin, serialised, or 'null'. */
  readonly pageOrigin: string;
  /**
   * The Cookie header a credentialed exchange carries, and the URL it was given for: it goes to
   * that URL's host only (any port), as a browser's jar sends a host-only cookie.
   */
  readonly cookie?: { readonly value: string; readonly url: string };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Headers Chromium adds to a fetch() that script cannot set: User-Agent; the Fetch Metadata
 * headers (sent to potentially trustworthy URLs), which CSRF guards read; and the cookies, only
 * on exchanges that include credentials, and only to the host they were given for: never to a
 * redirect target on another host.
 */
export function browserHeaders(options: BrowserHeaderOptions) {
  const { pageOrigin, cookie } = options;
  const cookieHost = cookie === undefined ? undefined : hostOf(cookie.url);
  return (request: TransportRequest): Record<string, string> => {
    const url = new URL(request.url);
    const headers: Record<string, string> = { 'user-agent': 'corsguard-check (like Chromium)', accept: '*/*' };
    if (url.protocol === 'https:' || isPotentiallyTrustworthyHost(url.hostname)) {
      const from = pageOrigin === 'null' ? undefined : new URL(pageOrigin);
      headers['sec-fetch-mode'] = 'cors';
      headers['sec-fetch-dest'] = 'empty';
      headers['sec-fetch-site'] =
        from === undefined
          ? 'cross-site'
          : from.origin === url.origin
            ? 'same-origin'
            : from.protocol === url.protocol && site(from.hostname) === site(url.hostname)
              ? 'same-site'
              : 'cross-site';
    }
    // The simulator's cookie model decided (SimulatedRequest.cookies); else the cookie given for a host.
    if (request.cookie !== undefined) headers.cookie = request.cookie;
    else if (cookie !== undefined && request.includeCredentials && url.hostname === cookieHost)
      headers.cookie = cookie.value;
    return headers;
  };
}
