// Next.js: a proxy (proxy.ts; middleware.ts before Next.js 16 or on the Edge runtime) and a wrapper
// for App Router route handlers. Both speak only the Fetch API: nothing from `next` is imported at
// run time, and nothing from node:, so the same code runs on the Node.js and Edge runtimes.
import { createCors, type Reconfiguration } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import type { CorsOptions } from '../core/options.ts';
import { decisionResponse, fetchRequestReader, withDecisionHeaders } from '../http/fetch-response.ts';
import { withReconfigure } from './shared/reconfigurable.ts';
import { rejectWith, runDecision } from '../http/run-decision.ts';

type Awaitable<T> = T | Promise<T>;

interface Reconfigurable {
  /** Validates new options and swaps them in atomically; the new options replace the whole set (or pass a function of the current ones). */
  reconfigure(options: Reconfiguration<Request>): void;
}

/**
 * A proxy or middleware function of your own, run for the requests CORS does not answer itself.
 * Return a Response (`NextResponse.next()`, a rewrite, a redirect, a 401) to have the CORS headers
 * added to it, or nothing to let the request through to the route.
 */
export type NextProxy<Event = unknown> = (
  request: Request,
  event: Event,
  // biome-ignore lint/suspicious/noConfusingVoidType: a proxy that returns nothing (its inferred type is void) lets the request through
) => Awaitable<Response | null | undefined | void>;

/** What `corsProxy` returns: export it as `proxy` (proxy.ts) or `middleware` (middleware.ts). */
export type CorsProxy<Event = unknown> = ((request: Request, event: Event) => Promise<Response>) & Reconfigurable;

/**
 * An App Router route handler, `(request, { params })`. Declared as a method so that handlers whose
 * parameters are typed `NextRequest` and `{ params: Promise<…> }` fit, as they do for Next.js.
 */
export type RouteHandler = { handle(request: Request, context: unknown): Awaitable<Response> }['handle'];

export type RouteMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';

/** The handlers given to `corsRoutes`, wrapped, plus OPTIONS. */
export type CorsRoutes<M extends RouteMethod> = { [K in M | 'OPTIONS']: RouteHandler } & Reconfigurable;

/**
 * For `proxy.ts` (Next.js 16) or `middleware.ts`: answers preflights and CSRF rejections itself,
 * and sets the CORS headers on the response Next.js produces for every other request.
 *
 * ```ts
 * export const proxy = corsProxy({ origin: 'https://app.example.com', credentials: true, csrf: true });
 * export const config = { matcher: '/api/:path*' };
 * ```
 *
 * An origin predicate that throws or rejects rejects the returned promise (Next.js answers 500).
 */
export function corsProxy<Event = unknown>(options: CorsOptions<Request>, proxy?: NextProxy<Event>): CorsProxy<Event> {
  const engine = createCors<Request>(options);
  const run = async (decision: CorsDecision, request: Request, event: Event): Promise<Response> => {
    if (decision.status !== 0) return decisionResponse(decision);
    const response = (await proxy?.(request, event)) ?? continueResponse();
    return withDecisionHeaders(response, decision);
  };
  const handler = (request: Request, event: Event) =>
    runDecision(engine, request, fetchRequestReader, run, rejectWith, request, event);
  return withReconfigure(handler, engine);
}

/** The same function under the name middleware.ts files use. */
export const corsMiddleware = corsProxy;

/**
 * Wraps App Router route handlers with one policy and adds the OPTIONS handler that answers
 * preflights (and, for other OPTIONS requests, lists the methods in `Allow` as Next.js does):
 *
 * ```ts
 * export const { GET, POST, OPTIONS } = corsRoutes({ GET: list, POST: create }, { origin: 'https://app.example.com' });
 * ```
 *
 * An error thrown by a handler is logged with console.error and answered with a 500 that keeps the
 * CORS headers, so the calling page sees the status instead of a CORS failure. `notFound()`,
 * `forbidden()` and `unauthorized()` are answered with their status and the CORS headers, as
 * Next.js would answer them. `redirect()` and dynamic-rendering bail-outs are rethrown for Next.js
 * to answer (a redirect carries the cookies set with `cookies()`), without CORS headers: a route
 * that redirects cross-origin callers belongs behind `corsProxy`.
 */
export function corsRoutes<M extends RouteMethod>(
  handlers: { [K in M]: RouteHandler },
  options: CorsOptions<Request>,
): CorsRoutes<M> {
  const engine = createCors<Request>(options);
  const all: Partial<Record<RouteMethod, RouteHandler>> = {
    OPTIONS: allowResponder(Object.keys(handlers)),
    ...handlers,
  };
  const wrapped: Partial<Record<RouteMethod, RouteHandler>> = {};
  for (const [method, handler] of Object.entries(all) as [RouteMethod, RouteHandler][]) {
    const run = async (decision: CorsDecision, request: Request, context: unknown): Promise<Response> => {
      if (decision.status !== 0) return decisionResponse(decision);
      return withDecisionHeaders(await runCatching(handler, request, context), decision);
    };
    wrapped[method] = (request: Request, context: unknown) =>
      runDecision(engine, request, fetchRequestReader, run, rejectWith, request, context);
  }
  return withReconfigure(wrapped, engine) as CorsRoutes<M>;
}

async function runCatching(handler: RouteHandler, request: Request, context: unknown): Promise<Response> {
  try {
    return await handler(request, context);
  } catch (error) {
    const digest = nextDigest(error);
    const fallback = ACCESS_FALLBACK.exec(digest);
    // What Next.js itself answers to notFound(), forbidden() and unauthorized() in a route handler.
    if (fallback !== null) return new Response(null, { status: Number(fallback[1]) });
    if (NEXT_CONTROL_FLOW.test(digest) || isReactPostpone(error)) throw error;
    console.error(error);
    return new Response(null, { status: 500 });
  }
}

/** notFound(), forbidden(), unauthorized(): `NEXT_HTTP_ERROR_FALLBACK;404`. */
const ACCESS_FALLBACK = /^NEXT_HTTP_ERROR_FALLBACK;(4\d\d)$/;
/** redirect() and permanentRedirect(), and the dynamic-rendering bail-outs Next.js must see. */
const NEXT_CONTROL_FLOW =
  /^(?:NEXT_REDIRECT;|DYNAMIC_SERVER_USAGE$|BAILOUT_TO_CLIENT_SIDE_RENDERING$|NEXT_PRERENDER_INTERRUPTED$|HANGING_PROMISE_REJECTION$)/;

/** The `digest` Next.js puts on its control-flow errors; '' for any other error (a library's own `digest` field is not one of Next's). */
function nextDigest(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const digest = (error as { digest?: unknown }).digest;
  return typeof digest === 'string' ? digest : '';
}

function isReactPostpone(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { $$typeof?: unknown }).$$typeof === Symbol.for('react.postpone')
  );
}

/** What Next.js answers to an OPTIONS request when a route has no OPTIONS handler: 204 and `Allow`. */
function allowResponder(defined: readonly string[]): RouteHandler {
  const methods = new Set<string>([...defined, 'OPTIONS']);
  if (methods.has('GET')) methods.add('HEAD');
  const allow = [...methods].sort().join(', ');
  return () => new Response(null, { status: 204, headers: { allow } });
}

/** What `NextResponse.next()` returns (the header tells Next.js to go on to the route), built without importing `next`. */
function continueResponse(): Response {
  return new Response(null, { headers: { 'x-middleware-next': '1' } });
}
