import type { Policy, RefusedOrigin } from './compile.ts';
import { isCrossOriginRequest, isStateChangingMethod } from './csrf.ts';
import { allowedActual, decision, type CorsDecision } from './decision.ts';
import { parseRequestHeaders } from './headers.ts';
import { isMethodAllowed } from './methods.ts';
import { runOriginPredicate } from './origin-predicate.ts';
import { isPlausibleOrigin, matchPatterns, matchRegExps } from './origins.ts';
import type { ReasonCode } from './reasons.ts';
import type { RequestReader } from './request.ts';

type OriginVerdict = true | RefusedOrigin;

/**
 * The one decision function every adapter calls. Synchronous unless the origin option is a
 * predicate that returns a promise. Throws or rejects only when that predicate does, or when it
 * answers anything but true or false (CorsPredicateError).
 */
export function decide<Req>(
  policy: Policy,
  request: Req,
  reader: RequestReader<Req>,
): CorsDecision | Promise<CorsDecision> {
  const method = reader.method(request);
  const origin = reader.header(request, 'origin');
  // A CORS-preflight request is OPTIONS with Origin and Access-Control-Request-Method
  // (https://fetch.spec.whatwg.org/#cors-preflight-request); any other OPTIONS request is an
  // ordinary request for the handler.
  if (method === 'OPTIONS' && origin !== undefined) {
    const requestedMethod = reader.header(request, 'access-control-request-method');
    if (requestedMethod !== undefined) {
      const verdict =
        policy.origins.any || policy.exactDecisions.has(origin) ? true : checkOrigin(policy, origin, request);
      // Only native promises reach here: runOriginPredicate normalises any thenable.
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
  // 'null' is sent by sandboxed documents, data: and file: pages and redirected requests, so anyone
  // can produce it (https://fetch.spec.whatwg.org/#origin-header): never matched unless opted in.
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
  const answer = runOriginPredicate(origins.predicate, origin, request);
  if (typeof answer === 'boolean') return answer || 'origin-predicate-refused';
  return answer.then((settled) => settled || 'origin-predicate-refused');
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

/** Origin, then method, then headers, as browsers check them (https://fetch.spec.whatwg.org/#cors-preflight-fetch). */
function decidePreflight<Req>(
  policy: Policy,
  request: Req,
  reader: RequestReader<Req>,
  origin: string,
  requestedMethod: string,
  verdict: OriginVerdict,
): CorsDecision {
  if (verdict !== true) return policy.refusedPreflight[verdict];
  if (!isMethodAllowed(policy.methods, requestedMethod))
    return refusedPreflight(policy, 'method-not-allowed', requestedMethod);
  const requestedHeaders = reader.header(request, 'access-control-request-headers');
  let allowHeaders = '';
  if (requestedHeaders !== undefined && requestedHeaders !== '') {
    const parsed = parseRequestHeaders(requestedHeaders, policy.headers);
    if (typeof parsed !== 'string') return refusedPreflight(policy, parsed.reason, parsed.name);
    allowHeaders = parsed;
  }
  const privateNetwork = reader.header(request, 'access-control-request-private-network') === 'true';
  if (privateNetwork && !policy.privateNetwork) return policy.refusedPreflight['private-network-not-allowed'];
  const headers = ['access-control-allow-origin', policy.origins.any ? '*' : origin];
  if (policy.credentials) headers.push('access-control-allow-credentials', 'true');
  headers.push('access-control-allow-methods', requestedMethod);
  if (allowHeaders !== '') headers.push('access-control-allow-headers', allowHeaders);
  if (policy.maxAge !== undefined) headers.push('access-control-max-age', policy.maxAge);
  if (privateNetwork) headers.push('access-control-allow-private-network', 'true');
  return decision({
    kind: 'preflight',
    allowed: true,
    status: policy.preflightStatus,
    headers,
    vary: policy.preflightVary,
    reason: 'preflight-allowed',
    detail: requestedMethod,
  });
}

/** A refused preflight for the method or the request headers (origin and private-network refusals are built at compile time). */
function refusedPreflight(policy: Policy, reason: ReasonCode, detail?: string): CorsDecision {
  return decision({
    kind: 'preflight',
    allowed: false,
    status: policy.preflightRefusedStatus,
    headers: [],
    vary: policy.preflightVary,
    reason,
    detail,
  });
}
