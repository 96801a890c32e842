// Hono 4 on any runtime. Preflights and CSRF rejections are answered with a Response; for other
// requests the headers go onto the final response after the handler (c.res may have been replaced).
import type { Context, MiddlewareHandler } from 'hono';
import { createCors, type Reconfiguration } from '../core/cors.ts';
import type { CorsOptions } from '../core/options.ts';
import { honoCors, speaksHono, type HonoPeerOptions } from './peers/hono.ts';
import { compileWithIssues, readHonoOrigin } from './shared/hono-origin.ts';
import { honoReader } from './shared/hono-run.ts';
import { rejectWith, runDecision } from '../http/run-decision.ts';

export interface HonoCorsMiddleware extends MiddlewareHandler {
  /** Validates new options and swaps them in atomically; the new options replace the whole set (or pass a function of the current ones). */
  reconfigure(options: Reconfiguration<Context>): void;
}

/**
 * `app.use('*', cors({ origin: 'https://app.example.com' }))`. The origin predicate receives Hono's
 * context and may answer as hono/cors's does (the origin to allow, or null). `cors()` and options
 * using hono/cors's names (allowMethods, allowHeaders, exposeHeaders) are read as hono/cors reads
 * them (see peers/hono.ts).
 */
export function cors(options?: CorsOptions<Context> | HonoPeerOptions): HonoCorsMiddleware {
  if (speaksHono(options)) return honoCors(options);
  let current = options as CorsOptions<Context>;
  let decideFor = compile(current);
  const middleware: MiddlewareHandler = (c, next) => decideFor(c, next);
  return Object.assign(middleware, {
    reconfigure(next: Reconfiguration<Context>) {
      const options = typeof next === 'function' ? next(Object.freeze({ ...current })) : next;
      decideFor = compile(options);
      current = options;
    },
  });
}

/** An origin function may answer as hono/cors's does (a string): see shared/hono-origin.ts. */
function compile(options: CorsOptions<Context>): MiddlewareHandler {
  const credentials = options !== null && typeof options === 'object' && options.credentials === true;
  const read = readHonoOrigin(options, credentials);
  const engine = compileWithIssues(read.issues, () => createCors<Context>(read.options));
  return (c, next) => runDecision(engine, c, honoReader, read.apply, rejectWith, c, next);
}

export type { HonoPeerOptions };
