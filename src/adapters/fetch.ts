import { createCors, type Cors, type Reconfiguration } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import type { CorsOptions } from '../core/options.ts';
import { decisionResponse, fetchRequestReader, withDecisionHeaders } from '../http/fetch-response.ts';
import { isThenable } from '../core/thenable.ts';
import { rejectWith, runDecision } from '../http/run-decision.ts';

type Awaitable<T> = T | Promise<T>;

/** Any fetch-style handler: Cloudflare Workers, Deno.serve, Bun.serve, Next.js route handlers, itty-router. */
export type FetchHandler<Rest extends unknown[] = unknown[]> = (request: Request, ...rest: Rest) => Awaitable<Response>;

export interface FetchCors {
  /** A Response to answer with right away (preflight, or CSRF rejection), or undefined to go on to the handler. */
  preflight(request: Request): Awaitable<Response | undefined>;
  /** The handler's response with the CORS headers added (re-wrapped only when its headers are immutable). */
  apply(request: Request, response: Response): Awaitable<Response>;
  /** Validates new options and swaps them in atomically; the new options replace the whole set (or pass a function of the current ones). */
  reconfigure(options: Reconfiguration<Request>): void;
}

/**
 * Wraps a fetch-style handler: `export default { fetch: withCors(handler, { origin: 'https://app.example.com' }) }`.
 * Bodies are never cloned or buffered. An origin predicate that throws or rejects rejects the
 * returned promise.
 */
export function withCors<Rest extends unknown[]>(
  handler: FetchHandler<Rest>,
  options: CorsOptions<Request>,
): FetchHandler<Rest> {
  const engine = createCors<Request>(options);
  const run = (decision: CorsDecision, request: Request, rest: Rest): Awaitable<Response> => {
    if (decision.status !== 0) return decisionResponse(decision);
    const response = handler(request, ...rest);
    // Any thenable, not only this realm's Promise (a fetch() from a test VM, a polyfill).
    return isThenable(response)
      ? Promise.resolve(response).then((settled) => withDecisionHeaders(settled, decision))
      : withDecisionHeaders(response, decision);
  };
  return (request, ...rest) =>
    runDecision(engine, request, fetchRequestReader, run, rejectWith, request, rest) as Awaitable<Response>;
}

/**
 * The two halves of `withCors`, for frameworks with their own routing (Next.js middleware, Bun.serve
 * routes). The decision `preflight()` made for a request is reused by `apply()`, so an origin
 * predicate runs once per request.
 */
export function corsForFetch(options: CorsOptions<Request>): FetchCors {
  const engine = createCors<Request>(options);
  const decided = new WeakMap<Request, CorsDecision | Promise<CorsDecision>>();
  const answer = (decision: CorsDecision) => (decision.status !== 0 ? decisionResponse(decision) : undefined);
  return {
    preflight(request) {
      const decision = decideOrReject(engine, request);
      decided.set(request, decision);
      return isThenable(decision) ? decision.then(answer) : answer(decision);
    },
    apply(request, response) {
      const decision = decided.get(request) ?? decideOrReject(engine, request);
      return isThenable(decision)
        ? decision.then((settled) => withDecisionHeaders(response, settled))
        : withDecisionHeaders(response, decision);
    },
    reconfigure: (next) => engine.reconfigure(next),
  };
}

/** The decision for `request`; a predicate that throws synchronously becomes a rejected promise, as documented. */
function decideOrReject(engine: Cors<Request>, request: Request): CorsDecision | Promise<CorsDecision> {
  return runDecision(engine, request, fetchRequestReader, same, rejectWith, undefined, undefined);
}

const same = (decision: CorsDecision): CorsDecision => decision;
