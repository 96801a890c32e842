import type { ReasonCode } from './reasons.ts';

export type DecisionKind = 'preflight' | 'actual';

/**
 * What the engine decided for one request. Adapters set `headers` (flat name/value pairs), append
 * `vary` to the response's Vary header, then either answer with `status` at once (preflights and
 * CSRF rejections) or, when `status` is 0, run the handler. Decisions may be shared between
 * requests: treat them as read-only.
 */
export interface CorsDecision {
  readonly kind: DecisionKind;
  /** Preflight: granted. Actual request: the origin may read the response. */
  readonly allowed: boolean;
  /** Answer now with this status and an empty body; 0 means pass the request on to the handler. */
  readonly status: number;
  /** CORS response headers as `[name, value, name, value, …]` with lower-case names (cheaper for Node to set), Vary excluded. */
  readonly headers: readonly string[];
  /** Comma-separated request header names to append to Vary; '' for none. */
  readonly vary: string;
  readonly reason: ReasonCode;
  /** The method or header name that failed, when there is one. */
  readonly detail?: string;
}

/** An allowed actual request: ACAO with the origin, then the policy's fixed credentials and expose headers. */
export function allowedActual(origin: string, tail: readonly string[], vary: string): CorsDecision {
  return decision({
    kind: 'actual',
    allowed: true,
    status: 0,
    headers: ['access-control-allow-origin', origin, ...tail],
    vary,
    reason: 'origin-allowed',
  });
}

/** A decision with the same shape every time: `detail` is left out, not set to undefined, when there is none. */
export function decision({ kind, allowed, status, headers, vary, reason, detail }: CorsDecision): CorsDecision {
  return detail === undefined
    ? { kind, allowed, status, headers, vary, reason }
    : { kind, allowed, status, headers, vary, reason, detail };
}
