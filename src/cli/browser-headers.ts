import type { TransportRequest } from '../simulate/index.ts';

function site(host: string): string {
  // Good enough for a hint: the last two labels (no public suffix list here).
  return host.split('.').slice(-2).join('.');
}

/**
 * Headers Chromium adds to every fetch() that script cannot set: User-Agent, and the Fetch
 * Metadata headers (sent to potentially trustworthy URLs), which CSRF guards read.
 */
export function browserHeaders(pageOrigin: string) {
  return (request: TransportRequest): Record<string, string> => {
    const url = new URL(request.url);
    const headers: Record<string, string> = { 'user-agent': 'corsguard-check (like Chromium)', accept: '*/*' };
    const trustworthy = url.protocol === 'https:' || url.hostname === 'localhost' || url.hostname.endsWith('.localhost') || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    if (trustworthy) {
      const from = pageOrigin === 'null' ? undefined : new URL(pageOrigin);
      headers['sec-fetch-mode'] = 'cors';
      headers['sec-fetch-dest'] = 'empty';
      headers['sec-fetch-site'] =
        from === undefined ? 'cross-site' : from.origin === url.origin ? 'same-origin' : from.protocol === url.protocol && site(from.hostname) === site(url.hostname) ? 'same-site' : 'cross-site';
    }
    return headers;
  };
}
