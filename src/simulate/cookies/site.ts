import { isPotentiallyTrustworthyHost } from '../../core/origin-host.ts';
import { isPublicSuffix } from '../../core/public-suffixes.ts';

/** The public suffix plus one label: the first tail (longest first) that is a suffix, every last label being one. */
function registrable(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const suffixStart = labels.findIndex(
    (_, i) => i > 0 && (i === labels.length - 1 || isPublicSuffix(labels.slice(i).join('.'))),
  );
  return labels.slice(Math.max(suffixStart - 1, 0)).join('.');
}

/**
 * The site of a URL or origin (https://html.spec.whatwg.org/multipage/browsers.html#obtain-a-site):
 * its scheme and registrable domain (`https://example.com` for https://api.example.com/x), the
 * host itself for an IP literal; undefined for an opaque origin ('null') or something unparsable.
 * `localhost` counts as a public suffix, as every engine measured treats it: a.example.localhost
 * and api.example.localhost are one site, app.other.localhost another.
 */
export function siteOf(urlOrOrigin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(urlOrOrigin);
  } catch {
    return undefined;
  }
  const host = url.hostname;
  if (host === '' || url.origin === 'null') return undefined;
  const isIp = host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host);
  return `${url.protocol}//${isIp || !host.includes('.') ? host : registrable(host)}`;
}

/** https, or (when the engine allows it) http to localhost, *.localhost or a loopback address. */
export function isSecureUrl(url: URL, localhostIsSecure: boolean): boolean {
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  return localhostIsSecure && isPotentiallyTrustworthyHost(url.hostname);
}
