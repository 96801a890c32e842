import type { SameSite, SimulatedCookie } from './types.ts';

/**
 * A Set-Cookie line as a cookie (https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-the-set-cookie-header-field):
 * the name and value, then the attributes that decide where it travels. Undefined for a line
 * with no name-value pair. An unknown SameSite value counts as none given.
 */
export function parseSetCookie(line: string): SimulatedCookie | undefined {
  const [pair = '', ...attributes] = line.split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return undefined;
  const cookie: { -readonly [K in keyof SimulatedCookie]: SimulatedCookie[K] } = {
    name: pair.slice(0, equals).trim(),
    value: pair.slice(equals + 1).trim(),
  };
  for (const attribute of attributes) {
    const [rawName = '', ...rest] = attribute.split('=');
    const name = rawName.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (name === 'secure') cookie.secure = true;
    else if (name === 'partitioned') cookie.partitioned = true;
    else if (name === 'domain' && value) cookie.domain = value.replace(/^\./, '').toLowerCase();
    else if (name === 'path' && value.startsWith('/')) cookie.path = value;
    else if (name === 'samesite') cookie.sameSite = sameSiteOf(value);
  }
  if (cookie.sameSite === undefined) delete cookie.sameSite;
  return cookie;
}

function sameSiteOf(value: string): SameSite | undefined {
  const lower = value.toLowerCase();
  return lower === 'strict' ? 'Strict' : lower === 'lax' ? 'Lax' : lower === 'none' ? 'None' : undefined;
}

/** The attributes of a cookie as they would be written after its name and value. */
export function attributesOf(cookie: SimulatedCookie): string {
  return [
    ...(cookie.domain ? [`Domain=${cookie.domain}`] : []),
    ...(cookie.path && cookie.path !== '/' ? [`Path=${cookie.path}`] : []),
    ...(cookie.sameSite ? [`SameSite=${cookie.sameSite}`] : []),
    ...(cookie.secure ? ['Secure'] : []),
    ...(cookie.partitioned ? ['Partitioned'] : []),
  ].join('; ');
}
