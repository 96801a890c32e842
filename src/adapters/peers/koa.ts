// The default export of corsguard/koa: @koa/cors's options and shapes (`origin(ctx)` answering the
// Allow-Origin value, `credentials(ctx)`, allowMethods/allowHeaders/exposeHeaders, maxAge,
// keepHeadersOnError, secureContext, privateNetworkAccess), translated at start-up into a corsguard
// policy. With `credentials` a function, two policies are compiled (with and without credentials)
// and the function picks one per request.
import type { Cors } from '../../core/cors.ts';
import type { CorsOptions } from '../../core/options.ts';
import { KOA_CORS } from '../../core/peers/spec.ts';
import { createPeerCors } from '../../core/peers/translate.ts';
import type { RequestReader } from '../../core/request.ts';
import type { KoaContext, KoaNext } from '../koa.ts';
import { koaReader, run } from '../shared/koa-run.ts';
import { rejectWith, runDecision } from '../../http/run-decision.ts';

type List = string | readonly string[];

/** @koa/cors's options, and corsguard's (csrf, debug, …), which do not collide. */
export interface KoaPeerOptions<Ctx extends KoaContext = KoaContext>
  extends Omit<
    CorsOptions,
    'origin' | 'methods' | 'allowedHeaders' | 'exposedHeaders' | 'maxAge' | 'credentials' | 'privateNetwork'
  > {
  /** Default `'*'`. A function receives Koa's context and answers the origin to allow (or a falsy value). */
  readonly origin?:
    | string
    | false
    | ((ctx: Ctx) => string | false | null | undefined | Promise<string | false | null | undefined>);
  /** Default `'GET,HEAD,PUT,POST,DELETE,PATCH'`. */
  readonly allowMethods?: List;
  /** Default: every header a preflight asks for. */
  readonly allowHeaders?: List;
  readonly exposeHeaders?: List;
  readonly maxAge?: number | string;
  readonly credentials?: boolean | ((ctx: Ctx) => boolean | Promise<boolean>);
  /** Accepted: the CORS headers are always kept on error responses. */
  readonly keepHeadersOnError?: boolean;
  /** Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp on every answer. */
  readonly secureContext?: boolean;
  readonly privateNetworkAccess?: boolean;
}

export type KoaPeerMiddleware<Ctx extends KoaContext = KoaContext> = (
  ctx: Ctx,
  next: KoaNext,
) => Promise<void> | undefined;

/** `app.use(cors())` as with @koa/cors; what is unsafe (any origin reflected with credentials, …) is refused at start-up. */
export function koaCors<Ctx extends KoaContext = KoaContext>(given: KoaPeerOptions<Ctx> = {}): KoaPeerMiddleware<Ctx> {
  const reader = koaReader as RequestReader<Ctx>;
  const options = koaShapes(given ?? {});
  const { credentials, secureContext } = options;
  const decideWith = (engine: Cors<Ctx> | undefined, ctx: Ctx, next: KoaNext): Promise<void> | undefined => {
    if (secureContext === true) {
      ctx.res.setHeader('cross-origin-opener-policy', 'same-origin');
      ctx.res.setHeader('cross-origin-embedder-policy', 'require-corp');
    }
    if (engine === undefined) return next().then(noop);
    return runDecision<Ctx, KoaContext, KoaNext, Promise<void> | undefined>(
      engine,
      ctx,
      reader,
      run,
      rejectWith,
      ctx,
      next,
    );
  };
  if (typeof credentials !== 'function') {
    const engine = createPeerCors<Ctx>(options, KOA_CORS);
    return (ctx, next) => decideWith(engine, ctx, next);
  }
  const withCredentials = createPeerCors<Ctx>({ ...options, credentials: true }, KOA_CORS);
  const withoutCredentials = createPeerCors<Ctx>({ ...options, credentials: false }, KOA_CORS);
  return (ctx, next) =>
    Promise.resolve(credentials(ctx)).then((answer) =>
      decideWith(answer === true ? withCredentials : withoutCredentials, ctx, next),
    );
}

const noop = (): void => {};

/**
 * What @koa/cors makes of falsy values (it spreads the options over its defaults, then tests them):
 * `origin: null` or `''` is its default `'*'` (`false` turns CORS off here, as in the other peers),
 * and a falsy `allowMethods` (null, '', an explicit undefined) sends no Access-Control-Allow-Methods,
 * so browsers allow only GET, HEAD and POST: corsguard lists no method.
 */
function koaShapes<Options extends object>(options: Options): Options {
  const shaped = { ...options } as Record<string, unknown>;
  if (Object.hasOwn(shaped, 'origin') && (shaped.origin === null || shaped.origin === '')) delete shaped.origin;
  if (Object.hasOwn(shaped, 'allowMethods') && !shaped.allowMethods) shaped.allowMethods = [];
  return shaped as Options;
}
