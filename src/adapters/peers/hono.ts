// corsguard/hono's `cors` with hono/cors's options: `cors()` (origin '*', hono's methods, requested
// headers allowed), allowMethods (a list, or a function of (origin, c) answered per request),
// allowHeaders, exposeHeaders, and an origin string, list or function `(origin, c)` answering the
// Allow-Origin value; translated at start-up into a corsguard policy. Chosen when the options use
// one of hono/cors's own names, or are absent; otherwise `cors` keeps corsguard's strict options
// (where an origin function answering hono/cors's way works too: shared/hono-origin.ts).
import type { Context, MiddlewareHandler } from 'hono';
import type { Cors, Reconfiguration } from '../../core/cors.ts';
import type { CorsOptions } from '../../core/options.ts';
import { PerRequestEngines } from '../../core/peers/per-request.ts';
import { HONO_CORS } from '../../core/peers/spec.ts';
import { createPeerCors } from '../../core/peers/translate.ts';
import { compileWithIssues, readHonoOrigin } from '../shared/hono-origin.ts';
import { honoReader } from '../shared/hono-run.ts';
import { rejectWith, runDecision } from '../../http/run-decision.ts';
import type { HonoCorsMiddleware } from '../hono.ts';

type OriginAnswer = string | undefined | null;

/** hono/cors's options, and corsguard's (csrf, debug, …), which do not collide. */
export interface HonoPeerOptions
  extends Omit<CorsOptions<Context>, 'origin' | 'methods' | 'allowedHeaders' | 'exposedHeaders'> {
  /** Default `'*'`. A function answers the Allow-Origin value (or nothing). */
  readonly origin?: string | readonly string[] | ((origin: string, c: Context) => OriginAnswer | Promise<OriginAnswer>);
  /** Default `['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'QUERY']`; a function is asked per request. */
  readonly allowMethods?:
    | readonly string[]
    | ((origin: string, c: Context) => readonly string[] | Promise<readonly string[]>);
  /** Default: every header a preflight asks for. */
  readonly allowHeaders?: readonly string[];
  readonly exposeHeaders?: readonly string[];
}

const HONO_NAMES = ['allowMethods', 'allowHeaders', 'exposeHeaders'];
const HONO_OPTIONS = new Set([...HONO_NAMES, 'origin', 'credentials', 'maxAge']);

/**
 * `cors()`, options naming one of hono/cors's own options, or options with only names both
 * vocabularies share that corsguard's would refuse but hono/cors reads as its default `'*'`:
 * no origin (`{ credentials: true }`), or `origin: '*'` with credentials (sent without
 * Allow-Credentials, which browsers refused beside `*`: nothing unsafe to refuse).
 */
export function speaksHono(options: unknown): options is HonoPeerOptions | undefined {
  if (options === undefined) return true;
  if (options === null || typeof options !== 'object') return false;
  if (HONO_NAMES.some((name) => name in options)) return true;
  const raw = options as Raw;
  return (
    Object.keys(raw).every((name) => HONO_OPTIONS.has(name)) &&
    (raw.origin === undefined || (raw.origin === '*' && HONO_CORS.credentials(raw.credentials)))
  );
}

type Raw = Record<string, unknown>;
type MethodsFunction = (origin: string, c: Context) => unknown;
type Apply = ReturnType<typeof readHonoOrigin>['apply'];

export function honoCors(options: HonoPeerOptions | undefined): HonoCorsMiddleware {
  let decideFor = compile((options ?? {}) as Raw);
  let current = (options ?? {}) as Raw;
  const middleware: MiddlewareHandler = (c, next) => decideFor(c, next);
  return Object.assign(middleware, {
    reconfigure(next: Reconfiguration<Context>) {
      const options = (typeof next === 'function'
        ? next(Object.freeze({ ...current }) as never)
        : next) as unknown as Raw;
      decideFor = compile(options);
      current = options;
    },
  });
}

function compile(raw: Raw): MiddlewareHandler {
  const { options, apply, issues } = readHonoOrigin(raw, HONO_CORS.credentials(raw.credentials));
  const { allowMethods } = options;
  if (typeof allowMethods !== 'function') {
    const engine = compileWithIssues(issues, () => createPeerCors<Context>(options, HONO_CORS));
    return (c, next) => decideWith(engine, c, next, apply);
  }
  // Checked now with the default methods, so everything but the per-request list fails at start-up.
  const base = { ...options, allowMethods: undefined };
  compileWithIssues(issues, () => createPeerCors<Context>(base, HONO_CORS));
  const engines = new PerRequestEngines<Context>(HONO_CORS);
  return async (c, next) => {
    const methods = await (allowMethods as MethodsFunction)(c.req.header('origin') ?? '', c);
    return decideWith(engines.engineFor({ ...base, allowMethods: methods }), c, next, apply);
  };
}

function decideWith(
  engine: Cors<Context> | undefined,
  c: Context,
  next: () => Promise<void>,
  apply: Apply,
): Promise<Response | undefined> {
  if (engine === undefined) return next().then(() => undefined);
  return runDecision(engine, c, honoReader, apply, rejectWith, c, next);
}
