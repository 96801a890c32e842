// Fastify 5 plugin: `await app.register(cors, { origin: 'https://app.example.com' })`.
//
// Like @fastify/cors, the plugin skips Fastify's encapsulation (the fastify-plugin convention,
// without depending on that package): registered at the root it applies to every route, including
// routes registered before it and requests that match no route (a preflight to a path without an
// OPTIONS route is answered, not 404ed). Registered inside an encapsulated plugin, it applies to
// that plugin's routes only. Preflights are answered in an `onRequest` hook, before `preValidation`
// and `preHandler` hooks, so authentication registered there never sees them; register corsguard
// before other `onRequest` hooks (Fastify runs them in registration order).
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
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
  const engine = createCors<FastifyRequest>(options);
  if (!fastify.hasDecorator('corsguard')) {
    fastify.decorate('corsguard', { reconfigure: (next: FastifyCorsOptions) => engine.reconfigure(next) });
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
