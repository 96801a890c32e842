// The gateway as a node:http request listener: decide, then answer or forward with streaming both ways.
import { Agent as HttpAgent, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';
import type { CorsDecision } from '../core/decision.ts';
import { nodeRequestReader } from '../http/node-request.ts';
import { applyDecisionHeaders } from '../http/header-access.ts';
import { answerNodeResponse, nodeHeaderAccess } from '../http/node-response.ts';
import { runDecision } from '../http/run-decision.ts';
import { forwardedResponseHeader } from './headers.ts';
import { frameRequestBody, nodeRequestHeaders, openUpstream } from './node-upstream.ts';
import { connectionListed } from './hop-by-hop.ts';
import type { ProxyOutcome } from './log.ts';
import { logNodeRequest } from './node-log.ts';
import type { ProxyConfig } from './options.ts';
import { ALLOW, problem, PROBLEM_CONTENT_TYPE, refusedMethod, type ProblemCode } from './problem.ts';
import { bodyAllowed, declaresBody, mayPool } from './request-body.ts';
import { upstreamTarget } from './target.ts';

export type NodeListener = (request: IncomingMessage, response: ServerResponse) => void;

/** Thrown into the upstream request when `timeout` passes without a byte from the upstream. */
class UpstreamTimeoutError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
}

/** The pooled keep-alive agent for the upstream's scheme. */
export function createUpstreamAgent(upstream: URL): HttpAgent {
  const options = { keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo' as const };
  return upstream.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
}

/** Per-request state the log line is built from. */
interface Exchange {
  readonly config: ProxyConfig;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly start: number;
  decision: CorsDecision | undefined;
  upstreamStatus: number | undefined;
  outcome: ProxyOutcome;
  /** Whether a byte of the answer was written: node:http sends a head with the first body chunk or the end. */
  written: boolean;
}

/** Statuses whose responses never have a body (https://httpwg.org/specs/rfc9110.html#field.content-length). */
const BODILESS_STATUSES = new Set([204, 304]);

export function createNodeListener(config: ProxyConfig, agent: HttpAgent): NodeListener {
  const forward = (decision: CorsDecision, exchange: Exchange, _unused: undefined): void => {
    exchange.decision = decision;
    const { request, response } = exchange;
    if (decision.status !== 0) {
      exchange.outcome = 'answered';
      answerNodeResponse(decision, response);
      return;
    }
    const target = upstreamTarget(request.url ?? '/', config.basePath);
    if (typeof target === 'string') {
      exchange.outcome = 'target-refused';
      request.resume();
      sendProblem(response, target, decision);
      return;
    }
    const method = request.method ?? 'GET';
    const hasBody = declaresBody(request.headers['transfer-encoding'], request.headers['content-length']);
    if (hasBody && !bodyAllowed(method, config.bodyMethods)) {
      exchange.outcome = 'request-refused';
      // The body may be long or never end: the connection is not kept for another request.
      response.shouldKeepAlive = false;
      request.resume();
      sendProblem(response, 'request-body-not-allowed', decision);
      return;
    }
    const headers = frameRequestBody(nodeRequestHeaders(request, config), request);
    const upstreamRequest = openUpstream(config, method, target.path, headers, mayPool(method, hasBody) ? agent : false);
    upstreamRequest.setTimeout(config.timeout, () => upstreamRequest.destroy(new UpstreamTimeoutError()));

    // A client that goes away aborts the upstream request (and its pooled socket with it).
    response.once('close', () => {
      if (!response.writableFinished) {
        if (exchange.outcome === 'proxied') exchange.outcome = 'client-aborted';
        upstreamRequest.destroy();
      }
    });

    upstreamRequest.on('error', (error: Error) => {
      if (exchange.outcome !== 'proxied') return;
      // Bytes after a 204, a 304 or a HEAD answer (a stray body) are the upstream's error alone:
      // the client's answer is complete without them.
      if (response.headersSent && (BODILESS_STATUSES.has(response.statusCode) || request.method === 'HEAD')) {
        if (!response.writableEnded) response.end();
        return;
      }
      if (response.headersSent) {
        exchange.outcome = error instanceof UpstreamTimeoutError ? 'upstream-timeout' : 'upstream-aborted';
        response.destroy();
        return;
      }
      const code: ProblemCode = error instanceof UpstreamTimeoutError ? 'upstream-timeout' : 'upstream-unreachable';
      exchange.outcome = code;
      sendProblem(response, code, decision);
    });

    // A 101 to a request that asked for no upgrade: node hands over the raw socket and would wait forever.
    upstreamRequest.once('upgrade', (upstreamResponse: IncomingMessage, upstreamSocket: Duplex) => {
      upstreamSocket.destroy();
      exchange.upstreamStatus = upstreamResponse.statusCode;
      if (exchange.outcome !== 'proxied') return;
      exchange.outcome = 'upstream-unreachable';
      sendProblem(response, 'upstream-unreachable', decision);
    });

    upstreamRequest.once('response', (upstreamResponse) => {
      exchange.upstreamStatus = upstreamResponse.statusCode;
      if (response.destroyed) {
        upstreamResponse.destroy();
        return;
      }
      try {
        copyResponseHead(upstreamResponse, response, decision, config);
      } catch {
        // A head node:http will not write (it validates more strictly than it parses): a bad gateway.
        upstreamResponse.destroy();
        exchange.outcome = 'upstream-unreachable';
        sendProblem(response, 'upstream-unreachable', decision);
        return;
      }
      // pipe() has the same backpressure as pipeline() without the AbortController and DOMException
      // pipeline() allocates per call (Node 20); failures are handled by the listeners here.
      upstreamResponse.on('error', ignore);
      upstreamResponse.once('data', () => (exchange.written = true));
      upstreamResponse.once('close', () => {
        if (upstreamResponse.complete) return;
        if (exchange.outcome === 'proxied') exchange.outcome = 'upstream-aborted';
        // Never let a truncated body look complete: the client's connection goes down with it.
        response.destroy();
        upstreamRequest.destroy();
      });
      upstreamResponse.pipe(response);
    });

    // A client that breaks off its upload closes the response too (the close listener above).
    request.on('error', ignore);
    request.pipe(upstreamRequest);
  };

  const fail = (_error: unknown, exchange: Exchange, _unused: undefined): void => {
    exchange.outcome = 'internal-error';
    exchange.request.resume();
    sendProblem(exchange.response, 'origin-check-failed', undefined);
  };

  return (request, response) => {
    const exchange: Exchange = { config, request, response, start: performance.now(), decision: undefined, upstreamStatus: undefined, outcome: 'proxied', written: false };
    if (config.onLog !== undefined) response.once('close', () => log(exchange));
    if (refusedMethod(request.method ?? '')) {
      exchange.outcome = 'request-refused';
      request.resume();
      sendProblem(response, 'method-not-allowed', undefined, { allow: ALLOW });
      return;
    }
    try {
      runDecision(config.engine, request, nodeRequestReader, forward, fail, exchange, undefined);
    } catch {
      // Nothing a client sends may end the process; an unexpected failure costs this request only.
      exchange.outcome = 'internal-error';
      response.destroy();
    }
  };
}

/** The upstream's status and headers, filtered and rewritten, with the decision's CORS headers. */
function copyResponseHead(upstreamResponse: IncomingMessage, response: ServerResponse, decision: CorsDecision, config: ProxyConfig): void {
  const listed = connectionListed(upstreamResponse.headers.connection);
  for (const [name, value] of Object.entries(upstreamResponse.headers)) {
    // A 204 never has a Content-Length (https://httpwg.org/specs/rfc9110.html#field.content-length).
    if (value === undefined || (name === 'content-length' && upstreamResponse.statusCode === 204)) continue;
    if (Array.isArray(value)) {
      const kept: string[] = [];
      for (const item of value) {
        const forwarded = forwardedResponseHeader(name, item, listed, config);
        if (forwarded !== undefined) kept.push(forwarded);
      }
      if (kept.length > 0) response.setHeader(name, kept);
    } else {
      const forwarded = forwardedResponseHeader(name, value, listed, config);
      if (forwarded !== undefined) response.setHeader(name, forwarded);
    }
  }
  applyDecisionHeaders(response, nodeHeaderAccess, decision);
  response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.statusMessage);
}

/** A problem+json answer, with the decision's CORS headers so the browser shows it instead of a CORS error. */
function sendProblem(response: ServerResponse, code: ProblemCode, decision: CorsDecision | undefined, extra?: Record<string, string>): void {
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

function log(exchange: Exchange): void {
  const { response } = exchange;
  // The connection closed before the answer was complete, and nothing else explains why.
  const outcome = exchange.outcome === 'proxied' && !response.writableFinished ? 'client-aborted' : exchange.outcome;
  const reached = response.writableFinished || (response.headersSent && exchange.written);
  logNodeRequest(exchange.config, exchange.request, exchange.decision?.reason, outcome, reached ? response.statusCode : 0, exchange.upstreamStatus, exchange.start);
}

const ignore = (): void => {};
