// "Decide, wait if it is a promise, then apply": one behaviour for every adapter.
import type { Cors } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import type { RequestReader } from '../core/request.ts';

/**
 * Decides for `request` and hands the decision to `apply`, synchronously when the decision is
 * (no promise, no microtask); after it settles when the origin predicate is async. A predicate
 * that throws synchronously and one that rejects both go to `fail`, with the same arguments.
 * `a` and `b` are passed through so callers need no closure per request.
 */
export function runDecision<Req, A, B, R>(
  engine: Cors<Req>,
  request: Req,
  reader: RequestReader<Req>,
  apply: (decision: CorsDecision, a: A, b: B) => R,
  fail: (error: unknown, a: A, b: B) => R | Promise<never>,
  a: A,
  b: B,
): R | Promise<Awaited<R>> {
  let decision: CorsDecision | Promise<CorsDecision>;
  try {
    decision = engine.decide(request, reader);
  } catch (error) {
    return fail(error, a, b);
  }
  // decide() only ever makes native promises (the origin predicate's answer is normalised).
  if (!(decision instanceof Promise)) return apply(decision, a, b);
  return decision.then(
    (settled) => apply(settled, a, b),
    (error: unknown) => fail(error, a, b),
  ) as Promise<Awaited<R>>;
}

/** `fail` for adapters whose middleware returns a promise (Koa, Hono, fetch): the error rejects it. */
export function rejectWith(error: unknown): Promise<never> {
  return Promise.reject(error);
}
