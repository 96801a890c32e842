// Each cookie reason as a sentence in the engine's terms, and the fix a developer with a failing
// login needs.
import type { CookieRules } from '../engines/cookie-rules.ts';
import type { CookieReason, SimulatedCookie } from './types.ts';

export interface Wording {
  /** The engine's label (`Chromium 156`). */
  readonly engine: string;
  readonly rules: CookieRules;
}

/** The attributes a cookie needs to be set and sent cross-site in this engine. */
function crossSiteAttributes(rules: CookieRules): string {
  return rules.thirdParty === 'block' ? 'SameSite=None; Secure; Partitioned' : 'SameSite=None; Secure';
}

const SAME_SITE_API = "or serve the API from the page's own site (api.example.com for app.example.com)";

export function cookieMessage(
  reason: CookieReason,
  cookie: SimulatedCookie,
  storing: boolean,
  { engine, rules }: Wording,
): string {
  const what = storing ? `${engine} does not store ${cookie.name}` : `${engine} does not send ${cookie.name}`;
  switch (reason) {
    case 'credentials-not-included':
      return `${what}: the request is made without credentials (credentials 'omit', or 'same-origin' to another origin).`;
    case 'preflight':
      return `A preflight never carries cookies: ${cookie.name} is not sent on it.`;
    case 'secure-insecure-url':
      return `${what}: it is Secure and the URL is not https${rules.secureOnLocalhost ? '' : ` (${engine} keeps no Secure cookie over http, not even on localhost)`}.`;
    case 'samesite-none-insecure':
      return `${what}: SameSite=None without Secure is rejected.`;
    case 'partitioned-insecure':
      return `${what}: Partitioned without Secure is rejected.`;
    case 'samesite-strict':
    case 'samesite-lax':
      return `${what}: it is SameSite=${reason === 'samesite-strict' ? 'Strict' : 'Lax'} and the ${storing ? 'answer comes from' : 'request goes to'} another site than the page's.`;
    case 'samesite-unset-lax':
      return `${what}: it has no SameSite attribute, which ${engine} reads as SameSite=Lax, and the ${storing ? 'answer comes from' : 'request goes to'} another site than the page's.`;
    case 'third-party-blocked':
      return rules.thirdParty === 'no-third-party-set'
        ? `${what}: ${engine} lets only answers from the page's own host set cookies (third-party cookies blocked by default: ${rules.thirdPartySetting}).`
        : `${what}: it is a third-party cookie (the page is on another site) and ${engine} blocks them by default (${rules.thirdPartySetting}).`;
    case 'third-party-partitioned':
      return storing
        ? `${engine} stores ${cookie.name} in the page's top-level site's own partition (third-party cookies are partitioned by default: ${rules.thirdPartySetting}); requests from pages of other sites do not see it.`
        : `${what}: in a page of another site, ${engine} uses a cookie jar of that site's own (${rules.thirdPartySetting}); a cookie set by visiting the API's site is not in it.`;
    case 'other-partition':
      return `${what}: it is kept for pages of another top-level site (partitioned).`;
    case 'domain-mismatch':
      return `${what}: its Domain does not cover the URL's host.`;
    case 'path-mismatch':
      return `${what}: its Path does not cover the URL's path.`;
    case 'not-stored':
      return `${what}: it was never stored (see why above).`;
  }
}

export function cookieFix(reason: CookieReason, { engine, rules }: Wording): string | undefined {
  switch (reason) {
    case 'credentials-not-included':
      return "fetch(url, { credentials: 'include' }), with Access-Control-Allow-Credentials: true and the page's origin in Access-Control-Allow-Origin.";
    case 'secure-insecure-url':
      return rules.secureOnLocalhost
        ? 'Serve the API over https.'
        : `Serve the API over https (${engine} refuses Secure cookies over http://localhost too).`;
    case 'samesite-none-insecure':
    case 'partitioned-insecure':
      return 'Add Secure (and serve the API over https).';
    case 'samesite-strict':
    case 'samesite-lax':
    case 'samesite-unset-lax':
      return `Set the cookie with ${crossSiteAttributes(rules)}, ${SAME_SITE_API}, where SameSite does not apply.`;
    case 'third-party-blocked':
      return rules.thirdParty === 'no-third-party-set'
        ? `Serve the API from the page's own host (a path such as /api behind the same origin), or set the cookie by a top-level visit to the API. Users can change ${rules.thirdPartySetting}.`
        : `Add Partitioned (with SameSite=None; Secure) and set the cookie from a credentialed fetch() of the page, so it is kept under the page's site, ${SAME_SITE_API}. Users can change ${rules.thirdPartySetting}.`;
    case 'third-party-partitioned':
      return `Set the cookie from a credentialed fetch() of the page (it is then kept in the page's partition), ${SAME_SITE_API}.`;
    case 'other-partition':
      return 'Set the cookie again from a page of this site (a credentialed fetch() of the page).';
    case 'domain-mismatch':
    case 'path-mismatch':
      return 'Set the cookie with a Domain and Path that cover the URL.';
    case 'preflight':
    case 'not-stored':
      return undefined;
  }
}
