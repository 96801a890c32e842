// The gateway as a fetch handler (workerd, Deno, Bun, Node): only the Fetch API, so it runs
// unchanged at the edge. Bodies are streamed, never buffered.
import type { CorsDecision } from '../core/decision.ts';
import { applyDecisionHeaders } from '../http/header-access.ts';
import { decisionResponse, fetchHeaderAccess, fetchRequestReader } from '../http/fetch-response.ts';
import { rejectWith, runDecision } from '../http/run-decision.ts';
import { forwardedFor, forwardedResponseHeader, forwardsRequestHeader } from './headers.ts';
import { connectionListed } from './hop-by-hop.ts';
import type { ProxyConfig } from './options.ts';
import { onWorkers, peerAddress } from './peer.ts';
import { ALLOW, problem, PROBLEM_CONTENT_TYPE, refusedMethod, type ProblemCode } from './problem.ts';
import { idleBoundedBody } from './idle-body.ts';
import { bodyAllowed, declaresBody } from './request-body.ts';
import { upstreamTarget } from './target.ts';

/**
 * `info` is what the runtime passes after the request (Deno's ServeHandlerInfo, Bun's server,
 * Workers' env): the peer's address for X-Forwarded-For is read from it where the runtime has one.
 */
export type ProxyFetchHandler = (request: Request, info?: unknown) => Promise<Response>;

/** Statuses whose responses never have a body (a Response with one cannot be constructed). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What every request's steps read: the settings, and the upstream's origin computed once. */
interface FetchGateway {
  readonly config: ProxyConfig;
  readonly origin: string;
}

export function createFetchHandler(config: ProxyConfig): ProxyFetchHandler {
  const gateway: FetchGateway = { config, origin: config.upstream.origin };
  const decided = (decision: CorsDecision, request: Request, peer: string | undefined): Promise<Response> =>
    forward(gateway, decision, request, peer);
  return async (request, info) => {
    if (refusedMethod(request.method)) {
      await request.body?.cancel().catch(() => {});
      return problemResponse('method-not-allowed', undefined, { allow: ALLOW });
    }
    try {
      return await (runDecision(
        config.engine,
        request,
        fetchRequestReader,
        decided,
        rejectWith,
        request,
        peerAddress(request, info),
      ) as Promise<Response>);
    } catch {
      return problemResponse('origin-check-failed', undefined);
    }
  };
}

/** The engine's decision, then each rule before the upstream in order; the first that answers ends it. */
async function forward(
  gateway: FetchGateway,
  decision: CorsDecision,
  request: Request,
  peer: string | undefined,
): Promise<Response> {
  const { config } = gateway;
  // A preflight answered, or a request the CORS policy or its CSRF guard refuses.
  if (decision.status !== 0) return decisionResponse(decision);
  const url = new URL(request.url);
  const target = absoluteForm(request, url)
    ? 'target-not-origin-form'
    : upstreamTarget(requestTarget(request.url), config.basePath);
  if (typeof target === 'string') return problemResponse(target, decision);
  const bodyForwarded = bodyAllowed(request.method, config.bodyMethods);
  if (!bodyForwarded && declaresBody(request.headers.get('transfer-encoding'), request.headers.get('content-length'))) {
    await request.body?.cancel().catch(() => {});
    return problemResponse('request-body-not-allowed', decision);
  }
  // A body the head did not announce (a stream some runtimes give every request) is not sent either.
  const hasBody = bodyForwarded && request.body !== null;
  return relay(gateway, decision, request, target.path, upstreamHeaders(config, request, url, peer), hasBody);
}

/** The request's headers as sent upstream: filtered, X-Forwarded-* added. */
function upstreamHeaders(config: ProxyConfig, request: Request, url: URL, peer: string | undefined): Headers {
  const listed = connectionListed(request.headers.get('connection') ?? undefined);
  const edge = onWorkers();
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    // The runtime sets Accept-Encoding to what it can decode (its body is decoded in respond).
    if (name !== 'accept-encoding' && forwardsRequestHeader(name, listed, config, edge)) headers.set(name, value);
  });
  const forwarded = forwardedFor(request.headers.get('x-forwarded-for') ?? undefined, peer);
  if (forwarded !== undefined) headers.set('x-forwarded-for', forwarded);
  headers.set('x-forwarded-proto', url.protocol.slice(0, -1));
  headers.set('x-forwarded-host', config.publicHost ?? url.host);
  return headers;
}

/** Sends the request to `path` upstream, its body streamed, and answers with the upstream's response. */
async function relay(
  gateway: FetchGateway,
  decision: CorsDecision,
  request: Request,
  path: string,
  headers: Headers,
  hasBody: boolean,
): Promise<Response> {
  const { config } = gateway;
  // One signal for the upstream exchange: the timeout, an idle body, or the client going away.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.timeout);
  const abort = () => controller.abort();
  request.signal?.addEventListener('abort', abort, { once: true });
  if (request.signal?.aborted) abort();
  let upstream: Response;
  try {
    upstream = await fetch(gateway.origin + path, {
      method: request.method,
      headers,
      body: hasBody ? request.body : null,
      redirect: 'manual',
      signal: controller.signal,
      // Streams a request body (required by undici and Deno for a ReadableStream body).
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    request.signal?.removeEventListener('abort', abort);
    return problemResponse(timedOut ? 'upstream-timeout' : 'upstream-unreachable', decision);
  } finally {
    clearTimeout(timer);
  }
  try {
    return respond(config, upstream, decision, request.method, controller);
  } catch {
    // A status or head the runtime's Response will not take (a 1xx, say): a bad gateway.
    await upstream.body?.cancel().catch(() => {});
    return problemResponse('upstream-unreachable', decision);
  }
}

/** The upstream's response, headers filtered and rewritten, with the decision's CORS headers. */
function respond(
  config: ProxyConfig,
  upstream: Response,
  decision: CorsDecision,
  method: string,
  controller: AbortController,
): Response {
  const listed = connectionListed(upstream.headers.get('connection') ?? undefined);
  // fetch() hands over a decoded body: its Content-Encoding and Content-Length no longer apply.
  const decoded = upstream.headers.has('content-encoding');
  const headers = new Headers();
  upstream.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    if (decoded && (name === 'content-encoding' || name === 'content-length')) return;
    const forwarded = forwardedResponseHeader(name, value, listed, config);
    if (forwarded !== undefined) headers.set(name, forwarded);
  });
  for (const cookie of setCookies(upstream.headers)) {
    const forwarded = forwardedResponseHeader('set-cookie', cookie, listed, config);
    if (forwarded !== undefined) headers.append('set-cookie', forwarded);
  }
  applyDecisionHeaders(headers, fetchHeaderAccess, decision);
  const bodiless = NULL_BODY_STATUSES.has(upstream.status) || method === 'HEAD' || upstream.body === null;
  if (bodiless) upstream.body?.cancel().catch(() => {});
  const body = bodiless ? null : idleBoundedBody(upstream.body!, config.timeout, () => controller.abort());
  return new Response(body, { status: upstream.status, statusText: upstream.statusText, headers });
}

function setCookies(headers: Headers): string[] {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const joined = headers.get('set-cookie');
  return joined === null ? [] : [joined];
}

/**
 * The request target as the client sent it, from the URL string the runtime built: parsing it again
 * would resolve `%2e%2e` and `..` segments that upstreamTarget must see to refuse, as the node
 * handler does. (Runtimes that resolve them before the handler runs, Bun and Node's fetch servers,
 * resolve them within the request's own path: the base path is added after.)
 */
function requestTarget(url: string): string {
  const authority = url.indexOf('//') + 2;
  const pathAt = url.slice(authority).search(/[/?#]/);
  if (pathAt === -1) return '/';
  const target = url.slice(authority + pathAt);
  return target.startsWith('/') ? target : `/${target}`;
}

/**
 * An absolute-form target (`GET http://other.example/x`): a runtime that builds the URL from it
 * (Deno does) gives a URL whose host is not the Host header's. Refused as the node handler refuses it.
 * Not on Workers: Cloudflare's edge builds request.url itself, and the Host it passes on may differ
 * (a route's zone, miniflare's loopback address).
 */
function absoluteForm(request: Request, url: URL): boolean {
  const host = request.headers.get('host');
  if (host === null || onWorkers()) return false;
  try {
    return new URL(`${url.protocol}//${host}`).host !== url.host;
  } catch {
    return true;
  }
}

function problemResponse(
  code: ProblemCode,
  decision: CorsDecision | undefined,
  extra?: Record<string, string>,
): Response {
  const { status, body } = problem(code);
  const headers = new Headers({ 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...extra });
  if (decision !== undefined) applyDecisionHeaders(headers, fetchHeaderAccess, decision);
  return new Response(body, { status, headers });
}
