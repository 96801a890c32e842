/**
 * A Location that points into the upstream, rewritten to the same resource through the gateway: a
 * path-absolute reference without the base path (`https://api.example.com/v1/login?x` →
 * `/login?x`), which the browser resolves against the gateway's own URL. Locations elsewhere are
 * left as they are: the browser follows them itself.
 */
export function rewriteLocation(location: string, upstream: URL, basePath: string): string {
  let target: URL;
  try {
    target = new URL(location, upstream);
  } catch {
    return location;
  }
  if (target.origin !== upstream.origin) return location;
  const path = target.pathname;
  if (basePath !== '' && path !== basePath && !path.startsWith(`${basePath}/`)) return location;
  return (path.slice(basePath.length) || '/') + target.search + target.hash;
}
