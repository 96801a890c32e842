// "Set the decision's headers, then merge Vary": one function for every kind of response.
import type { CorsDecision } from '../core/decision.ts';
import { joinHeaderValue } from '../core/request.ts';
import { appendVary } from '../core/vary.ts';

/**
 * Reads and writes one kind of response's headers. Implementations are static objects, one per
 * response type (like the core's RequestReader), so applying a decision allocates nothing.
 */
export interface HeaderAccess<Target> {
  /** A header by lower-case name as one string; undefined when absent. */
  get(target: Target, name: string): string | undefined;
  set(target: Target, name: string, value: string): void;
}

/** Sets the decision's CORS headers on `target` and appends its Vary names to what `target` has. */
export function applyDecisionHeaders<Target>(
  target: Target,
  access: HeaderAccess<Target>,
  decision: CorsDecision,
): void {
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i += 2) access.set(target, headers[i]!, headers[i + 1]!);
  if (decision.vary !== '') mergeVary(target, access, decision.vary);
}

/** Appends `names` to the target's Vary without dropping or repeating anything; no write when nothing is missing. */
export function mergeVary<Target>(target: Target, access: HeaderAccess<Target>, names: string): void {
  const existing = access.get(target, 'vary');
  const merged = appendVary(existing, names);
  if (merged !== existing) access.set(target, 'vary', merged);
}

/** A decision that adds nothing to a response (no CORS headers, nothing to vary on). */
export function addsNoHeaders(decision: CorsDecision): boolean {
  return decision.headers.length === 0 && decision.vary === '';
}

/** A header value as node:http and Fastify hold it (a number, a string, or an array for repeated lines) as one string; undefined when absent or empty. */
export function headerValueString(value: number | string | readonly string[] | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return typeof value === 'number' ? String(value) : joinHeaderValue(value);
}
