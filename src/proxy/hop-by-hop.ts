// Hop-by-hop headers belong to one connection and are never forwarded
// (https://httpwg.org/specs/rfc9110.html#field.connection).

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/**
 * End-to-end headers a Connection header can never remove: dropping Content-Length would leave a
 * body unframed (the next hop would read it as another request), dropping Host would change where it goes.
 */
const NEVER_LISTED = new Set(['content-length', 'host']);

/** The lower-case header names a Connection header lists (they are hop-by-hop too). */
export function connectionListed(connection: string | readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (connection === undefined) return undefined;
  const value = typeof connection === 'string' ? connection : connection.join(',');
  if (value === '') return undefined;
  const names = new Set<string>();
  for (const token of value.split(',')) {
    const name = token.trim().toLowerCase();
    if (name !== '' && !NEVER_LISTED.has(name)) names.add(name);
  }
  return names;
}

/** A lower-case header name that never crosses the gateway: hop-by-hop, `Proxy-*`, or listed in Connection. */
export function isHopByHop(name: string, listed: ReadonlySet<string> | undefined): boolean {
  return HOP_BY_HOP.has(name) || name.startsWith('proxy-') || listed?.has(name) === true;
}
