// The default export of corsguard/fastify: @fastify/cors's options and shapes (`register(cors)`,
// `register(cors, options)`, `delegator`, `register(cors, () => delegator)`, route `config.cors`,
// `hook`, `preflight`, `strictPreflight`, `hideOptionsRoute`, `cacheControl`, `logLevel`, origin
// functions called with the Fastify instance as `this`), translated at start-up into a corsguard
// policy. Route configs are compiled when the route is added; only delegators' options, which
// exist per request, are checked then.
import type {
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  HookHandlerDoneFunction,
  RouteOptions,
  RouteShorthandOptions,
} from 'fastify';
import type { Cors } from '../../core/cors.ts';
import type { CorsDecision } from '../../core/decision.ts';
import { IssueList } from '../../core/errors.ts';
import { PerRequestEngines } from '../../core/peers/per-request.ts';
import { FASTIFY_CORS, FASTIFY_HOOKS } from '../../core/peers/spec.ts';
import { createPeerCors } from '../../core/peers/translate.ts';
import {
  apply,
  asRootPlugin,
  corsOptionsOf,
  failWith,
  fastifyReader,
  installCors,
  type InstalledCors,
} from '../fastify-install.ts';
import { runDecision } from '../../http/run-decision.ts';
import type { ExpressCorsOptions } from './express.ts';

type StaticOrigin = boolean | string | RegExp | ReadonlyArray<string | RegExp>;

/** @fastify/cors's origin function: `this` is the Fastify instance; answers through the callback or a promise. */
export type FastifyOriginFunction = (
  this: FastifyInstance,
  origin: string,
  callback: (error: Error | null, origin?: StaticOrigin) => void,
) => unknown;

/** Options chosen per request: through the callback, or returned as a promise. */
export type FastifyOptionsDelegator = (
  request: FastifyRequest,
  callback: (error: Error | null, options?: FastifyPeerOptions) => void,
) => unknown;

/** @fastify/cors's options (expressjs/cors's plus its own), and corsguard's. */
export interface FastifyPeerOptions extends Omit<ExpressCorsOptions, 'origin' | 'headers'> {
  /** Default `'*'`; `false` turns CORS off. */
  readonly origin?: StaticOrigin | FastifyOriginFunction;
  /** Accepted; corsguard answers in onRequest whichever hook is named (browsers see the same answer). */
  readonly hook?: 'onRequest' | 'preParsing' | 'preValidation' | 'preHandler' | 'preSerialization';
  /** `false`: preflights are not answered but passed on (preflightContinue). */
  readonly preflight?: boolean;
  /** Accepted: a preflight is always OPTIONS with Origin and Access-Control-Request-Method; other OPTIONS reach your routes. */
  readonly strictPreflight?: boolean;
  /** Whether the OPTIONS `*` route (added with preflightContinue, logLevel, or this set to false) is hidden from the schema (default true). */
  readonly hideOptionsRoute?: boolean;
  /** Cache-Control on answered preflights: a number is `max-age=N`. */
  readonly cacheControl?: number | string;
  /** The log level of the OPTIONS `*` route, which preflights to paths without an OPTIONS route of their own reach. */
  readonly logLevel?: string;
  readonly delegator?: FastifyOptionsDelegator;
}

const peerPlugin: FastifyPluginCallback<FastifyPeerOptions> = (fastify, options, done) => {
  installCors(fastify, done, () => build(fastify, options as unknown));
};

type Raw = Record<string, unknown>;

function build(fastify: FastifyInstance, options: unknown): InstalledCors {
  let current = optionsObject(options);
  let delegator = delegatorOf(options, current);
  let installed = compile(fastify, current, delegator);
  addOptionsRoute(fastify, options, current);
  fastify.addHook('onRoute', (route: RouteOptions) => {
    // A route's config.cors is known now: compile it, so a bad one fails at start-up.
    const config = routeCors(route.config);
    if (config !== undefined && delegator === undefined) installed.routeEngine(config);
  });
  return {
    onRequest: (request, reply, next) => installed.onRequest(request, reply, next),
    // New options (with `delegator` for options per request), or a function of the current ones.
    reconfigure: ((next: unknown) => {
      const options =
        typeof next === 'function' ? (next as (current: Raw) => unknown)(Object.freeze({ ...current })) : next;
      const nextCurrent = optionsObject(options);
      const nextDelegator = delegatorOf(options, nextCurrent);
      installed = compile(fastify, nextCurrent, nextDelegator);
      current = nextCurrent;
      delegator = nextDelegator;
    }) as InstalledCors['reconfigure'],
  };
}

/**
 * @fastify/cors's OPTIONS `*` route, added when something hangs on it: with preflightContinue it
 * answered a preflight no route of yours takes (200, empty), where Fastify would 404 and the browser
 * fail; `logLevel` is that route's log level (preflights to paths without an OPTIONS route of their
 * own are logged at it: `'silent'` keeps them out of the logs); `hideOptionsRoute: false` shows it
 * in the schema. corsguard answers preflights in onRequest, so without these the route is not needed.
 * `logLevel` is read from the options as passed: corsOptionsOf sets Fastify's register options aside.
 */
function addOptionsRoute(fastify: FastifyInstance, passed: unknown, options: Raw): void {
  const raw = passed !== null && typeof passed === 'object' ? (passed as Raw) : {};
  const continued = options.preflightContinue === true && options.preflight !== false;
  const logLevel = typeof raw.logLevel === 'string' ? (raw.logLevel as RouteShorthandOptions['logLevel']) : undefined;
  const hide = options.hideOptionsRoute !== false;
  if (!continued && logLevel === undefined && hide) return;
  // `hide` is read by @fastify/swagger, whose type augmentation is not ours to assume.
  const schema = { hide } as FastifySchema;
  fastify.options('*', { schema, ...(logLevel === undefined ? {} : { logLevel }) }, (request, reply) => {
    // Preflights corsguard answers never get here; a continued one no route takes gets the empty 200.
    if (
      continued &&
      request.headers.origin !== undefined &&
      request.headers['access-control-request-method'] !== undefined
    )
      reply.send();
    else reply.callNotFound();
  });
}

function optionsObject(options: unknown): Raw {
  if (typeof options === 'function' || options === undefined || options === null) return {};
  return corsOptionsOf(options as Raw);
}

/** `register(cors, () => delegator)` hands the plugin the delegator itself (Fastify calls the options function). */
function delegatorOf(options: unknown, object: Raw): FastifyOptionsDelegator | undefined {
  if (typeof options === 'function') return options as FastifyOptionsDelegator;
  return typeof object.delegator === 'function' ? (object.delegator as FastifyOptionsDelegator) : undefined;
}

interface Compiled {
  readonly onRequest: InstalledCors['onRequest'];
  readonly routeEngine: (config: Raw) => Cors<FastifyRequest> | undefined;
}

function compile(fastify: FastifyInstance, options: Raw, delegator: FastifyOptionsDelegator | undefined): Compiled {
  checkFastifyOptions(options);
  const finish = withCacheControl(options.cacheControl);
  const routes = routeCompilers(fastify, options, finish);
  const handle =
    delegator === undefined
      ? staticHandler(fastify, options, finish, routes)
      : delegatedHandler(fastify, delegator, options, finish);
  return { onRequest: skippingDisabledRoutes(handle), routeEngine: routes.engine };
}

/** Answers one request, given its route's config.cors (undefined when the route gives none). */
type RouteHandler = (
  route: Raw | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
  next: HookHandlerDoneFunction,
) => void;

/** `config: { cors: false }` turns CORS off for the route; other routes go to `handle`. */
function skippingDisabledRoutes(handle: RouteHandler): InstalledCors['onRequest'] {
  return (request, reply, next) => {
    const config = request.routeOptions.config as { cors?: unknown } | undefined;
    if (config?.cors === false) return next();
    handle(routeCors(config), request, reply, next);
  };
}

interface RouteCompilers {
  readonly engine: (config: Raw) => Cors<FastifyRequest> | undefined;
  readonly finish: (config: Raw) => Finish;
}

/** A route's config.cors over the plugin's options, compiled once per config object. */
function routeCompilers(fastify: FastifyInstance, options: Raw, finish: Finish): RouteCompilers {
  return {
    engine: oncePerConfig((config) =>
      createPeerCors<FastifyRequest>(withPreflight({ ...options, ...config }), FASTIFY_CORS, fastify),
    ),
    // cacheControl, like the other options, comes from the route's config.cors when it gives it.
    finish: oncePerConfig((config) => ('cacheControl' in config ? withCacheControl(config.cacheControl) : finish)),
  };
}

/** Options fixed at start-up: one engine for the plugin, one per route config.cors. */
function staticHandler(fastify: FastifyInstance, options: Raw, finish: Finish, routes: RouteCompilers): RouteHandler {
  const base = createPeerCors<FastifyRequest>(withPreflight(options), FASTIFY_CORS, fastify);
  return (route, request, reply, next) => {
    if (route === undefined) runEngine(base, finish, request, reply, next);
    else runEngine(routes.engine(route), routes.finish(route), request, reply, next);
  };
}

/** Options per request: the delegator's over the plugin's, the route's config.cors over both. */
function delegatedHandler(
  fastify: FastifyInstance,
  delegator: FastifyOptionsDelegator,
  options: Raw,
  finish: Finish,
): RouteHandler {
  const engines = new PerRequestEngines<FastifyRequest>(FASTIFY_CORS, fastify);
  // cacheControl, like the other options, comes from the delegator's options when they give it.
  const finishFor = (merged: Raw): Finish =>
    merged.cacheControl === options.cacheControl ? finish : withCacheControl(merged.cacheControl);
  return (route, request, reply, next) => {
    resolveDelegated(delegator, request, (error, resolved) => {
      if (error !== null) return next(error as Error);
      const merged = { ...options, ...optionsObject(resolved), ...route };
      let engine: Cors<FastifyRequest> | undefined;
      try {
        engine = engines.engineFor(withPreflight(merged));
      } catch (failure) {
        return next(failure as Error);
      }
      runEngine(engine, finishFor(merged), request, reply, next);
    });
  };
}

/** Undefined engine: CORS is off for these options, so the request goes on untouched. */
function runEngine(
  engine: Cors<FastifyRequest> | undefined,
  finish: Finish,
  request: FastifyRequest,
  reply: FastifyReply,
  next: HookHandlerDoneFunction,
): void {
  if (engine === undefined) next();
  else runDecision(engine, request, fastifyReader, finish, failWith, reply, next);
}

/** Memoises `compute` per config object (a route's config.cors); a throw is not remembered. */
function oncePerConfig<T>(compute: (config: Raw) => T): (config: Raw) => T {
  const known = new WeakMap<object, T>();
  return (config) => {
    if (known.has(config)) return known.get(config) as T;
    const value = compute(config);
    known.set(config, value);
    return value;
  };
}

function routeCors(config: unknown): Raw | undefined {
  const cors = (config as { cors?: unknown } | undefined)?.cors;
  return cors !== null && typeof cors === 'object' ? (cors as Raw) : undefined;
}

/** @fastify/cors's delegator: `(request, callback)`, or `(request)` returning a promise of the options. */
function resolveDelegated(
  delegator: FastifyOptionsDelegator,
  request: FastifyRequest,
  then: (error: unknown, options?: unknown) => void,
): void {
  if (delegator.length === 2) {
    delegator(request, (error, options) => then(error ?? null, options));
    return;
  }
  const returned = (delegator as (request: FastifyRequest) => unknown)(request);
  if (
    returned !== null &&
    typeof returned === 'object' &&
    typeof (returned as PromiseLike<unknown>).then === 'function'
  ) {
    (returned as PromiseLike<unknown>).then(
      (options) => then(null, options),
      (error: unknown) => then(error ?? new Error('The CORS delegator rejected without a reason')),
    );
    return;
  }
  then(new Error('Invalid CORS origin option'));
}

/** `preflight: false`: @fastify/cors leaves preflights to the routes, with the CORS headers set. */
function withPreflight(options: Raw): Raw {
  return options.preflight === false ? { ...options, preflightContinue: true } : options;
}

function checkFastifyOptions(options: Raw): void {
  const issues = new IssueList();
  if (options.hook !== undefined && !FASTIFY_HOOKS.has(options.hook as string)) {
    issues.report(
      'option-not-offered',
      'hook',
      `must be one of the hooks @fastify/cors accepted (${[...FASTIFY_HOOKS].join(', ')}), got ${JSON.stringify(options.hook) ?? typeof options.hook}.`,
    );
  }
  if (options.delegator !== undefined && typeof options.delegator !== 'function') {
    issues.report(
      'option-not-offered',
      'delegator',
      'must be a function (request, callback) or (request) => Promise of the options.',
    );
  }
  issues.throwIfAny();
}

/** Applies a decision to the reply (apply, plus the preflight's Cache-Control when there is one). */
type Finish = (decision: CorsDecision, reply: FastifyReply, next: HookHandlerDoneFunction) => void;

/** @fastify/cors's cacheControl: a whole number is `max-age=N`, a string is sent as written, anything else is ignored. */
function withCacheControl(value: unknown): Finish {
  const header = Number.isInteger(value) ? `max-age=${value as number}` : typeof value === 'string' ? value : undefined;
  if (header === undefined) return apply;
  return (decision, reply, next) => {
    if (decision.kind === 'preflight' && decision.allowed) reply.header('cache-control', header);
    apply(decision, reply, next);
  };
}

/** The plugin, with the metadata fastify-plugin would add (skip encapsulation, name, version). */
export interface FastifyPeerPlugin extends FastifyPluginCallback<FastifyPeerOptions> {}

export const fastifyCors: FastifyPeerPlugin = asRootPlugin(peerPlugin);
