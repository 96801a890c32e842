import type { Policy } from './compile.ts';
import { isCrossOriginRequest, isStateChangingMethod } from './csrf.ts';
import { allowedActual, decision, type CorsDecision } from './decision.ts';
import { parseRequestHeaders } from './headers.ts';
import { isMethodAllowed } from './methods.ts';
import { isPlausibleOrigin, matchPatterns, matchRegExps } from './origins.ts';
import type { RequestReader } from './request.ts';

type OriginVerdict = true | 'origin-not-allowed' | 'origin-null' | 'origin-malformed';

/**
 * The one decision function every adapter calls. Synchronous unless the origin option is a
 * predicate that returns a promise. Throws or rejects only when that predicate does.
 */
export function decide<Req>(policy: Policy, request: Req, reader: RequestReader<Req>): CorsDecision | Promise<CorsDecision> {
  const method = reader.method(request);
  const origin = reader.header(request, 'origin');
  // Fetch §3.2.2: a CORS-preflight request is OPTIONS with Origin and Access-Control-Request-Method;
  // any other OPTIONS request is an ordinary request for the handler.
  if (method === 'OPTIONS' && origin !== undefined) {
    const requestedMethod = reader.header(request, 'access-control-request-method');
    if (requestedMethod !== undefined) {
      const verdict = policy.origins.any || policy.exactDecisions.has(origin) ? true : checkOrigin(policy, origin, request);
      if (verdict instanceof Promise) {
        return verdict.then((settled) => decidePreflight(policy, request, reader, origin, requestedMethod, settled));
      }
      return decidePreflight(policy, request, reader, origin, requestedMethod, verdict);
    }
  }
  if (origin === undefined) return guard(policy, request, reader, method, undefined, policy.notCors);
  if (policy.origins.any) return policy.anyOrigin;
  const cached = policy.exactDecisions.get(origin);
  if (cached !== undefined) return cached;
  const verdict = checkOrigin(policy, origin, request);
  if (verdict instanceof Promise) {
    return verdict.then((settled) => decideActual(policy, request, reader, method, origin, settled));
  }
  return decideActual(policy, request, reader, method, origin, verdict);
}

/** Checks an origin that is not one of the exact origins (the caller looked it up already). */
function checkOrigin(policy: Policy, origin: string, request: unknown): OriginVerdict | Promise<OriginVerdict> {
  const origins = policy.origins;
  // Fetch §8 / cors-protocol.md §8: 'null' is forgeable by anyone; never matched unless opted in.
  if (origin === 'null') {
    if (origins.allowNull) return true;
    if (!origins.nullToPredicate) return 'origin-null';
  }
  if ((origins.subdomains.size > 0 || origins.anyPort.size > 0) && matchPatterns(origins, origin)) return true;
  if (origins.regexps.length === 0 && origins.predicate === undefined) {
    // Several Origin lines arrive joined by ', ' (a serialised origin never holds a comma).
    return origin.includes(',') ? 'origin-malformed' : 'origin-not-allowed';
  }
  // RegExps and predicates are user code: only well-formed, single origins reach them.
  if (!isPlausibleOrigin(origin)) return 'origin-malformed';
  if (matchRegExps(origins, origin)) return true;
  if (origins.predicate === undefined) return 'origin-not-allowed';
  const answer: unknown = origins.predicate(origin, request);
  if (answer instanceof Promise || (answer !== null && typeof answer === 'object' && 'then' in answer)) {
    return Promise.resolve(answer as PromiseLike<unknown>).then((settled) => (settled === true ? true : 'origin-not-allowed'));
  }
  return answer === true ? true : 'origin-not-allowed';
}

function decideActual<Req>(
  policy: Policy,
  request: Req,
  reader: RequestReader<Req>,
  method: string,
  origin: string,
  verdict: OriginVerdict,
): CorsDecision {
  if (verdict !== true) return guard(policy, request, reader, method, origin, policy.refusedActual[verdict]);
  return allowedActual(origin, policy.actualTail, policy.actualVary);
}

/** The CSRF guard: a refused, state-changing, cross-origin request is answered 403 before the handler. */
function guard<Req>(
  policy: Policy,
  request: Req,
  reader: RequestReader<Req>,
  method: string,
  origin: string | undefined,
  refused: CorsDecision,
): CorsDecision {
  const csrf = policy.csrf;
  if (csrf === undefined || !isStateChangingMethod(method)) return refused;
  if (!isCrossOriginRequest(request, reader, origin)) return refused;
  if (csrf.exemptPaths.size > 0 && csrf.exemptPaths.has(reader.path(request))) return refused;
  return policy.csrfRejected;
}

/** Fetch §3.2.4 "CORS-preflight fetch": origin, then method, then headers, as browsers check them. */
function decidePreflight<Req>(
  policy: Policy,
  request: Req,
  reader: RequestReader<Req>,
  origin: string,
  requestedMethod: string,
  verdict: OriginVerdict,
): CorsDecision {
  const refusedStatus = policy.preflightRefusedStatus;
  const vary = policy.preflightVary;
  if (verdict !== true) return decision('preflight', false, refusedStatus, [], vary, verdict);
  if (!isMethodAllowed(policy.methods, requestedMethod)) {
    return decision('preflight', false, refusedStatus, [], vary, 'method-not-allowed', requestedMethod);
  }
  const requestedHeaders = reader.header(request, 'access-control-request-headers');
  let allowHeaders = '';
  if (requestedHeaders !== undefined && requestedHeaders !== '') {
    const parsed = parseRequestHeaders(requestedHeaders, policy.headers);
    if (typeof parsed !== 'string') {
      return decision('preflight', false, refusedStatus, [], vary, parsed.reason, parsed.name);
    }
    allowHeaders = parsed;
  }
  const privateNetwork = reader.header(request, 'access-control-request-private-network') === 'true';
  if (privateNetwork && !policy.privateNetwork) {
    return decision('preflight', false, refusedStatus, [], vary, 'private-network-not-allowed');
  }
  const headers = ['access-control-allow-origin', policy.origins.any ? '*' : origin];
  if (policy.credentials) headers.push('access-control-allow-credentials', 'true');
  headers.push('access-control-allow-methods', requestedMethod);
  if (allowHeaders !== '') headers.push('access-control-allow-headers', allowHeaders);
  if (policy.maxAge !== undefined) headers.push('access-control-max-age', policy.maxAge);
  if (privateNetwork) headers.push('access-control-allow-private-network', 'true');
  return decision('preflight', true, policy.preflightStatus, headers, vary, 'preflight-allowed', requestedMethod);
}
