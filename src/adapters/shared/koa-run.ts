// Koa 2 and 3: what the named middleware (koa.ts) and the default export speaking @koa/cors
// (peers/koa.ts) do with a decision. Koa's default error handler (ctx.onerror) removes every response header before it
// writes the error, then sets `err.headers`. For a request whose downstream throws, corsguard wraps
// that one context's onerror so the CORS headers go back on through `err.headers` for that call
// only: the browser shows the real error instead of a CORS failure, and the error object (which
// may be shared between requests) is left as it was.
import { format } from 'node:util';
import type { CorsDecision } from '../../core/decision.ts';
import { joinHeaderValue, type RequestReader } from '../../core/request.ts';
import type { KoaContext, KoaNext } from '../koa.ts';
import { addsNoHeaders } from '../../http/header-access.ts';
import {
  answerNodeResponse,
  applyToNodeResponse,
  headersForError,
  nodeHeaderAccess,
} from '../../http/node-response.ts';

export const koaReader: RequestReader<KoaContext> = {
  method: (ctx) => ctx.method,
  header: (ctx, name) => joinHeaderValue(ctx.req.headers[name]),
  path: (ctx) => ctx.path,
};

export function run(decision: CorsDecision, ctx: KoaContext, next: KoaNext): Promise<void> | undefined {
  if (decision.status !== 0) {
    // Answered like every other adapter (no body, no Content-Type); the status stays visible to
    // upstream middleware such as loggers.
    ctx.status = decision.status;
    ctx.respond = false;
    answerNodeResponse(decision, ctx.res);
    return undefined;
  }
  // Straight onto node's response: Koa's ctx.response.get() copies every header on each call.
  applyToNodeResponse(ctx.res, decision);
  return next().then(noop, (error: unknown) => {
    keepHeadersOnError(ctx, decision);
    throw error;
  });
}

const noop = (): void => {};

function keepHeadersOnError(ctx: KoaContext, decision: CorsDecision): void {
  const onerror = ctx.onerror;
  if (typeof onerror !== 'function' || addsNoHeaders(decision)) return;
  ctx.onerror = function (this: unknown, thrown: unknown) {
    if (thrown === null || thrown === undefined) return onerror.call(this, thrown);
    // Koa replaces any other thrown value (a string, `{ status: 400 }`) with a new Error that has
    // no headers: make that same Error here, so it can carry the CORS headers.
    const error = isNativeError(thrown) ? thrown : new Error(format('non-error thrown: %j', thrown));
    const target = error as { headers?: unknown };
    const hadOwn = Object.hasOwn(target, 'headers');
    const original = target.headers;
    try {
      target.headers = headersForError(original, decision, nodeHeaderAccess.get(ctx.res, 'vary'));
    } catch {
      // A frozen error keeps its own headers.
      return onerror.call(this, error);
    }
    try {
      return onerror.call(this, error);
    } finally {
      try {
        if (hadOwn) target.headers = original;
        else delete target.headers;
      } catch {
        // Nothing to restore on an object that refuses it.
      }
    }
  };
}

/** Koa's own test for what it treats as an error (it tolerates errors from other realms). */
function isNativeError(value: unknown): value is object {
  return Object.prototype.toString.call(value) === '[object Error]' || value instanceof Error;
}
