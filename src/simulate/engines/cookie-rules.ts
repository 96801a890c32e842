// What each engine does with cookies on a fetch() to another site, measured in Chromium 156,
// Firefox 153 ESR and WebKitGTK 2.50 by test/browser/cookies-cross-site.test.ts (page
// a.example.localhost or app.other.localhost, API api.example.localhost; every SameSite × Secure ×
// Partitioned cookie set by a visit, a same-site answer or a cross-site answer; credentials omit,
// same-origin and include; simple, preflighted and redirected requests). The rules hold for each
// engine's default settings; `thirdPartySetting` names the one users change.

export interface CookieRules {
  /**
   * A cookie without SameSite is Lax (Chromium: a cookie without SameSite set by a cross-site
   * answer is not stored even when Partitioned; Firefox keeps network.cookie.sameSite.laxByDefault
   * off and stores it; WebKit sends one set by a visit to cross-site requests).
   */
  readonly laxByDefault: boolean;
  /** SameSite=None without Secure is rejected (Chromium and Firefox; WebKit stores and sends it). */
  readonly noneRequiresSecure: boolean;
  /**
   * The Partitioned attribute (CHIPS) is understood: the cookie is kept per top-level site, and
   * rejected without Secure (Chromium and Firefox). WebKitGTK ignores it: the cookie is an ordinary one.
   */
  readonly partitioned: boolean;
  /**
   * Secure cookies may be set and sent over http://localhost, http://*.localhost and loopback
   * addresses, which are potentially trustworthy (Chromium and Firefox). WebKitGTK refuses Secure
   * cookies over http even there, although it treats those pages as secure contexts.
   */
  readonly secureOnLocalhost: boolean;
  /**
   * Cookies in a cross-site context (a fetch() from a page of another site), by default:
   * - 'allow': set and sent like any other (the standard: RFC 6265bis leaves it to the browser);
   * - 'block': neither set nor sent, unless Partitioned (Chromium 156: a SameSite=None; Secure
   *   cookie set by a visit is not sent from another site; one set by a cross-site answer is not
   *   stored; with Partitioned, both work under the page's top-level site);
   * - 'partition': set and sent, but in a jar of the top-level site's own (Firefox's Total Cookie
   *   Protection: a cross-site page never sees the cookies a visit to the API set, and the cookies
   *   its own requests set stay in its partition, Partitioned or not);
   * - 'no-third-party-set': sent, but an answer may set only cookies whose domain covers the page's
   *   host (WebKitGTK's default policy, "no third party": a same-site API on another host sets no
   *   host-only cookie, yet sets one with `Domain=example.localhost` for a page on a.example.localhost).
   */
  readonly thirdParty: 'allow' | 'block' | 'partition' | 'no-third-party-set';
  /** The setting that changes `thirdParty`, in the engine's words. */
  readonly thirdPartySetting: string;
}

export const STANDARD_COOKIES: CookieRules = {
  laxByDefault: false,
  noneRequiresSecure: true,
  partitioned: true,
  secureOnLocalhost: true,
  thirdParty: 'allow',
  thirdPartySetting: "the browser's third-party cookie setting",
};

export const ENGINE_COOKIES = {
  chromium: {
    ...STANDARD_COOKIES,
    laxByDefault: true,
    thirdParty: 'block',
    thirdPartySetting: 'chrome://settings/cookies ("Allow third-party cookies")',
  },
  firefox: {
    ...STANDARD_COOKIES,
    thirdParty: 'partition',
    thirdPartySetting: 'Enhanced Tracking Protection (Total Cookie Protection; network.cookie.cookieBehavior = 5)',
  },
  webkit: {
    ...STANDARD_COOKIES,
    noneRequiresSecure: false,
    partitioned: false,
    secureOnLocalhost: false,
    thirdParty: 'no-third-party-set',
    thirdPartySetting: 'the cookie accept policy (WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY by default)',
  },
} as const satisfies Record<string, CookieRules>;
