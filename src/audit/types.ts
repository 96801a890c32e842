import type { Transport } from '../simulate/index.ts';

export type Severity = 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** Stable finding ids: public API, documented in README. */
export type FindingId =
  | 'reflects-any-origin'
  | 'preflight-any-origin'
  | 'allows-null-origin'
  | 'prefix-match'
  | 'suffix-match'
  | 'unescaped-dot'
  | 'special-char-bypass'
  | 'any-subdomain'
  | 'any-port'
  | 'insecure-origin-trusted'
  | 'third-party-origin-trusted'
  | 'untrusted-origin-allowed'
  | 'fixed-origin-trusted'
  | 'missing-vary-origin'
  | 'private-network-any-origin'
  | 'preflight-reflects-methods'
  | 'preflight-reflects-headers'
  | 'wildcard-with-credentials'
  | 'invalid-allow-origin'
  | 'preflight-unanswered'
  | 'trusted-origin-blocked'
  | 'wildcard-origin'
  | 'csrf-simple-request-accepted'
  | 'cookie-not-sent-cross-site'
  | 'cookie-samesite-none-insecure'
  | 'cookie-third-party-withheld';

export interface EvidenceRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface EvidenceResponse {
  readonly status: number;
  /** The response headers that matter for CORS (Access-Control-*, Vary, Location), lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface Evidence {
  readonly request: EvidenceRequest;
  readonly response: EvidenceResponse;
}

export interface Finding {
  readonly id: FindingId;
  readonly severity: Severity;
  readonly url: string;
  readonly title: string;
  /** The origin that showed the problem, when one did. */
  readonly origin?: string;
  readonly evidence: Evidence;
  /**
   * Only when the audit was given -H or --cookie (`headers`, `cookie`): whether the probe that shows
   * the finding carried them (preflights never do: browsers send no credentials on them).
   */
  readonly authenticated?: boolean;
  /**
   * Stable across runs for the same id at the same URL (and, for untrusted-origin-allowed and
   * fixed-origin-trusted, the same origins), SHA-256 hex: what `--baseline` and SARIF's partialFingerprints match on.
   */
  readonly fingerprint: string;
  readonly why: string;
  /** The corsguard options, and in words the change for any server. */
  readonly fix: string;
}

export interface TargetReport {
  readonly url: string;
  /** Worst first. */
  readonly findings: readonly Finding[];
  /** Set when the URL could not be audited (or not completely: findings so far are kept). */
  readonly error?: string;
  /** Why, when `error` is set. */
  readonly errorCode?: AuditErrorCode;
  /** Things worth knowing that are not findings, e.g. a redirect that was not followed. */
  readonly notes?: readonly TargetNote[];
}

/**
 * Why a URL was not (fully) audited: `invalid-url`; `timeout` (a request got no answer in time);
 * `deadline` (the URL's deadline passed); `tls` (certificate or handshake); `not-http` (an https: URL
 * answered by a plain-HTTP server); `too-large` (endless or oversized headers); `network` (refused,
 * reset, DNS…).
 */
export type AuditErrorCode = 'invalid-url' | 'timeout' | 'deadline' | 'tls' | 'not-http' | 'too-large' | 'network';

/**
 * Something worth knowing that is not a finding, with a sentence for people (`message`):
 * - `redirect`: the URL (or, with `origin` and `method`, a front end's request) was answered with a
 *   redirect, which the audit does not follow; audit `location` directly;
 * - `stand-in`: without --unsafe, a GET stood in for a front end's `method`;
 * - `not-checked`: a front end's request could not be checked (the simulator's `reason`);
 * - `cookie-same-site`: the front end allowed with credentials is on the API's site, so the
 *   cookies named would be withheld from another site (cookie-not-sent-cross-site) but reach this one.
 */
export type TargetNote =
  | {
      readonly code: 'redirect';
      readonly status: number;
      readonly location: string;
      readonly origin?: string;
      readonly method?: string;
      readonly message: string;
    }
  | { readonly code: 'stand-in'; readonly method: string; readonly message: string }
  | {
      readonly code: 'not-checked';
      readonly origin: string;
      readonly method: string;
      readonly reason: string;
      readonly message: string;
    }
  | {
      readonly code: 'cookie-same-site';
      readonly origin: string;
      readonly cookies: readonly string[];
      readonly message: string;
    };

export interface AuditSummary {
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly info: number;
}

export interface AuditReport {
  readonly tool: 'corsguard';
  readonly version: string;
  readonly startedAt: string;
  readonly targets: readonly TargetReport[];
  readonly summary: AuditSummary;
}

/** A URL with the methods of its operations (from an OpenAPI document): each is probed in preflights and checked for the front ends. */
export interface AuditTarget {
  readonly url: string;
  readonly methods?: readonly string[];
}

export interface AuditOptions {
  /** The front ends meant to work (`https://app.example.com`). */
  readonly origins?: readonly string[];
  /** Origins that must never be allowed (`--untrusted`): each is probed, and one allowed is untrusted-origin-allowed. */
  readonly untrusted?: readonly string[];
  /** Methods the front ends use (`-X`). Default: GET only. */
  readonly methods?: readonly string[];
  /**
   * Request headers the front ends set (`-H`), e.g. `Authorization`: sent on every probe of each URL
   * (attacker origins included) but preflights, and to no other host. A `Cookie` pair joins `cookie`.
   */
  readonly headers?: readonly (readonly [string, string])[];
  /**
   * A logged-in user's Cookie header value (`session=abc; b=2`): sent on every probe of each URL
   * (attacker origins included) but preflights, and to no other host. Implies `credentials`.
   */
  readonly cookie?: string;
  /** The front ends send credentials (cookies, HTTP auth). */
  readonly credentials?: boolean;
  /** Performs one exchange without following redirects. Default: node:http/https (see nodeTransport). */
  readonly transport?: Transport;
  /** Requests in flight at once, over all URLs. Default 8. */
  readonly concurrency?: number;
  /** Requests started per second, over all URLs; 0 = no limit. Default 0. */
  readonly rate?: number;
  /** Per-request timeout in ms (each URL's deadline is ten times this). Default 10 000. */
  readonly timeout?: number;
  /** Also send a cross-site simple POST (csrf-simple-request-accepted); the audit may change state. */
  readonly unsafe?: boolean;
  /** Called with each URL's report as soon as it is complete (reports are streamed). */
  readonly onTarget?: (target: TargetReport, done: number, total: number) => void;
}
