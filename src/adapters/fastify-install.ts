// What the named plugin (fastify.ts) and the default export speaking @fastify/cors
// (peers/fastify.ts) share: how a policy is installed in a scope, and how a decision is applied.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Reconfiguration } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import { joinHeaderValue, pathOf, type RequestReader } from '../core/request.ts';
import { routePrefixedPreflights } from './fastify-prefix.ts';
import { applyDecisionHeaders, headerValueString, type HeaderAccess } from '../http/header-access.ts';
import { keepVaryUntilHead } from '../http/node-response.ts';

/** Fastify's own register options, which reach every plugin beside its options: never corsguard's. */
const REGISTER_OPTIONS = new Set(['prefix', 'logLevel', 'logSerializers']);

export const fastifyReader: RequestReader<FastifyRequest> = {
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

/** What a CORS plugin adds to a scope: its onRequest hook and the `corsguard.reconfigure` decoration. */
export interface InstalledCors {
  readonly onRequest: (request: FastifyRequest, reply: FastifyReply, next: HookHandlerDoneFunction) => void;
  readonly reconfigure: (next: never) => void;
}

/**
 * Registers a policy in `fastify`'s scope (the named plugin and the default export, which speaks
 * @fastify/cors, share it): one per scope, the prefix claimed, the hook added. `build` runs after the
 * scope check; what it throws (a CorsConfigError) goes to Fastify through `done`.
 */
export function installCors(fastify: FastifyInstance, done: (error?: Error) => void, build: () => InstalledCors): void {
  if (fastify.hasDecorator('corsguard')) {
    // Two policies on one route would both run, the outer one first; refuse instead of guessing.
    done(
      new Error(
        'corsguard is already registered in this scope or a parent of it: each route gets one CORS policy. Register corsguard once at the root, or once in each sibling encapsulated plugin.',
      ),
    );
    return;
  }
  let installed: InstalledCors;
  try {
    installed = build();
  } catch (error) {
    // Through Fastify, so `register`, `ready()` and `listen()` reject with the CorsConfigError.
    done(error as Error);
    return;
  }
  fastify.decorate('corsguard', {
    reconfigure: installed.reconfigure as (next: Reconfiguration<FastifyRequest>) => void,
  });
  const outsideScope = fastify.prefix === '' ? undefined : claimPrefix(fastify);
  if (outsideScope instanceof Error) {
    done(outsideScope);
    return;
  }
  const decideFor = installed.onRequest;
  fastify.addHook(
    'onRequest',
    outsideScope === undefined
      ? decideFor
      : (request, reply, next) => (outsideScope(request) ? next() : decideFor(request, reply, next)),
  );
  done();
}

export function corsOptionsOf<Options>(options: Options): Options {
  if (
    options === null ||
    typeof options !== 'object' ||
    !Object.keys(options).some((name) => REGISTER_OPTIONS.has(name))
  )
    return options;
  const corsOptions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) if (!REGISTER_OPTIONS.has(name)) corsOptions[name] = value;
  return corsOptions as unknown as Options;
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
  if (claimed === undefined) {
    claimed = new Set();
    prefixesByServer.set(server, claimed);
  }
  return claimed;
}

export function apply(decision: CorsDecision, reply: FastifyReply, next: HookHandlerDoneFunction): void {
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

export function failWith(error: unknown, _reply: FastifyReply, next: HookHandlerDoneFunction): void {
  next(error as Error);
}

/** Adds the metadata fastify-plugin would (skip encapsulation, name, version). */
export function asRootPlugin<Plugin extends object>(plugin: Plugin): Plugin {
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'corsguard',
    [Symbol.for('plugin-meta')]: { name: 'corsguard', fastify: '5.x' },
  });
}
