import type { DebugEvent } from './debug.ts';

/**
 * Decides whether an origin is allowed. Receives the serialised origin exactly as the browser sent
 * it and the framework's own request object. May be async (for allowlists kept in a database).
 */
export type OriginPredicate<Req = unknown> = (origin: string, request: Req) => boolean | Promise<boolean>;

/** One allowed-origin entry: an exact origin, a pattern (`https://*.example.com`, `http://localhost:*`) or an anchored RegExp. */
export type OriginEntry = string | RegExp;

export type OriginOption<Req = unknown> = '*' | OriginEntry | readonly OriginEntry[] | OriginPredicate<Req>;

export interface CsrfOptions {
  /**
   * Exact request paths (no query string) exempt from the guard, for example an OAuth or SAML
   * endpoint that receives cross-site form posts. Matched byte for byte: `/saml/acs` does not
   * exempt `/saml/acs/` or `/SAML/acs`.
   */
  readonly exemptPaths?: readonly string[];
}

export interface CorsOptions<Req = unknown> {
  /** Which origins may read responses. Required; there is no permissive default. */
  readonly origin: OriginOption<Req>;
  /** Methods allowed beyond GET, HEAD and POST (always allowed). Case-sensitive. `'*'` allows any. Default: none. */
  readonly methods?: string | readonly string[];
  /** Request header names allowed beyond the safelisted ones, case-insensitive. `'*'` = any name except `Authorization`. Default: none. */
  readonly allowedHeaders?: string | readonly string[];
  /** Response header names script may read. `'*'` = all, only without credentials. Default: none. */
  readonly exposedHeaders?: string | readonly string[];
  /** Allow cookies and HTTP authentication (`Access-Control-Allow-Credentials: true`). Default: false. */
  readonly credentials?: boolean;
  /** Seconds a browser may cache a preflight, 0–86400. Default: no header (browsers use 5 s). */
  readonly maxAge?: number;
  /** Answer `Access-Control-Request-Private-Network: true` preflights. Default: false. */
  readonly privateNetwork?: boolean;
  /** Pass preflights on to the next handler after setting the headers. Default: false. */
  readonly preflightContinue?: boolean;
  /** Status of a successful preflight, 200–299. Default: 204. */
  readonly optionsSuccessStatus?: number;
  /** Reject state-changing cross-origin requests from origins the policy does not allow (403). Default: false. */
  readonly csrf?: boolean | CsrfOptions;
  /** Explain every decision: `true` logs to the console, a function receives each event. Default: false. */
  readonly debug?: boolean | ((event: DebugEvent) => void);
  /** Allow the `null` origin (sandboxed iframes, `data:` and `file:` pages, tainted redirects). Anyone can send it. */
  readonly dangerouslyAllowNullOrigin?: boolean;
  /** Allow `http:` origins other than loopback and localhost together with credentials. */
  readonly dangerouslyAllowInsecureOrigins?: boolean;
  /** Allow `https://*.com`-style wildcards on a public suffix together with credentials. */
  readonly dangerouslyAllowPublicSuffixWildcards?: boolean;
  /**
   * Allow origins whose scheme is not http or https (`capacitor://localhost`,
   * `chrome-extension://<id>`) together with credentials. Every app built with the same framework
   * sends the same such origin, and no certificate vouches for it.
   */
  readonly dangerouslyAllowCustomSchemeOrigins?: boolean;
}

export const OPTION_NAMES: readonly string[] = [
  'origin',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'credentials',
  'maxAge',
  'privateNetwork',
  'preflightContinue',
  'optionsSuccessStatus',
  'csrf',
  'debug',
  'dangerouslyAllowNullOrigin',
  'dangerouslyAllowInsecureOrigins',
  'dangerouslyAllowPublicSuffixWildcards',
  'dangerouslyAllowCustomSchemeOrigins',
];
