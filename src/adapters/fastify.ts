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
import type { FastifyInstance, FastifyPluginCallback, FastifyRequest } from 'fastify';
import { createCors, type Reconfiguration } from '../core/cors.ts';
import type { CorsOptions } from '../core/options.ts';
import { apply, asRootPlugin, corsOptionsOf, failWith, fastifyReader, installCors } from './fastify-install.ts';
import { runDecision } from '../http/run-decision.ts';

export type FastifyCorsOptions = CorsOptions<FastifyRequest>;

const corsPlugin: FastifyPluginCallback<FastifyCorsOptions> = (fastify: FastifyInstance, options, done) => {
  installCors(fastify, done, () => {
    const engine = createCors<FastifyRequest>(corsOptionsOf(options));
    return {
      onRequest: (request, reply, next) => runDecision(engine, request, fastifyReader, apply, failWith, reply, next),
      reconfigure: (next) => engine.reconfigure(next as Reconfiguration<FastifyRequest>),
    };
  });
};

/** The Fastify plugin, with the metadata fastify-plugin would add (skip encapsulation, name, version). */
export interface FastifyCorsPlugin extends FastifyPluginCallback<FastifyCorsOptions> {}

const plugin: FastifyCorsPlugin = asRootPlugin(corsPlugin);

export { plugin as cors };
// The default export speaks @fastify/cors's options (what `import cors from '@fastify/cors'` users have).
export {
  fastifyCors as default,
  type FastifyOptionsDelegator,
  type FastifyOriginFunction,
  type FastifyPeerOptions,
  type FastifyPeerPlugin,
} from './peers/fastify.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the corsguard plugin: swap the policy at run time (the new options replace the whole set). */
    corsguard: { reconfigure(options: Reconfiguration<FastifyRequest>): void };
  }
}
