import type { ReasonCode } from '../core/reasons.ts';

/** How a request ended, when it did not end with a complete answer from the upstream. */
export type ProxyOutcome =
  | 'proxied'
  /** Answered by the gateway itself: a preflight, or a CSRF rejection. */
  | 'answered'
  | 'target-refused'
  /** Refused before forwarding for its method or its body: a GET or HEAD with a body, a TRACE. */
  | 'request-refused'
  | 'upstream-unreachable'
  | 'upstream-timeout'
  /** The upstream broke the response after its headers; the client's connection was aborted. */
  | 'upstream-aborted'
  /** The client went away before the answer was complete; the upstream request was aborted. */
  | 'client-aborted'
  | 'websocket-refused'
  | 'websocket-proxied'
  | 'internal-error';

/** One line of the access log: what was asked, what the policy decided, what happened. */
export interface ProxyLogEntry {
  readonly method: string;
  /** The request path without its query string (queries may hold secrets). */
  readonly path: string;
  /** The status sent to the client; 0 when nothing was sent. */
  readonly status: number;
  readonly origin: string | undefined;
  /** The CORS decision's reason; undefined when no decision was made. */
  readonly reason: ReasonCode | undefined;
  /** The upstream's status; undefined when it did not answer. */
  readonly upstreamStatus: number | undefined;
  readonly outcome: ProxyOutcome;
  /** Milliseconds from the request to the end of its answer. */
  readonly ms: number;
}
