// Koa 2 and 3. Koa's default error handler (ctx.onerror) removes every response header before it
// writes the error, then sets `err.headers`. For a request whose downstream throws, corsguard wraps
// that one context's onerror so the CORS headers go back on through `err.headers` for that call
// only: the browser shows the real error instead of a CORS failure, and the error object (which
// may be shared between requests) is left as it was.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCors, type Reconfiguration } from '../core/cors.ts';
import type { CorsOptions } from '../core/options.ts';
import type { RequestReader } from '../core/request.ts';
import { koaReader, run } from './shared/koa-run.ts';
import { withReconfigure } from './shared/reconfigurable.ts';
import { rejectWith, runDecision } from '../http/run-decision.ts';

/** The part of Koa's context this adapter uses (structural, so Koa's types are not required). */
export interface KoaContext {
  readonly method: string;
  readonly path: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  status: number;
  respond?: boolean | undefined;
  onerror?(error: unknown): void;
}

export type KoaNext = () => Promise<unknown>;

export interface KoaCorsMiddleware<Ctx extends KoaContext = KoaContext> {
  (ctx: Ctx, next: KoaNext): Promise<void> | undefined;
  /** Validates new options and swaps them in atomically; the new options replace the whole set (or pass a function of the current ones). */
  reconfigure(options: Reconfiguration<Ctx>): void;
}

/**
 * `app.use(cors({ origin: 'https://app.example.com' }))`. The origin predicate receives Koa's
 * context; for a typed one name it: `cors<Koa.ParameterizedContext>({ origin: (origin, ctx) => … })`.
 */
export function cors<Ctx extends KoaContext = KoaContext>(options: CorsOptions<Ctx>): KoaCorsMiddleware<Ctx> {
  const engine = createCors<Ctx>(options);
  const reader = koaReader as RequestReader<Ctx>;
  const middleware = (ctx: Ctx, next: KoaNext): Promise<void> | undefined =>
    runDecision<Ctx, KoaContext, KoaNext, Promise<void> | undefined>(engine, ctx, reader, run, rejectWith, ctx, next);
  return withReconfigure(middleware, engine);
}

// The default export speaks @koa/cors's options (what `import cors from '@koa/cors'` users have).
export { koaCors as default, type KoaPeerMiddleware, type KoaPeerOptions } from './peers/koa.ts';
