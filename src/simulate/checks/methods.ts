import { FORBIDDEN_METHODS, NORMALIZED_METHODS, SAFELISTED_METHODS } from '../../core/methods.ts';
import { isToken } from '../../core/tokens.ts';

export function isSafelistedMethod(method: string): boolean {
  return SAFELISTED_METHODS.has(method);
}

export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN_METHODS.has(method.toUpperCase());
}

/** `fetch(url, { method: 'patch' })` sends `patch`; `'delete'` becomes `DELETE`. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

export type MethodProblem = 'invalid-method' | 'forbidden-method';

/** What `new Request()` does with a method: normalise it, or the TypeError it throws. */
export function prepareMethod(method: string): { method: string } | { problem: MethodProblem } {
  if (!isToken(method)) return { problem: 'invalid-method' };
  if (isForbiddenMethod(method)) return { problem: 'forbidden-method' };
  return { method: normalizeMethod(method) };
}
