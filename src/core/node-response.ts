// Applying a decision to a node:http ServerResponse-shaped object (node:http, Connect, Express, Koa's ctx.res).
import type { CorsDecision } from './decision.ts';
import { appendVary } from './vary.ts';

/** The part of node:http's ServerResponse this needs (structural: no node:http import in the core). */
export interface HeaderTarget {
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: string): unknown;
}

/** Sets the decision's CORS headers and appends its Vary names to the response's Vary. */
export function setNodeHeaders(response: HeaderTarget, decision: CorsDecision): void {
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i += 2) response.setHeader(headers[i]!, headers[i + 1]!);
  if (decision.vary !== '') {
    const existing = currentVary(response);
    response.setHeader('vary', existing === undefined ? decision.vary : appendVary(existing, decision.vary));
  }
}

/** The response's Vary as one string, or undefined when it has none. */
export function currentVary(response: HeaderTarget): string | undefined {
  const value = response.getHeader('vary');
  if (value === undefined || value === '') return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}
