/**
 * Which browser the simulator imitates. `chromium` (the default), `firefox` and `webkit` follow
 * that engine where it departs from the Fetch standard; `fetch` follows the standard's text.
 * Each engine's entry starts from the standard's and every departure is a rule below, with the
 * experiment that shows it (measured in Chromium 156, Firefox 153 ESR and WebKitGTK 2.50; the
 * differential test, test/browser/simulate-differential.test.ts, keeps each model in step with
 * its engine). A new engine is a name here and an entry in MODELS; the simulator reads the rules,
 * never the name.
 */
import { ENGINE_COOKIES, STANDARD_COOKIES, type CookieRules } from './cookie-rules.ts';

export type BrowserModel = 'chromium' | 'firefox' | 'webkit' | 'fetch';

export const BROWSER_MODELS: readonly BrowserModel[] = ['chromium', 'firefox', 'webkit', 'fetch'];

export interface ModelRules {
  readonly name: BrowserModel;
  /** The engine and version the rules were measured on (or the standard). */
  readonly label: string;
  /** Chromium safelists Save-Data, DPR, Width, RTT, ECT… request headers (client hints). */
  readonly clientHintHeaders: boolean;
  /** Chromium reads Access-Control-Max-Age with an optional sign (negative = 0); Fetch wants digits only. */
  readonly signedMaxAge: boolean;
  /** Longest a preflight may be cached, in seconds (Chromium: 2 h; the standard sets no cap). */
  readonly maxAgeCap: number;
  /**
   * `Access-Control-Allow-Headers: *` covers Authorization. The standard says it must not
   * (Authorization is a "CORS non-wildcard request-header name"); Chromium 156 still lets it —
   * differential case: PUT with `Authorization`, credentials 'omit', preflight answered
   * `Access-Control-Allow-Headers: *` → Chromium sends the request and script reads the response.
   * Such a result is not used from the preflight cache for Authorization, though (see PreflightCache).
   */
  readonly wildcardCoversAuthorization: boolean;
  /**
   * A redirect-tainted origin is a fresh opaque origin in Chromium, so its preflights are neither
   * cached nor served from the cache — differential case: the same PATCH fetched twice through a
   * cross-origin 301 preflights the second hop both times. The standard caches them under `null`;
   * Firefox under the page's origin, which its tainted preflights carry (ModelRules.taintedPreflightOrigin)
   * — differential case: OPTIONS with `Range: bytes=1-0` and credentials twice through a 307 to
   * another origin, every method and header listed, max-age 99999999 → the target is preflighted once.
   */
  readonly cachesTaintedPreflights: boolean;
  /**
   * Chromium removes client-hint request headers (DPR, Width, Viewport-Width, ECT, RTT, Downlink,
   * Device-Memory) when a redirect leads away from the page's origin, even ones script set —
   * differential case: GET with `DPR: 2` redirected 301 api → api/h2 arrives without DPR.
   */
  readonly dropsClientHintsOnRedirect: boolean;
  /**
   * How preflight results are cached: `url-record` is Chromium's one record per origin + URL,
   * replaced by each successful preflight (services/network/cors/preflight_cache.cc);
   * `standard-entries` is the standard's per-method and per-header entries, merged across
   * preflights, each with its own expiry (https://fetch.spec.whatwg.org/#cors-preflight-cache).
   */
  readonly preflightCache: 'url-record' | 'standard-entries';
  /**
   * The `Origin` a preflight carries once a redirect tainted the request's origin. The standard:
   * `null`, as on the request. Firefox sends the page's origin on the preflight (and `null` on the
   * request) — differential case: PATCH answered 307 to another origin; the target's OPTIONS
   * arrives with `Origin: http://a.example.localhost:P`, the PATCH with `Origin: null`.
   */
  readonly taintedPreflightOrigin: 'null' | 'page';
  /**
   * What an Access-Control-Max-Age that is not delta-seconds (`1.5`, `abc`) means: the default
   * (5 s, the standard) or nothing cached (Firefox — differential case: DELETE twice, preflight
   * answered `Access-Control-Max-Age: 1.5` → two preflights).
   */
  readonly invalidMaxAge: 'default' | 'none';
  /**
   * Once a request was preflighted, a redirect target is preflighted too, even when the request
   * no longer needs one there (a 303 turned DELETE into GET; a cross-origin redirect dropped
   * Authorization). The standard and Chromium do not; Firefox and WebKit do — differential case:
   * DELETE answered 303 to another origin → `OPTIONS` with `Access-Control-Request-Method: GET`
   * at the target before the GET.
   */
  readonly preflightsEveryHopAfterPreflight: boolean;
  /**
   * Methods a 301, 302, 307 or 308 redirect to another origin turns into GET (without the body).
   * The standard keeps them; WebKitGTK turns DELETE into GET — differential case: DELETE answered
   * 307 to another origin arrives there as GET.
   */
  readonly crossOriginRedirectToGet: readonly string[];
  /**
   * The target's preflight still lists, in Access-Control-Request-Headers, unsafe headers a
   * redirect dropped from the request (WebKit): Authorization after a redirect to another origin,
   * Content-Type after a 303 — differential cases: GET with Authorization answered 301 to another
   * origin → the target's OPTIONS asks for `authorization`, the GET arrives without it; POST with
   * `Content-Type: application/json` answered 303 → the target's OPTIONS asks for `content-type`.
   */
  readonly preflightListsDroppedHeaders: boolean;
  /**
   * fetch(url, { cache: 'no-store' }) also skips the preflight cache (Chromium and Firefox; the
   * standard's cache mode is about the HTTP cache, and WebKit keeps using the preflight cache) —
   * test/browser/conformance/preflight-cache.test.ts: three no-store PUTs with Max-Age 600 send
   * three preflights in Chromium and Firefox, one in WebKit.
   */
  readonly noStoreSkipsPreflightCache: boolean;
  /**
   * A cached preflight whose Access-Control-Allow-Headers was `*` serves a later request with
   * Authorization. Chromium's cache never lets it (differential case: POST + Authorization,
   * `*`, max-age 600, fetched twice → two preflights); WebKit's does (differential case: DELETE +
   * Authorization, `*`, fetched twice → one preflight per hop).
   */
  readonly cachedWildcardCoversAuthorization: boolean;
  /**
   * `Range: Bytes=0-1` (the unit in another case) is safelisted. The standard and Chromium want
   * `bytes` exactly; WebKit does not mind — differential case: GET with `Range: Bytes=0-1` is sent
   * without a preflight.
   */
  readonly caselessRangeUnit: boolean;
  /**
   * A preflight whose answer passes the CORS and status checks is cached even when it does not
   * allow the request's method or headers, and a cached `*` is judged by each later request's
   * credentials mode (WebKit) — differential case: POST + `Content-Type: application/json` with
   * credentials, answered `Access-Control-Allow-Headers: *` (a literal name with credentials) →
   * refused; the same POST without credentials right after is sent with no preflight.
   */
  readonly cachesRefusedPreflights: boolean;
  /**
   * A cached `Access-Control-Allow-Methods: *` serves later requests (the standard's cache entry
   * for `*` matches any method without credentials). Firefox's does not: differential case:
   * DELETE twice, preflight answered `Access-Control-Allow-Methods: *` and a long max-age → two
   * preflights; the same with `DELETE` listed → one.
   */
  readonly cachedWildcardCoversMethods: boolean;
  /**
   * A cached `Access-Control-Allow-Headers: *` serves later requests' headers (the standard's
   * cache entry for `*` matches any name but Authorization without credentials). Firefox's does
   * not: differential case: POST with `X-B: 2` twice, preflight answered
   * `Access-Control-Allow-Headers: *` and `Access-Control-Max-Age: 99999999` → two preflights;
   * the same with `x-b` listed → one.
   */
  readonly cachedWildcardCoversHeaders: boolean;
  /**
   * Methods a cached preflight covers with no entry for them (the standard: the CORS-safelisted
   * methods, https://fetch.spec.whatwg.org/#cors-safelisted-method). Firefox's cache wants an
   * entry for HEAD — differential case: HEAD with `Save-Data: on` twice, preflight answered
   * `Access-Control-Allow-Methods: PATCH,…,OPTIONS` (no HEAD) and the header listed → two
   * preflights; GET the same way → one.
   */
  readonly cacheCoversMethodsWithoutEntry: readonly string[];
  /**
   * A cached preflight serves only requests of the credentials mode it was made for (Firefox keys
   * its cache by credentials); in the standard an entry made with credentials also serves requests
   * without — differential case: PUT with credentials 'include', then the same PUT with 'omit' (or
   * 'same-origin'), `PUT` listed, max-age 600 → Firefox preflights both, Chromium and WebKit once.
   */
  readonly preflightCacheKeyedByCredentials: boolean;
  /**
   * A request that fails its CORS check removes the cached preflight for its URL (Firefox) —
   * differential case: Foo with credentials twice, preflight allowed and cached, the answer
   * `Access-Control-Allow-Origin: *` (refused with credentials) → the second Foo is preflighted again.
   */
  readonly forgetsPreflightOnFailure: boolean;
  /**
   * A lookup the URL's cached record does not cover removes the record (Chromium and WebKit:
   * services/network/cors/preflight_cache.cc, CheckIfRequestCanSkipPreflight), so a refused
   * preflight that follows leaves nothing cached — test/browser/conformance/preflight-cache.test.ts:
   * PUT, `patch` refused (403), PUT with Max-Age 600 → three preflights; with the `patch` sent
   * `cache: 'no-store'`, which Chromium does not look up, two.
   */
  readonly dropsRecordOnMiss: boolean;
  /**
   * A failed preflight removes every cached entry for its URL, for whatever method or header
   * (Firefox) — test/browser/conformance/preflight-cache.test.ts: PUT, `patch` refused (403, or
   * 204 allowing only PUT, or sent `cache: 'no-store'`), PUT with Max-Age 600 → three preflights.
   */
  readonly forgetsPreflightOnPreflightFailure: boolean;
  /** Which cookies the engine stores and sends across sites (cookie-rules.ts). */
  readonly cookies: CookieRules;
}

/** The Fetch standard's behaviour: every engine model starts from it and lists only where the engine departs. */
const STANDARD: ModelRules = {
  name: 'fetch',
  label: 'the Fetch standard',
  clientHintHeaders: false,
  signedMaxAge: false,
  maxAgeCap: Number.POSITIVE_INFINITY,
  wildcardCoversAuthorization: false,
  cachesTaintedPreflights: true,
  dropsClientHintsOnRedirect: false,
  preflightCache: 'standard-entries',
  taintedPreflightOrigin: 'null',
  invalidMaxAge: 'default',
  preflightsEveryHopAfterPreflight: false,
  crossOriginRedirectToGet: [],
  preflightListsDroppedHeaders: false,
  noStoreSkipsPreflightCache: false,
  cachedWildcardCoversAuthorization: false,
  caselessRangeUnit: false,
  cachesRefusedPreflights: false,
  cachedWildcardCoversMethods: true,
  cachedWildcardCoversHeaders: true,
  cacheCoversMethodsWithoutEntry: ['GET', 'HEAD', 'POST'],
  preflightCacheKeyedByCredentials: false,
  forgetsPreflightOnFailure: false,
  dropsRecordOnMiss: false,
  forgetsPreflightOnPreflightFailure: false,
  cookies: STANDARD_COOKIES,
};

export const MODELS: Readonly<Record<BrowserModel, ModelRules>> = {
  chromium: {
    ...STANDARD,
    name: 'chromium',
    label: 'Chromium 156',
    clientHintHeaders: true,
    signedMaxAge: true,
    maxAgeCap: 7200,
    wildcardCoversAuthorization: true,
    cachesTaintedPreflights: false,
    dropsClientHintsOnRedirect: true,
    preflightCache: 'url-record',
    noStoreSkipsPreflightCache: true,
    dropsRecordOnMiss: true,
    cookies: ENGINE_COOKIES.chromium,
  },
  firefox: {
    ...STANDARD,
    name: 'firefox',
    label: 'Firefox 153 ESR',
    // Firefox's pref network.cors_preflight.authorization_covered_by_wildcard, true by default.
    wildcardCoversAuthorization: true,
    taintedPreflightOrigin: 'page',
    invalidMaxAge: 'none',
    preflightsEveryHopAfterPreflight: true,
    noStoreSkipsPreflightCache: true,
    cachedWildcardCoversMethods: false,
    cachedWildcardCoversHeaders: false,
    // nsPreflightCache::CacheEntry::CheckRequest exempts GET and POST only.
    cacheCoversMethodsWithoutEntry: ['GET', 'POST'],
    preflightCacheKeyedByCredentials: true,
    forgetsPreflightOnFailure: true,
    forgetsPreflightOnPreflightFailure: true,
    cookies: ENGINE_COOKIES.firefox,
  },
  webkit: {
    ...STANDARD,
    name: 'webkit',
    label: 'WebKitGTK 2.50',
    // `-1` caches nothing and `+10` caches (differential cases), as in Chromium.
    signedMaxAge: true,
    wildcardCoversAuthorization: true,
    // Differential case: the same PUT twice through a 302 to another origin preflights the target both times.
    cachesTaintedPreflights: false,
    // One record per URL (preflight-cache.test.ts: PUT, DELETE, PUT on one URL → three preflights).
    preflightCache: 'url-record',
    preflightsEveryHopAfterPreflight: true,
    crossOriginRedirectToGet: ['DELETE'],
    preflightListsDroppedHeaders: true,
    cachedWildcardCoversAuthorization: true,
    caselessRangeUnit: true,
    cachesRefusedPreflights: true,
    dropsRecordOnMiss: true,
    cookies: ENGINE_COOKIES.webkit,
  },
  fetch: STANDARD,
};

export function modelRules(model: BrowserModel | undefined): ModelRules {
  return MODELS[model ?? 'chromium'];
}
