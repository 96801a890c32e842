import type { Fix } from './reasons/fixes.ts';
import type { BrowserModel } from './engines/model.ts';
import type { PreflightCache } from './cache/preflight-cache.ts';
import type { FailureStage, SimulationReason } from './reasons/codes.ts';
import type { HeadersLike } from './checks/request-headers.ts';
import type { CookieReport, SimulatedCookie } from './cookies/types.ts';

export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/** fetch()'s `cache` option. */
export type RequestCacheMode = 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';

/** A fetch() call as a page would make it. */
export interface SimulatedRequest {
  readonly url: string;
  /** The page's origin (`https://app.example.com`), or 'null'. */
  readonly origin: string;
  /** Default 'GET'. Normalised as fetch() does: only DELETE GET HEAD OPTIONS POST PUT are upper-cased. */
  readonly method?: string;
  readonly headers?: HeadersLike;
  /** Default 'same-origin', as fetch(). */
  readonly credentials?: CredentialsMode;
  /** fetch()'s cache mode, default 'default': 'no-store' skips the preflight cache in Chromium and Firefox. */
  readonly cache?: RequestCacheMode;
  /** Response headers the script wants to read; the verdict is a refusal when one is sent but not readable. */
  readonly readHeaders?: readonly string[];
  /**
   * The cookies the browser holds for the API, and how each was set. When given, the verdict's
   * `cookies` says which went with each exchange and what became of each Set-Cookie, by the
   * model's cookie rules, and each exchange's TransportRequest.cookie carries the ones sent.
   */
  readonly cookies?: readonly SimulatedCookie[];
}

/** One HTTP exchange, as the browser would send it. */
export interface TransportRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  /**
   * The browser would attach cookies and HTTP authentication to this exchange
   * (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch "includeCredentials"): credentials
   * 'include', or 'same-origin' to a same-origin URL. Never for a preflight. The simulator always
   * sets it; optional so that other callers of a Transport need not.
   */
  readonly includeCredentials?: boolean;
  /** The Cookie header the browser would send (SimulatedRequest.cookies), when it sends any. */
  readonly cookie?: string;
}

export interface TransportResponse {
  readonly status: number;
  /** All response headers; `get()` joins repeated lines with ', ', as Fetch does. */
  readonly headers: Headers;
}

/** Performs one HTTP exchange without following redirects: a real server, a recording, or a function. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export interface SimulateOptions {
  /** Default 'chromium'. */
  readonly model?: BrowserModel;
  /** A preflight cache shared across calls (a page session). Default: an empty cache per call. */
  readonly cache?: PreflightCache;
}

export type StepKind = 'request' | 'preflight' | 'preflight-cache' | 'actual' | 'redirect' | 'read';

/** One thing the browser did, and whether it passed. */
export interface SimulationStep {
  readonly kind: StepKind;
  readonly ok: boolean;
  readonly summary: string;
  /** The exchange this step is about, when it involved the network. */
  readonly request?: {
    readonly method: string;
    readonly url: string;
    readonly headers: ReadonlyArray<readonly [string, string]>;
  };
  /** The response status and the response headers that mattered for the decision. */
  readonly response?: { readonly status: number; readonly headers: ReadonlyArray<readonly [string, string]> };
}

export interface PreflightSummary {
  readonly url: string;
  /** Access-Control-Request-Method. */
  readonly method: string;
  /** Access-Control-Request-Headers, absent when no header is unsafe. */
  readonly headers?: string;
  /** A cached preflight covered the request, so none went over the network. */
  readonly cached: boolean;
  readonly status?: number;
  readonly ok: boolean;
}

export interface SimulationVerdict {
  /** The fetch resolves and every header in readHeaders that the server sent is readable. */
  readonly allowed: boolean;
  /** The (last) preflight the request needed, if any. */
  readonly preflight?: PreflightSummary;
  readonly steps: readonly SimulationStep[];
  /**
   * Things that work in the modelled browser but break elsewhere or by the standard, and a read
   * header the server did not send.
   */
  readonly warnings: readonly string[];
  readonly reason?: SimulationReason;
  readonly stage?: FailureStage;
  readonly message?: string;
  readonly fix?: Fix;
  /** The transport error's code (Node's `error.code`, e.g. 'ECONNREFUSED', 'DEPTH_ZERO_SELF_SIGNED_CERT'), for network and TLS errors. */
  readonly errorCode?: string;
  /** The final response, when the fetch resolves. */
  readonly response?: { readonly status: number; readonly url: string; readonly redirected: boolean };
  /** Response header names script can read (lower case, sorted); empty when the fetch fails. */
  readonly exposedHeaders: readonly string[];
  /**
   * Names in readHeaders the server did not send (lower case), when there are any: the browser
   * blocked nothing, but `response.headers.get()` returns null for them.
   */
  readonly unsentHeaders?: readonly string[];
  /** Every cookie's fate (SimulatedRequest.cookies given): held, sent per exchange, and each Set-Cookie. */
  readonly cookies?: CookieReport;
}
