// Applying a decision to the Fetch API's Request, Response and Headers (fetch runtimes, Hono, Next.js).
import type { CorsDecision } from '../core/decision.ts';
import { pathOf, type RequestReader } from '../core/request.ts';
import { addsNoHeaders, applyDecisionHeaders, type HeaderAccess } from './header-access.ts';

export const fetchRequestReader: RequestReader<Request> = {
  method: (request) => request.method,
  header: (request, name) => request.headers.get(name) ?? undefined,
  path: (request) => pathOf(request.url),
};

export const fetchHeaderAccess: HeaderAccess<Headers> = {
  get: (headers, name) => headers.get(name) ?? undefined,
  set: (headers, name, value) => headers.set(name, value),
};

/** The response a preflight or CSRF rejection is answered with: status, CORS headers, no body. */
export function decisionResponse(decision: CorsDecision): Response {
  const headers = new Headers();
  applyDecisionHeaders(headers, fetchHeaderAccess, decision);
  return new Response(null, { status: decision.status, headers });
}

/**
 * Returns `response` with the decision's headers. Responses whose headers are immutable (returned
 * by `fetch()`, `Response.redirect()`) are re-wrapped around the same body stream, never cloned or
 * buffered. Responses that cannot be rebuilt (`Response.error()`, 101) are returned as they are.
 */
export function withDecisionHeaders(response: Response, decision: CorsDecision): Response {
  if (addsNoHeaders(decision)) return response;
  try {
    applyDecisionHeaders(response.headers, fetchHeaderAccess, decision);
    return response;
  } catch {
    let rebuilt: Response;
    try {
      // A copy of the headers: some Response implementations (@hono/node-server's) keep the very
      // Headers object they are given, which is the immutable one.
      rebuilt = new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: new Headers(response.headers),
      });
    } catch {
      return response;
    }
    applyDecisionHeaders(rebuilt.headers, fetchHeaderAccess, decision);
    return rebuilt;
  }
}
