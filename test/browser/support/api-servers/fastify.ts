// corsguard/fastify on Fastify 5: `await app.register(cors, options)`, then a catch-all route for
// every method the matrix sends. Every body is accepted as-is (no 415 for form or multipart
// bodies), so only CORS decides.
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { cors } from '../../../../src/adapters/fastify.ts';
import { listening, LOOPBACK } from '../../../support/servers.ts';
import { routeApi } from '../api-routes.ts';
import { nodeRouteInput, type StartApi } from './server-kit.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PURGE'] as const;

export const startFastifyApi: StartApi = async (options, log) => {
  const app = Fastify({
    exposeHeadRoutes: false,
    serverFactory: (handler) =>
      createServer((request, response) => {
        log.observe(request, response);
        handler(request, response);
      }),
  });
  app.addHttpMethod('PURGE');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await app.register(cors, options);
  app.route({
    method: [...METHODS],
    url: '/*',
    handler: (request, reply) => {
      const route = routeApi(nodeRouteInput(request.raw), log);
      reply.code(route.status);
      for (const [name, value] of route.headers) reply.header(name, value);
      return reply.send(route.body);
    },
  });
  await app.listen({ port: 0, host: LOOPBACK });
  return listening(app.server, () => app.close());
};
