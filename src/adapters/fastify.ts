// Fastify 5 plugin: `await app.register(cors, { origin: 'https://app.example.com' })`.
//
// Like @fastify/cors, the plugin skips Fastify's encapsulation (the fastify-plugin convention,
// without depending on that package): registered at the root it applies to every route, including
// routes registered before it and requests that match no route (a preflight to a path without an
// OPTIONS route is answered, not 404ed). Registered inside an encapsulated plugin, it applies to
// that plugin's routes only (with a prefix, also preflights to its paths that have no route, see
// fastify-prefix.ts; without one, those reach the root's 404). Registering it again below a scope that has it, or in
// a second plugin with the same prefix, is an error: one policy per route. Preflights are answered
// in an `onRequest` hook, before `preValidation` and `preHandler` hooks, so authentication
// registered there never sees them; register corsguard before other `onRequest` hooks (Fastify
// runs them in registration order). A route that hijacks the reply (`reply.hijack()`) writes its
// own response and gets no CORS headers, as with @fastify/cors.
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { createCors, type Cors, type Reconfiguration } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import type { CorsOptions } from '../core/options.ts';
import { joinHeaderValue, pathOf, type RequestReader } from '../core/request.ts';
import { routePrefixedPreflights } from './fastify-prefix.ts';
import { applyDecisionHeaders, headerValueString, type HeaderAccess } from './shared/header-access.ts';
import { keepVaryUntilHead } from './shared/node-response.ts';
import { runDecision } from './shared/run-decision.ts';

export type FastifyCorsOptions = CorsOptions<FastifyRequest>;

/** Fastify's own register options, which reach every plugin beside its options: never corsguard's. */
const REGISTER_OPTIONS = new Set(['prefix', 'logLevel', 'logSerializers']);

const fastifyReader: RequestReader<FastifyRequest> = {
  method: (request) => request.raw.method ?? request.method,
  header: (request, name) => joinHeaderValue(request.headers[name]),
  path: (request) => pathOf(request.url),
};

const replyHeaderAccess: HeaderAccess<FastifyReply> = {
  get: (reply, name) => headerValueString(reply.getHeader(name)),
  set(reply, name, value) {
    reply.header(name, value);
  },
};

const corsPlugin: FastifyPluginCallback<FastifyCorsOptions> = (fastify: FastifyInstance, options, done) => {
  if (fastify.hasDecorator('corsguard')) {
    // Two policies on one route would both run, the outer one first; refuse instead of guessing.
    done(
      new Error(
        'corsguard is already registered in this scope or a parent of it: each route gets one CORS policy. Register corsguard once at the root, or once in each sibling encapsulated plugin.',
      ),
    );
    return;
  }
  let engine: Cors<FastifyRequest>;
  try {
    engine = createCors<FastifyRequest>(corsOptionsOf(options));
  } catch (error) {
    // Through Fastify, so `register`, `ready()` and `listen()` reject with the CorsConfigError.
    done(error as Error);
    return;
  }
  fastify.decorate('corsguard', { reconfigure: (next: Reconfiguration<FastifyRequest>) => engine.reconfigure(next) });
  const outsideScope = fastify.prefix === '' ? undefined : claimPrefix(fastify);
  if (outsideScope instanceof Error) {
    done(outsideScope);
    return;
  }
  const decideFor = (request: FastifyRequest, reply: FastifyReply, next: HookHandlerDoneFunction): void => {
    runDecision(engine, request, fastifyReader, apply, failWith, reply, next);
  };
  fastify.addHook(
    'onRequest',
    outsideScope === undefined ? decideFor : (request, reply, next) => (outsideScope(request) ? next() : decideFor(request, reply, next)),
  );
  done();
};

function corsOptionsOf(options: FastifyCorsOptions): FastifyCorsOptions {
  if (options === null || typeof options !== 'object' || !Object.keys(options).some((name) => REGISTER_OPTIONS.has(name))) return options;
  const corsOptions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) if (!REGISTER_OPTIONS.has(name)) corsOptions[name] = value;
  return corsOptions as unknown as FastifyCorsOptions;
}

/** Claims the scope's prefix for this policy and routes its preflights here; an Error if another plugin has it. */
function claimPrefix(fastify: FastifyInstance): Error | ReturnType<typeof routePrefixedPreflights> {
  const claimed = claimedPrefixes(fastify.server);
  if (claimed.has(fastify.prefix)) {
    return new Error(
      `corsguard already answers preflights under the prefix '${fastify.prefix}' for another plugin: two policies cannot share one prefix. Give the plugins different prefixes, or one corsguard in a parent of both.`,
    );
  }
  claimed.add(fastify.prefix);
  return routePrefixedPreflights(fastify);
}

/** Prefixes whose preflights a corsguard plugin answers, per Fastify application (routes are app-wide). */
const prefixesByServer = new WeakMap<object, Set<string>>();

function claimedPrefixes(server: object): Set<string> {
  let claimed = prefixesByServer.get(server);
  if (claimed === undefined) prefixesByServer.set(server, (claimed = new Set()));
  return claimed;
}

function apply(decision: CorsDecision, reply: FastifyReply, next: HookHandlerDoneFunction): void {
  applyDecisionHeaders(reply, replyHeaderAccess, decision);
  if (decision.status !== 0) {
    // Answered here: Fastify must not also run the route (do not call next).
    reply.code(decision.status).send();
    return;
  }
  // A route's `reply.header('vary', …)`, an error's `headers` or a later onSend hook may replace
  // the Vary set here; Fastify writes its head with one writeHead call, where it is put back.
  if (decision.vary !== '') keepVaryUntilHead(reply.raw, decision.vary);
  next();
}

function failWith(error: unknown, _reply: FastifyReply, next: HookHandlerDoneFunction): void {
  next(error as Error);
}

/** The Fastify plugin, with the metadata fastify-plugin would add (skip encapsulation, name, version). */
export interface FastifyCorsPlugin extends FastifyPluginCallback<FastifyCorsOptions> {}

const plugin: FastifyCorsPlugin = corsPlugin;
Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'corsguard',
  [Symbol.for('plugin-meta')]: { name: 'corsguard', fastify: '5.x' },
});

export { plugin as cors, plugin as default };

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the corsguard plugin: swap the policy at run time (the new options replace the whole set). */
    corsguard: { reconfigure(options: Reconfiguration<FastifyRequest>): void };
  }
}
