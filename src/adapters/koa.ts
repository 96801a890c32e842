// Koa 2 and 3. Koa's default error handler removes every response header before it writes the
// error; CORS headers are copied onto `err.headers`, which Koa sets again, so the browser shows
// the real error instead of a CORS failure.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCors } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import type { CorsOptions } from '../core/options.ts';
import { joinHeaderValue, type RequestReader } from '../core/request.ts';
import { currentVary, setNodeHeaders } from '../core/node-response.ts';
import { appendVary } from '../core/vary.ts';

/** The part of Koa's context this adapter uses (structural, so Koa's types are not required). */
export interface KoaContext {
  readonly method: string;
  readonly path: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  status: number;
  body: unknown;
}

export type KoaNext = () => Promise<unknown>;

export interface KoaCorsMiddleware<Ctx extends KoaContext = KoaContext> {
  (ctx: Ctx, next: KoaNext): Promise<void> | undefined;
  reconfigure(options: CorsOptions<Ctx>): void;
}

const koaReader: RequestReader<KoaContext> = {
  method: (ctx) => ctx.method,
  header: (ctx, name) => joinHeaderValue(ctx.req.headers[name]),
  path: (ctx) => ctx.path,
};

/** `app.use(cors({ origin: 'https://app.example.com' }))`. The origin predicate receives Koa's context. */
export function cors<Ctx extends KoaContext = KoaContext>(options: CorsOptions<Ctx>): KoaCorsMiddleware<Ctx> {
  const engine = createCors<Ctx>(options);
  const reader = koaReader as RequestReader<Ctx>;
  const middleware = (ctx: Ctx, next: KoaNext): Promise<void> | undefined => {
    const decision = engine.decide(ctx, reader);
    return decision instanceof Promise ? decision.then((settled) => run(ctx, next, settled)) : run(ctx, next, decision);
  };
  return Object.assign(middleware, { reconfigure: (nextOptions: CorsOptions<Ctx>) => engine.reconfigure(nextOptions) });
}

function run(ctx: KoaContext, next: KoaNext, decision: CorsDecision): Promise<void> | undefined {
  // Straight onto node's response: Koa's ctx.response.get() copies every header on each call.
  setNodeHeaders(ctx.res, decision);
  if (decision.status !== 0) {
    ctx.status = decision.status;
    // Koa empties 204 bodies itself; any other status would get its status message as body.
    if (decision.status !== 204) ctx.body = '';
    return undefined;
  }
  return next().then(noop, (error: unknown) => {
    if (error !== null && typeof error === 'object') {
      keepHeadersOnError(error as { headers?: Record<string, unknown> }, decision.headers, decision.vary === '' ? undefined : currentVary(ctx.res));
    }
    throw error;
  });
}

const noop = (): void => {};

function keepHeadersOnError(error: { headers?: Record<string, unknown> }, headers: readonly string[], vary: string | undefined): void {
  const kept: Record<string, unknown> = { ...error.headers };
  for (let i = 0; i < headers.length; i += 2) kept[headers[i]!] = headers[i + 1];
  if (vary !== undefined) {
    const existing = kept.vary ?? kept.Vary;
    kept.vary = typeof existing === 'string' ? appendVary(existing, vary) : vary;
    delete kept.Vary;
  }
  try {
    error.headers = kept;
  } catch {
    // A frozen error keeps its own headers.
  }
}
