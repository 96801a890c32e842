// The session cookie's attributes in the composer: they live in the /me path's query (the API sets
// the cookie they describe), so a preset, a shared link and the controls all say the same thing.
import { cookieAttributes, cookieQuery, type SameSiteChoice } from '../session-cookie.ts';
import { byId, field } from './dom.ts';

const isSession = (path: string) => /^\/?me(?:\?|$)/.test(path);

/** Shows the controls for a /me path, set to its query's attributes; hides them otherwise. */
export function showCookieControls(path: string): void {
  byId('cookie-controls').hidden = !isSession(path);
  const attributes = cookieAttributes(new URLSearchParams(path.split('?')[1] ?? ''));
  byId<HTMLSelectElement>('c-sameSite').value = attributes.sameSite;
  field('c-secure').checked = attributes.secure;
  field('c-partitioned').checked = attributes.partitioned;
}

/** The /me path with the attributes the controls show. */
export function pathWithCookie(path: string): string {
  return `${path.split('?')[0]}${cookieQuery({
    sameSite: byId<HTMLSelectElement>('c-sameSite').value as SameSiteChoice,
    secure: field('c-secure').checked,
    partitioned: field('c-partitioned').checked,
  })}`;
}
