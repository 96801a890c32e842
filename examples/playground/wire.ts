// What the playground's API saw and answered, one record per HTTP exchange: the page fetches these
// to draw what happened on the wire. Shared by the server and the page (types only).
import type { DebugEvent } from '../../src/index.ts';

/** The policy as the page edits it: plain JSON (no predicate, RegExp or debug function). */
export type PolicyJson = Record<string, unknown>;

export type HeaderPairs = ReadonlyArray<readonly [string, string]>;

/** Which of the two API origins answered: the cross-site one, or the same-site one used for cookies. */
export type ApiName = 'api' | 'site';

export interface WireRecord {
  /** Sequence number over both API servers; also sent as X-Request-Id. */
  readonly id: number;
  readonly server: ApiName;
  readonly method: string;
  /** The request target as received (path and query). */
  readonly target: string;
  /** Request headers as received, names in lower case, in order. */
  readonly requestHeaders: HeaderPairs;
  readonly status: number;
  /** Response headers as written, names in lower case. */
  readonly responseHeaders: HeaderPairs;
  /** The route handler ran (CORS let the request through to the application). */
  readonly handled: boolean;
  /** corsguard's explanation of its decision (the `debug` option's event). */
  readonly decision?: DebugEvent;
  /** The names of the cookies the request carried (its Cookie header), as the API received them. */
  readonly cookiesReceived?: readonly string[];
  /** An exchange the page's simulator made (through the page server), not the browser. */
  readonly simulator: boolean;
  /**
   * Node's HTTP parser refused the request before corsguard or a route saw it (its error code, e.g.
   * HPE_INVALID_METHOD for a lower-case `patch`); the status is Node's, with no CORS headers.
   */
  readonly parserError?: string;
}

/** GET /wire?after=N on the page server. */
export interface WireLog {
  readonly records: readonly WireRecord[];
  /** The last id handed out, to pass as `after` next time. */
  readonly last: number;
}

/** What the page learns about its surroundings when it loads. */
export interface PlaygroundConfig {
  readonly pageOrigin: string;
  readonly apiOrigin: string;
  /** The API on a same-site origin (same host as the page, another port): cookies travel. */
  readonly siteOrigin: string;
}

/** The simulator's exchange through the page server (POST /exchange). */
export interface ExchangeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderPairs;
}

export interface ExchangeResponse {
  readonly status: number;
  readonly headers: HeaderPairs;
}

/** Why the page server refused a request (every refusal but an invalid policy, which lists its CorsConfigError issues). */
export type PageErrorCode =
  | 'host-not-allowed'
  | 'origin-not-allowed'
  | 'content-type-not-json'
  | 'body-too-large'
  | 'invalid-json'
  | 'invalid-exchange'
  | 'not-an-api-origin'
  | 'exchange-failed'
  | 'not-found'
  | 'internal-error';

/** The page server's answer when it refuses a request. */
export interface PageError {
  readonly code: PageErrorCode;
  readonly error: string;
}

/** The header that marks an exchange as the simulator's: the API answers it without changing state. */
export const SIMULATOR_HEADER = 'x-playground-simulator';
