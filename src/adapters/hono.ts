// Hono 4 on any runtime. Preflights and CSRF rejections are answered with a Response; for other
// requests the headers go onto the final response after the handler (c.res may have been replaced).
import type { Context, MiddlewareHandler } from 'hono';
import { createCors, type Reconfiguration } from '../core/cors.ts';
import type { CorsOptions } from '../core/options.ts';
import { honoCors, speaksHono, type HonoPeerOptions } from './peers/hono.ts';
import { honoReader, run } from './shared/hono-run.ts';
import { withReconfigure } from './shared/reconfigurable.ts';
import { rejectWith, runDecision } from '../http/run-decision.ts';

export interface HonoCorsMiddleware extends MiddlewareHandler {
  /** Validates new options and swaps them in atomically; the new options replace the whole set (or pass a function of the current ones). */
  reconfigure(options: Reconfiguration<Context>): void;
}

/**
 * `app.use('*', cors({ origin: 'https://app.example.com' }))`. The origin predicate receives Hono's
 * context. `cors()` and options using hono/cors's names (allowMethods, allowHeaders,
 * exposeHeaders) are read as hono/cors reads them (see peers/hono.ts).
 */
export function cors(options?: CorsOptions<Context> | HonoPeerOptions): HonoCorsMiddleware {
  if (speaksHono(options)) return honoCors(options);
  const engine = createCors<Context>(options as CorsOptions<Context>);
  const middleware: MiddlewareHandler = (c, next) => runDecision(engine, c, honoReader, run, rejectWith, c, next);
  return withReconfigure(middleware, engine);
}

export type { HonoPeerOptions };
