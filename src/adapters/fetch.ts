import { createCors } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import { decisionResponse, fetchRequestReader, withDecisionHeaders } from '../core/fetch-api.ts';
import type { CorsOptions } from '../core/options.ts';

type Awaitable<T> = T | Promise<T>;

/** Any fetch-style handler: Cloudflare Workers, Deno.serve, Bun.serve, Next.js route handlers, itty-router. */
export type FetchHandler<Rest extends unknown[] = unknown[]> = (request: Request, ...rest: Rest) => Awaitable<Response>;

export interface FetchCors {
  /** A Response to answer with right away (preflight, or CSRF rejection), or undefined to go on to the handler. */
  preflight(request: Request): Awaitable<Response | undefined>;
  /** The handler's response with the CORS headers added (re-wrapped only when its headers are immutable). */
  apply(request: Request, response: Response): Awaitable<Response>;
  /** Validates new options and swaps them in atomically. */
  reconfigure(options: CorsOptions<Request>): void;
}

/**
 * Wraps a fetch-style handler: `export default { fetch: withCors(handler, { origin: 'https://app.example.com' }) }`.
 * Bodies are never cloned or buffered. A throwing origin predicate rejects the returned promise.
 */
export function withCors<Rest extends unknown[]>(handler: FetchHandler<Rest>, options: CorsOptions<Request>): FetchHandler<Rest> {
  const engine = createCors<Request>(options);
  const run = (decision: CorsDecision, request: Request, rest: Rest): Awaitable<Response> => {
    if (decision.status !== 0) return decisionResponse(decision);
    const response = handler(request, ...rest);
    return response instanceof Promise
      ? response.then((settled) => withDecisionHeaders(settled, decision))
      : withDecisionHeaders(response, decision);
  };
  return (request, ...rest) => {
    const decision = engine.decide(request, fetchRequestReader);
    return decision instanceof Promise ? decision.then((settled) => run(settled, request, rest)) : run(decision, request, rest);
  };
}

/** The two halves of `withCors`, for frameworks with their own routing (Next.js middleware, Bun.serve routes). */
export function corsForFetch(options: CorsOptions<Request>): FetchCors {
  const engine = createCors<Request>(options);
  const answer = (decision: CorsDecision) => (decision.status !== 0 ? decisionResponse(decision) : undefined);
  return {
    preflight(request) {
      const decision = engine.decide(request, fetchRequestReader);
      return decision instanceof Promise ? decision.then(answer) : answer(decision);
    },
    apply(request, response) {
      const decision = engine.decide(request, fetchRequestReader);
      return decision instanceof Promise
        ? decision.then((settled) => withDecisionHeaders(response, settled))
        : withDecisionHeaders(response, decision);
    },
    reconfigure: (next) => engine.reconfigure(next),
  };
}
