/**
 * A Location that points into the upstream, rewritten to the same resource through the gateway: a
 * path-absolute reference without the base path (`https://api.example.com/v1/login?x` →
 * `/login?x`), which the browser resolves against the gateway's own URL. A relative-path or
 * query-only reference (`edit`, `../list`, `?page=2`) is left as it is: the browser resolves it
 * against the URL it requested, the gateway's, which already maps to the right upstream path.
 * Locations elsewhere are left as they are too: the browser follows them itself. A rewritten
 * Location never starts with `//` or `/\`.
 */
export function rewriteLocation(location: string, upstream: URL, basePath: string): string {
  // The URL parser skips leading C0 controls and spaces; so does the browser reading Location.
  const reference = location.replace(/^[\u0000-\u0020]+/, '');
  // https://url.spec.whatwg.org/#relative-url-string: no scheme and no leading slash (or backslash).
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(reference) && !/^[/\\]/.test(reference)) return location;
  let target: URL;
  try {
    target = new URL(reference, upstream);
  } catch {
    return location;
  }
  if (target.origin !== upstream.origin) return location;
  const path = target.pathname;
  if (basePath !== '' && path !== basePath && !path.startsWith(`${basePath}/`)) return location;
  // `/v1//evil.example/x` minus `/v1` would be `//evil.example/x`, a network-path reference: a
  // redirect off the gateway's origin. The URL parser has already turned backslashes into slashes.
  // One slash is the same gateway path (the gateway merges runs of slashes in every request target).
  const rest = (path.slice(basePath.length) || '/').replace(/^\/{2,}/, '/');
  return rest + target.search + target.hash;
}
