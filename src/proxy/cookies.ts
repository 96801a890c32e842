/**
 * A Set-Cookie value rewritten so the browser stores it for the gateway: the Domain attribute is
 * removed (a host-only cookie for the gateway's host), and a Path under the upstream's base path
 * loses that prefix (`/v1/account` → `/account` for upstream `https://api.example.com/v1`).
 */
export function rewriteSetCookie(value: string, basePath: string): string {
  const parts = value.split(';');
  const kept = [parts[0]!];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === 'domain') continue;
    if (name === 'path' && basePath !== '') {
      const path = part.slice(eq + 1).trim();
      if (path === basePath || path.startsWith(`${basePath}/`)) {
        kept.push(` Path=${path.slice(basePath.length) || '/'}`);
        continue;
      }
    }
    kept.push(part);
  }
  return kept.join(';');
}
