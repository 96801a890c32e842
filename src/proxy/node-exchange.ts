// One node:http request through the gateway: the state its steps share, the answers the gateway
// writes itself (problem+json with the decision's CORS headers) and the access-log entry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsDecision } from '../core/decision.ts';
import { applyDecisionHeaders } from '../http/header-access.ts';
import { nodeHeaderAccess } from '../http/node-response.ts';
import type { ProxyOutcome } from './log.ts';
import { logNodeRequest } from './node-log.ts';
import type { ProxyConfig } from './options.ts';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemCode } from './problem.ts';

/** Per-request state the steps share and the log line is built from. */
export interface Exchange {
  readonly config: ProxyConfig;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly start: number;
  /** Set once the engine has decided; the gateway's own answers carry its CORS headers. */
  decision: CorsDecision | undefined;
  upstreamStatus: number | undefined;
  /** 'proxied' until a step settles it otherwise; steps after that leave the answer alone. */
  outcome: ProxyOutcome;
  /** Whether a byte of the answer was written: node:http sends a head with the first body chunk or the end. */
  written: boolean;
}

export function startExchange(config: ProxyConfig, request: IncomingMessage, response: ServerResponse): Exchange {
  return {
    config,
    request,
    response,
    start: performance.now(),
    decision: undefined,
    upstreamStatus: undefined,
    outcome: 'proxied',
    written: false,
  };
}

/** Answered by the gateway before any upstream request: the request body, if any, is drained unread. */
export function refuse(
  exchange: Exchange,
  outcome: ProxyOutcome,
  code: ProblemCode,
  extra?: Record<string, string>,
): void {
  exchange.outcome = outcome;
  exchange.request.resume();
  sendProblem(exchange.response, code, exchange.decision, extra);
}

/** The upstream could not give an answer to relay: 502 or 504, or a cut connection once a head was sent. */
export function badGateway(exchange: Exchange, code: 'upstream-unreachable' | 'upstream-timeout'): void {
  exchange.outcome = code;
  sendProblem(exchange.response, code, exchange.decision);
}

/** A problem+json answer, with the decision's CORS headers so the browser shows it instead of a CORS error. */
function sendProblem(
  response: ServerResponse,
  code: ProblemCode,
  decision: CorsDecision | undefined,
  extra?: Record<string, string>,
): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const { status, body } = problem(code);
  for (const name of response.getHeaderNames()) response.removeHeader(name);
  response.setHeader('content-type', PROBLEM_CONTENT_TYPE);
  response.setHeader('cache-control', 'no-store');
  response.setHeader('content-length', Buffer.byteLength(body));
  for (const name in extra) response.setHeader(name, extra[name]!);
  if (decision !== undefined) applyDecisionHeaders(response, nodeHeaderAccess, decision);
  response.writeHead(status);
  response.end(body);
}

/** The access-log entry, once the client's connection for this answer is closed. */
export function logExchange(exchange: Exchange): void {
  const { response } = exchange;
  // The connection closed before the answer was complete, and nothing else explains why.
  const outcome = exchange.outcome === 'proxied' && !response.writableFinished ? 'client-aborted' : exchange.outcome;
  const reached = response.writableFinished || (response.headersSent && exchange.written);
  logNodeRequest(
    exchange.config,
    exchange.request,
    exchange.decision?.reason,
    outcome,
    reached ? response.statusCode : 0,
    exchange.upstreamStatus,
    exchange.start,
  );
}
