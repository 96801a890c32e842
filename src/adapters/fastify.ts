// Fastify 5 plugin: `await app.register(cors, { origin: 'https://app.example.com' })`.
//
// Like @fastify/cors, the plugin skips Fastify's encapsulation (the fastify-plugin convention,
// without depending on that package): registered at the root it applies to every route, including
// routes registered before it and requests that match no route (a preflight to a path without an
// OPTIONS route is answered, not 404ed). Registered inside an encapsulated plugin, it applies to
// that plugin's routes only (with a prefix, also preflights to its paths that have no route;
// without one, those reach the root's 404). Registering it again below a scope that has it, or in
// a second plugin with the same prefix, is an error: one policy per route. Preflights are answered in an `onRequest` hook, before `preValidation`
// and `preHandler` hooks, so authentication registered there never sees them; register corsguard
// before other `onRequest` hooks (Fastify runs them in registration order).
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest, FastifySchema, HookHandlerDoneFunction } from 'fastify';
import { createCors } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import type { CorsOptions } from '../core/options.ts';
import { joinHeaderValue, pathOf, type RequestReader } from '../core/request.ts';
import { appendVary } from '../core/vary.ts';

export type FastifyCorsOptions = CorsOptions<FastifyRequest>;

const fastifyReader: RequestReader<FastifyRequest> = {
  method: (request) => request.raw.method ?? request.method,
  header: (request, name) => joinHeaderValue(request.headers[name]),
  path: (request) => pathOf(request.url),
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
  const engine = createCors<FastifyRequest>(options);
  fastify.decorate('corsguard', { reconfigure: (next: FastifyCorsOptions) => engine.reconfigure(next) });
  if (fastify.prefix !== '') {
    const claimed = claimedPrefixes(fastify.server);
    if (claimed.has(fastify.prefix)) {
      done(
        new Error(
          `corsguard already answers preflights under the prefix '${fastify.prefix}' for another plugin: two policies cannot share one prefix. Give the plugins different prefixes, or one corsguard in a parent of both.`,
        ),
      );
      return;
    }
    claimed.add(fastify.prefix);
    // Under a prefix, a request that matches no route goes to the root's not-found handler, which
    // never runs this scope's hooks: hidden OPTIONS routes for the prefix itself and everything
    // below it bring preflights here (as @fastify/cors does); plain OPTIONS requests still get
    // the 404. Routes the application defined itself are left alone.
    for (const url of ['', '/*']) {
      if (fastify.hasRoute({ method: 'OPTIONS', url: `${fastify.prefix}${url}` })) continue;
      fastify.route({ method: 'OPTIONS', url, schema: { hide: true } as FastifySchema, handler: (_request, reply) => reply.callNotFound() });
    }
  }
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, next: HookHandlerDoneFunction) => {
    let decision: CorsDecision | Promise<CorsDecision>;
    try {
      decision = engine.decide(request, fastifyReader);
    } catch (error) {
      next(error as Error);
      return;
    }
    if (decision instanceof Promise) {
      decision.then((settled) => apply(settled, reply, next), next);
      return;
    }
    apply(decision, reply, next);
  });
  done();
};

/** Prefixes whose preflights a corsguard plugin answers, per Fastify application (routes are app-wide). */
const prefixesByServer = new WeakMap<object, Set<string>>();

function claimedPrefixes(server: object): Set<string> {
  let claimed = prefixesByServer.get(server);
  if (claimed === undefined) prefixesByServer.set(server, (claimed = new Set()));
  return claimed;
}

function apply(decision: CorsDecision, reply: FastifyReply, next: HookHandlerDoneFunction): void {
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i += 2) reply.header(headers[i]!, headers[i + 1]!);
  if (decision.vary !== '') {
    const existing = reply.getHeader('vary');
    reply.header('vary', existing === undefined ? decision.vary : appendVary(String(existing), decision.vary));
  }
  if (decision.status !== 0) {
    // Answered here: Fastify must not also run the route (do not call next).
    reply.code(decision.status).send();
    return;
  }
  next();
}

const plugin = corsPlugin as FastifyPluginCallback<FastifyCorsOptions> & Record<symbol, unknown>;
plugin[Symbol.for('skip-override')] = true;
plugin[Symbol.for('fastify.display-name')] = 'corsguard';
plugin[Symbol.for('plugin-meta')] = { name: 'corsguard', fastify: '5.x' };

export { plugin as cors };

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the corsguard plugin: swap the policy at run time. */
    corsguard: { reconfigure(options: FastifyCorsOptions): void };
  }
}
