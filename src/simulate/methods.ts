import { isToken } from './http-token.ts';

/** Fetch §2.2.1: CORS-safelisted methods, compared byte for byte. */
const SAFELISTED = new Set(['GET', 'HEAD', 'POST']);
/** Fetch §2.2.1: forbidden methods; fetch() throws for them (any case). */
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** Fetch §2.2.1 "normalize a method": only these six are upper-cased. */
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export function isSafelistedMethod(method: string): boolean {
  return SAFELISTED.has(method);
}

export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN.has(method.toUpperCase());
}

/** `fetch(url, { method: 'patch' })` sends `patch`; `'delete'` becomes `DELETE`. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED.has(upper) ? upper : method;
}

export type MethodProblem = 'invalid-method' | 'forbidden-method';

/** What `new Request()` does with a method: normalise it, or the TypeError it throws. */
export function prepareMethod(method: string): { method: string } | { problem: MethodProblem } {
  if (!isToken(method)) return { problem: 'invalid-method' };
  if (isForbiddenMethod(method)) return { problem: 'forbidden-method' };
  return { method: normalizeMethod(method) };
}
