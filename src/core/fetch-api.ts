// Helpers for adapters built on the Fetch API's Request, Response and Headers (fetch, Hono).
import type { CorsDecision } from './decision.ts';
import { pathOf, type RequestReader } from './request.ts';
import { appendVary } from './vary.ts';

export const fetchRequestReader: RequestReader<Request> = {
  method: (request) => request.method,
  header: (request, name) => request.headers.get(name) ?? undefined,
  path: (request) => pathOf(request.url),
};

/** The response a preflight or CSRF rejection is answered with: status, CORS headers, no body. */
export function decisionResponse(decision: CorsDecision): Response {
  const headers = new Headers();
  setDecisionHeaders(headers, decision);
  return new Response(null, { status: decision.status, headers });
}

/** Sets the decision's headers on `headers` and appends its Vary names to what `headers` has. */
export function setDecisionHeaders(headers: Headers, decision: CorsDecision): void {
  const list = decision.headers;
  for (let i = 0; i < list.length; i += 2) headers.set(list[i]!, list[i + 1]!);
  if (decision.vary !== '') headers.set('vary', appendVary(headers.get('vary') ?? undefined, decision.vary));
}

/**
 * Returns `response` with the decision's headers. Responses whose headers are immutable (returned
 * by `fetch()`, `Response.redirect()`) are re-wrapped around the same body stream, never cloned or
 * buffered. Responses that cannot be rebuilt (`Response.error()`, 101) are returned as they are.
 */
export function withDecisionHeaders(response: Response, decision: CorsDecision): Response {
  if (decision.headers.length === 0 && decision.vary === '') return response;
  try {
    setDecisionHeaders(response.headers, decision);
    return response;
  } catch {
    let rebuilt: Response;
    try {
      rebuilt = new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch {
      return response;
    }
    setDecisionHeaders(rebuilt.headers, decision);
    return rebuilt;
  }
}

/** A promise of this realm or any other, or a thenable. */
export function isThenable<T>(value: T | PromiseLike<T>): value is Promise<T> {
  return value instanceof Promise || (value !== null && typeof value === 'object' && typeof (value as PromiseLike<T>).then === 'function');
}
