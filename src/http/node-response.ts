// Applying a decision to a node:http ServerResponse-shaped object (node:http, Connect, Express, Koa's ctx.res).
import type { CorsDecision } from '../core/decision.ts';
import { appendVary } from '../core/vary.ts';
import { applyDecisionHeaders, headerValueString, mergeVary, type HeaderAccess } from './header-access.ts';

/** The part of node:http's ServerResponse this needs (structural, so tests can pass their own). */
export interface NodeHeaderTarget {
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: string): unknown;
}

/** What answering a request needs of a ServerResponse. */
export interface AnswerTarget extends NodeHeaderTarget {
  readonly headersSent: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(): unknown;
}

export const nodeHeaderAccess: HeaderAccess<NodeHeaderTarget> = {
  get: (response, name) => headerValueString(response.getHeader(name)),
  set(response, name, value) {
    response.setHeader(name, value);
  },
};

/**
 * Answers a preflight or CSRF rejection: every header in one writeHead (cheaper than a setHeader
 * each), empty body. When something upstream already sent headers, the request is still not
 * handed to the handler: the response is ended as it is. The headers go as an object, not as
 * Node's flat [name, value, …] array: on-headers before 1.1 (inside `compression`, and the copy
 * Next.js bundles) wraps writeHead and reads an array as [name, value] pairs.
 */
export function answerNodeResponse(decision: CorsDecision, response: AnswerTarget): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const headers: Record<string, string> = {};
  const list = decision.headers;
  for (let i = 0; i < list.length; i += 2) headers[list[i]!] = list[i + 1]!;
  if (decision.vary !== '') headers.vary = appendVary(nodeHeaderAccess.get(response, 'vary'), decision.vary);
  if (decision.status !== 204) headers['content-length'] = '0';
  response.writeHead(decision.status, headers);
  response.end();
}

/**
 * Sets an allowed request's CORS headers on a ServerResponse (node:http, Express, Koa's ctx.res)
 * and keeps its Vary names until the head is written.
 */
export function applyToNodeResponse(response: HeadTarget, decision: CorsDecision): void {
  applyDecisionHeaders(response, nodeHeaderAccess, decision);
  if (decision.vary !== '') keepVaryUntilHead(response, decision.vary);
}

/** What keeping Vary until the head is written needs of a ServerResponse. */
interface HeadTarget extends NodeHeaderTarget {
  writeHead(...args: never[]): unknown;
}

/**
 * Keeps `vary` in the response's Vary until the head is written, whatever runs in between: a
 * handler's `res.set('Vary', …)`, an error's `headers` set over the response's by Express's final
 * handler, or headers passed to `writeHead` itself (as Fastify does). Losing `Vary: Origin` while
 * keeping an origin-dependent `Access-Control-Allow-Origin` lets a shared cache serve one origin's
 * answer to another: https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches
 */
export function keepVaryUntilHead(response: HeadTarget, vary: string): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: HeadTarget, ...args: unknown[]) {
    mergeVary(this, nodeHeaderAccess, vary);
    const last = args.length - 1;
    if (last > 0 && args[last] !== null && typeof args[last] === 'object')
      args[last] = withVary(args[last] as object, vary);
    return writeHead.apply(this, args as never[]);
  } as HeadTarget['writeHead'];
}

/**
 * The headers argument of `writeHead` (an object, a flat `[name, value, …]` array or `[name,
 * value]` pairs), copied with `vary` appended to its Vary when it has one: its headers replace the
 * response's. Returned unchanged when it has no Vary.
 */
function withVary(headers: object, vary: string): object {
  if (!Array.isArray(headers)) {
    const record = headers as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      if (name.toLowerCase() === 'vary') return { ...record, [name]: appendVary(String(record[name]), vary) };
    }
    return headers;
  }
  const pairs = headers.length > 0 && Array.isArray(headers[0]);
  const step = pairs ? 1 : 2;
  for (let i = headers.length - step; i >= 0; i -= step) {
    const name: unknown = pairs ? headers[i][0] : headers[i];
    if (typeof name !== 'string' || name.toLowerCase() !== 'vary') continue;
    const copy = headers.slice();
    if (pairs) copy[i] = [name, appendVary(String(headers[i][1]), vary)];
    else copy[i + 1] = appendVary(String(headers[i + 1]), vary);
    return copy;
  }
  return headers;
}

/**
 * The headers to put on a thrown error (`err.headers`, which Koa sets on the error response): the
 * error's own, then the decision's CORS headers, with Vary merged case-insensitively from the
 * error's Vary and the response's current one. Returns a new object.
 */
export function headersForError(
  errorHeaders: unknown,
  decision: CorsDecision,
  responseVary: string | undefined,
): Record<string, unknown> {
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
