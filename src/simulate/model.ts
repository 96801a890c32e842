/**
 * Which browser the simulator imitates. `chromium` (the default) follows Chromium's network
 * service where it departs from the Fetch standard; `fetch` follows the standard's text.
 *
 * The seam for another engine (Firefox, WebKit): add its name here and its entry in MODELS. Every
 * place the simulator departs from the standard reads one of the ModelRules below, never the name.
 */
export type BrowserModel = 'chromium' | 'fetch';

export interface ModelRules {
  readonly name: BrowserModel;
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
   * cross-origin 301 preflights the second hop both times. The standard caches them under `null`.
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
}

export const MODELS: Readonly<Record<BrowserModel, ModelRules>> = {
  chromium: {
    name: 'chromium',
    clientHintHeaders: true,
    signedMaxAge: true,
    maxAgeCap: 7200,
    wildcardCoversAuthorization: true,
    cachesTaintedPreflights: false,
    dropsClientHintsOnRedirect: true,
    preflightCache: 'url-record',
  },
  fetch: {
    name: 'fetch',
    clientHintHeaders: false,
    signedMaxAge: false,
    maxAgeCap: Number.POSITIVE_INFINITY,
    wildcardCoversAuthorization: false,
    cachesTaintedPreflights: true,
    dropsClientHintsOnRedirect: false,
    preflightCache: 'standard-entries',
  },
};

export function modelRules(model: BrowserModel | undefined): ModelRules {
  return MODELS[model ?? 'chromium'];
}
