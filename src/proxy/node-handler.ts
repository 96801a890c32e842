// The gateway as a node:http request listener: the rules a request meets before the upstream, in
// order, then the relay (node-relay.ts) with streaming both ways.
import { Agent as HttpAgent, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { CorsDecision } from '../core/decision.ts';
import { nodeRequestReader } from '../http/node-request.ts';
import { answerNodeResponse } from '../http/node-response.ts';
import { runDecision } from '../http/run-decision.ts';
import { logExchange, refuse, startExchange, type Exchange } from './node-exchange.ts';
import { relay } from './node-relay.ts';
import { frameRequestBody, nodeRequestHeaders } from './node-upstream.ts';
import type { ProxyConfig } from './options.ts';
import { ALLOW, refusedMethod } from './problem.ts';
import { bodyAllowed, declaresBody, mayPool } from './request-body.ts';
import { upstreamTarget } from './target.ts';

export type NodeListener = (request: IncomingMessage, response: ServerResponse) => void;

/** The pooled keep-alive agent for the upstream's scheme. */
export function createUpstreamAgent(upstream: URL): HttpAgent {
  const options = { keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo' as const };
  return upstream.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
}

export function createNodeListener(config: ProxyConfig, agent: HttpAgent): NodeListener {
  const decided = (decision: CorsDecision, exchange: Exchange, _unused: undefined): void =>
    forward(decision, exchange, agent);
  return (request, response) => {
    const exchange = startExchange(config, request, response);
    if (config.onLog !== undefined) response.once('close', () => logExchange(exchange));
    if (refusedMethod(request.method ?? '')) {
      refuse(exchange, 'request-refused', 'method-not-allowed', { allow: ALLOW });
      return;
    }
    try {
      runDecision(config.engine, request, nodeRequestReader, decided, engineFailed, exchange, undefined);
    } catch {
      // Nothing a client sends may end the process; an unexpected failure costs this request only.
      exchange.outcome = 'internal-error';
      response.destroy();
    }
  };
}

/** The engine's decision, then each rule before the upstream in order; the first that answers ends it. */
function forward(decision: CorsDecision, exchange: Exchange, agent: HttpAgent): void {
  exchange.decision = decision;
  const { config, request, response } = exchange;
  // A preflight answered, or a request the CORS policy or its CSRF guard refuses.
  if (decision.status !== 0) {
    exchange.outcome = 'answered';
    answerNodeResponse(decision, response);
    return;
  }
  const target = upstreamTarget(request.url ?? '/', config.basePath);
  if (typeof target === 'string') {
    refuse(exchange, 'target-refused', target);
    return;
  }
  const method = request.method ?? 'GET';
  const hasBody = declaresBody(request.headers['transfer-encoding'], request.headers['content-length']);
  if (hasBody && !bodyAllowed(method, config.bodyMethods)) {
    // The body may be long or never end: the connection is not kept for another request.
    response.shouldKeepAlive = false;
    refuse(exchange, 'request-refused', 'request-body-not-allowed');
    return;
  }
  relay(
    exchange,
    method,
    target.path,
    frameRequestBody(nodeRequestHeaders(request, config), request),
    mayPool(method, hasBody) ? agent : false,
  );
}

function engineFailed(_error: unknown, exchange: Exchange, _unused: undefined): void {
  refuse(exchange, 'internal-error', 'origin-check-failed');
}
