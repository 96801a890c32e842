// The session cookie the playground's /me route sets, with the attributes the page asks for in the
// query (?samesite=Strict|Lax|None|unset&secure&partitioned; no query: SameSite=Lax, as before).
// Shared by the API and the page (the page builds the query, the API reads it).

export type SameSiteChoice = 'Strict' | 'Lax' | 'None' | 'unset';

export interface CookieAttributes {
  readonly sameSite: SameSiteChoice;
  readonly secure: boolean;
  readonly partitioned: boolean;
}

export const DEFAULT_COOKIE: CookieAttributes = { sameSite: 'Lax', secure: false, partitioned: false };
const CHOICES: readonly SameSiteChoice[] = ['Strict', 'Lax', 'None', 'unset'];

export function cookieAttributes(query: URLSearchParams): CookieAttributes {
  const asked = query.get('samesite');
  const sameSite = CHOICES.find((choice) => choice.toLowerCase() === asked?.toLowerCase()) ?? DEFAULT_COOKIE.sameSite;
  return { sameSite, secure: query.has('secure'), partitioned: query.has('partitioned') };
}

export function cookieQuery({ sameSite, secure, partitioned }: CookieAttributes): string {
  return `?samesite=${sameSite}${secure ? '&secure' : ''}${partitioned ? '&partitioned' : ''}`;
}

/** The cookie's name (one per set of attributes) and its Set-Cookie line for a value. */
export function sessionCookie(query: URLSearchParams): { readonly name: string; line(value: string): string } {
  const attributes = cookieAttributes(query);
  const { sameSite, secure, partitioned } = attributes;
  const plain = sameSite === 'Lax' && !secure && !partitioned;
  const name = plain
    ? 'playground_session'
    : `playground_session_${sameSite.toLowerCase()}${secure ? '_secure' : ''}${partitioned ? '_partitioned' : ''}`;
  const parts = [`${name}=VALUE`, 'Path=/', ...(sameSite === 'unset' ? [] : [`SameSite=${sameSite}`])];
  if (secure) parts.push('Secure');
  if (partitioned) parts.push('Partitioned');
  parts.push('HttpOnly');
  return { name, line: (value) => parts.join('; ').replace('VALUE', value) };
}
