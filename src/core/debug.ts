import type { DecisionKind } from './decision.ts';
import type { ReasonCode } from './reasons.ts';

/** One decision explained: emitted for every request when the `debug` option is set. */
export interface DebugEvent {
  readonly kind: DecisionKind;
  readonly method: string;
  /** The request path, without query string. */
  readonly path: string;
  /** The Origin header as received; undefined when absent. */
  readonly origin: string | undefined;
  readonly allowed: boolean;
  /** The status the middleware answers with, or 0 when the handler runs. */
  readonly status: number;
  readonly reason: ReasonCode;
  /** The failing method or header name, when there is one; with corsguard/hono, why an origin function's answer allowed nothing (`answer-…`). */
  readonly detail?: string;
  /** A sentence for a person, naming the option to change when the request was refused. */
  readonly message: string;
  /** The reason's page on the documentation site. */
  readonly docs: string;
}
