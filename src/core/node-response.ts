// Applying a decision to a node:http ServerResponse-shaped object (node:http, Connect, Express, Koa's ctx.res).
import type { CorsDecision } from './decision.ts';
import { appendVary } from './vary.ts';

/** The part of node:http's ServerResponse this needs (structural: no node:http import in the core). */
export interface HeaderTarget {
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: string): unknown;
}

/** What answering a request needs of a ServerResponse. */
export interface AnswerTarget extends HeaderTarget {
  readonly headersSent: boolean;
  writeHead(status: number, headers: string[]): unknown;
  end(): unknown;
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

/**
 * Answers a preflight or CSRF rejection: every header in one writeHead (cheaper than a setHeader
 * each), empty body. When something upstream already sent headers, the request is still not
 * handed to the handler: the response is ended as it is.
 */
export function answerNodeResponse(decision: CorsDecision, response: AnswerTarget): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  let headers = decision.headers;
  if (decision.vary !== '') headers = headers.concat('vary', appendVary(currentVary(response), decision.vary));
  if (decision.status !== 204) headers = headers.concat('content-length', '0');
  response.writeHead(decision.status, headers as string[]);
  response.end();
}

/**
 * The headers to put on a thrown error (`err.headers`, which Koa and Express's finalhandler set on
 * the error response): the error's own, then the decision's CORS headers, with Vary merged
 * case-insensitively from the error's Vary and the response's current one. Returns a new object.
 */
export function headersForError(errorHeaders: unknown, decision: CorsDecision, responseVary: string | undefined): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  let vary: string | undefined;
  if (errorHeaders !== null && typeof errorHeaders === 'object') {
    for (const [name, value] of Object.entries(errorHeaders)) {
      if (name.toLowerCase() === 'vary') vary = vary === undefined ? String(value) : appendVary(vary, String(value));
      else merged[name] = value;
    }
  }
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i += 2) merged[headers[i]!] = headers[i + 1];
  if (responseVary !== undefined) vary = appendVary(vary, responseVary);
  if (decision.vary !== '') vary = appendVary(vary, decision.vary);
  if (vary !== undefined) merged.vary = vary;
  return merged;
}
