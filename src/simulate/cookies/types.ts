/** A cookie's SameSite attribute; absent when the cookie was set without one. */
export type SameSite = 'Strict' | 'Lax' | 'None';

/**
 * A cookie the page's browser holds for the API, as its Set-Cookie set it, and how it was set:
 * by a top-level visit to the API's site ('visit', a first-party cookie), or by the answer to a
 * credentialed fetch() from a page ('response': `setFrom` is that page's origin, the top-level
 * site the cookie was set under).
 */
export interface SimulatedCookie {
  readonly name: string;
  /** Sent as `name=value` to the transport when the browser would send it (default ''). */
  readonly value?: string;
  /** The Domain attribute; absent: a host-only cookie of the host that set it. */
  readonly domain?: string;
  /** The Path attribute (default '/'). */
  readonly path?: string;
  readonly sameSite?: SameSite;
  readonly secure?: boolean;
  readonly partitioned?: boolean;
  /** Default 'visit'. */
  readonly setBy?: 'visit' | 'response';
  /** The origin of the top-level page whose fetch set it (setBy 'response'); default: the request's origin. */
  readonly setFrom?: string;
  /** The URL whose answer set it; default: the request's URL. */
  readonly setOn?: string;
}

/**
 * Why a cookie was not stored or not sent, in the engine's terms:
 * - credentials-not-included: the exchange is made without credentials (credentials 'omit', or
 *   'same-origin' to another origin): no cookie goes out and a Set-Cookie is ignored
 *   (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch).
 * - preflight: a CORS preflight never carries cookies (https://fetch.spec.whatwg.org/#cors-preflight-fetch).
 * - secure-insecure-url: a Secure cookie, over a URL that is not secure for this engine.
 * - samesite-none-insecure: SameSite=None without Secure.
 * - partitioned-insecure: Partitioned without Secure.
 * - samesite-strict / samesite-lax: a Strict or Lax cookie set by, or sent with, a cross-site request.
 * - samesite-unset-lax: no SameSite, which this engine reads as Lax, on a cross-site request.
 * - third-party-blocked: the engine blocks third-party cookies (in a cross-site context) by default.
 * - third-party-partitioned: the engine keeps a cross-site context's cookies in a jar of the
 *   top-level site's own, apart from the cookies the API's site set.
 * - other-partition: a Partitioned cookie set under another top-level site.
 * - domain-mismatch / path-mismatch: the cookie is not for this URL.
 * - not-stored: the browser never kept the cookie (see its `held` entry).
 */
export type CookieReason =
  | 'credentials-not-included'
  | 'preflight'
  | 'secure-insecure-url'
  | 'samesite-none-insecure'
  | 'partitioned-insecure'
  | 'samesite-strict'
  | 'samesite-lax'
  | 'samesite-unset-lax'
  | 'third-party-blocked'
  | 'third-party-partitioned'
  | 'other-partition'
  | 'domain-mismatch'
  | 'path-mismatch'
  | 'not-stored';

/** What became of one cookie the browser was given, or of one Set-Cookie. */
export interface CookieStorage {
  readonly name: string;
  readonly stored: boolean;
  /** The top-level site (`https://example.com`) of the partition it is kept in; absent: the unpartitioned jar. */
  readonly partition?: string;
  /** Why it was not stored, or why it was stored in a partition. */
  readonly reason?: CookieReason;
  readonly message: string;
  /** What to change so that it is stored where the page's requests can use it. */
  readonly fix?: string;
  /** The Set-Cookie line (Set-Cookie entries only). */
  readonly line?: string;
  /** The URL whose answer carried it (Set-Cookie entries only). */
  readonly url?: string;
}

export interface CookieWithheld {
  readonly name: string;
  readonly reason: CookieReason;
  readonly message: string;
  readonly fix?: string;
}

/** The cookies of one exchange. */
export interface CookieExchange {
  readonly kind: 'preflight' | 'request';
  readonly method: string;
  readonly url: string;
  /** Names of the cookies the browser sends, in jar order. */
  readonly sent: readonly string[];
  readonly withheld: readonly CookieWithheld[];
}

/** Every cookie's fate in one simulated fetch. */
export interface CookieReport {
  /** One entry per SimulatedRequest.cookies entry: whether the browser holds it, and where. */
  readonly held: readonly CookieStorage[];
  /** Every exchange that went over the network, preflights included, in order. */
  readonly exchanges: readonly CookieExchange[];
  /** Every Set-Cookie line of every response, in order. */
  readonly set: readonly CookieStorage[];
}
