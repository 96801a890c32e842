// A decided request sent upstream and its answer relayed, streaming both ways: one named step per
// event of the upstream request, the upstream response and the client's connection.
import type { Agent, ClientRequest, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CorsDecision } from '../core/decision.ts';
import { applyDecisionHeaders } from '../http/header-access.ts';
import { nodeHeaderAccess } from '../http/node-response.ts';
import { forwardedResponseHeader } from './headers.ts';
import { connectionListed } from './hop-by-hop.ts';
import { badGateway, type Exchange } from './node-exchange.ts';
import { openUpstream } from './node-upstream.ts';
import type { ProxyConfig } from './options.ts';

/** Thrown into the upstream request when `timeout` passes without a byte from the upstream. */
class UpstreamTimeoutError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
}

/** Statuses whose responses never have a body (https://httpwg.org/specs/rfc9110.html#field.content-length). */
const BODILESS_STATUSES = new Set([204, 304]);

/** Sends the request to `path` upstream with its body streamed, and relays the answer once it comes. */
export function relay(
  exchange: Exchange,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  agent: Agent | false,
): void {
  const { config, request, response } = exchange;
  const upstreamRequest = openUpstream(config, method, path, headers, agent);
  upstreamRequest.setTimeout(config.timeout, () => upstreamRequest.destroy(new UpstreamTimeoutError()));
  response.once('close', () => onClientClose(exchange, upstreamRequest));
  upstreamRequest.on('error', (error: Error) => onUpstreamError(exchange, error));
  upstreamRequest.once('upgrade', (upstreamResponse: IncomingMessage, upstreamSocket: Duplex) =>
    onUnaskedUpgrade(exchange, upstreamResponse, upstreamSocket),
  );
  upstreamRequest.once('response', (upstreamResponse: IncomingMessage) =>
    onUpstreamResponse(exchange, upstreamRequest, upstreamResponse),
  );
  // A client that breaks off its upload closes the response too (onClientClose).
  request.on('error', ignore);
  request.pipe(upstreamRequest);
}

/** A client that goes away aborts the upstream request (and its pooled socket with it). */
function onClientClose(exchange: Exchange, upstreamRequest: ClientRequest): void {
  if (exchange.response.writableFinished) return;
  if (exchange.outcome === 'proxied') exchange.outcome = 'client-aborted';
  upstreamRequest.destroy();
}

function onUpstreamError(exchange: Exchange, error: Error): void {
  if (exchange.outcome !== 'proxied') return;
  const { request, response } = exchange;
  // Bytes after a 204, a 304 or a HEAD answer (a stray body) are the upstream's error alone: the
  // client's answer is complete without them.
  if (response.headersSent && (BODILESS_STATUSES.has(response.statusCode) || request.method === 'HEAD')) {
    if (!response.writableEnded) response.end();
    return;
  }
  const timedOut = error instanceof UpstreamTimeoutError;
  if (response.headersSent) {
    exchange.outcome = timedOut ? 'upstream-timeout' : 'upstream-aborted';
    response.destroy();
    return;
  }
  badGateway(exchange, timedOut ? 'upstream-timeout' : 'upstream-unreachable');
}

/** A 101 to a request that asked for no upgrade: node hands over the raw socket and would wait forever. */
function onUnaskedUpgrade(exchange: Exchange, upstreamResponse: IncomingMessage, upstreamSocket: Duplex): void {
  upstreamSocket.destroy();
  exchange.upstreamStatus = upstreamResponse.statusCode;
  if (exchange.outcome === 'proxied') badGateway(exchange, 'upstream-unreachable');
}

function onUpstreamResponse(
  exchange: Exchange,
  upstreamRequest: ClientRequest,
  upstreamResponse: IncomingMessage,
): void {
  const { response } = exchange;
  exchange.upstreamStatus = upstreamResponse.statusCode;
  if (response.destroyed) {
    upstreamResponse.destroy();
    return;
  }
  try {
    copyResponseHead(upstreamResponse, response, exchange.decision as CorsDecision, exchange.config);
  } catch {
    // A head node:http will not write (it validates more strictly than it parses): a bad gateway.
    upstreamResponse.destroy();
    badGateway(exchange, 'upstream-unreachable');
    return;
  }
  // pipe() has the same backpressure as pipeline() without the AbortController and DOMException
  // pipeline() allocates per call (Node 20); failures are handled by the steps here.
  upstreamResponse.on('error', ignore);
  upstreamResponse.once('data', () => (exchange.written = true));
  upstreamResponse.once('close', () => onUpstreamBodyClose(exchange, upstreamRequest, upstreamResponse));
  upstreamResponse.pipe(response);
}

/** Never let a truncated body look complete: the client's connection goes down with it. */
function onUpstreamBodyClose(
  exchange: Exchange,
  upstreamRequest: ClientRequest,
  upstreamResponse: IncomingMessage,
): void {
  if (upstreamResponse.complete) return;
  if (exchange.outcome === 'proxied') exchange.outcome = 'upstream-aborted';
  exchange.response.destroy();
  upstreamRequest.destroy();
}

/** The upstream's status and headers, filtered and rewritten, with the decision's CORS headers. */
function copyResponseHead(
  upstreamResponse: IncomingMessage,
  response: ServerResponse,
  decision: CorsDecision,
  config: ProxyConfig,
): void {
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

const ignore = (): void => {};
