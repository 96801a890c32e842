// One tiny app per adapter, all with the same handler behaviour: it marks the response with
// `x-handler: ran`, appends `Accept-Encoding` to Vary the framework's way, and answers 200 'ok'.
import { createServer } from 'node:http';
import Fastify from 'fastify';
import express from 'express';
import express4 from 'express4';
import { Hono } from 'hono';
import Koa from 'koa';
import Koa2 from 'koa2';
import { cors as expressCors } from '../../src/adapters/express.ts';
import { cors as fastifyCors } from '../../src/adapters/fastify.ts';
import { withCors } from '../../src/adapters/fetch.ts';
import { cors as honoCors } from '../../src/adapters/hono.ts';
import { cors as koaCors } from '../../src/adapters/koa.ts';
import { cors as nodeCors } from '../../src/adapters/node.ts';
import { startNextConformanceApp } from '../adapters/next/conformance-app.ts';
import type { CorsOptions } from '../../src/index.ts';
import { appendVary } from '../../src/core/vary.ts';
import { listen, listening, LOOPBACK, serveFetch, type RunningServer } from '../support/servers.ts';

export type RunningApp = RunningServer;

type Start = (options: CorsOptions<any>) => Promise<RunningApp>;

const fetchHandler = () => new Response('ok', { headers: { 'x-handler': 'ran', vary: 'Accept-Encoding' } });

function koaApp(app: Koa, options: CorsOptions<any>): Promise<RunningApp> {
  app.use(koaCors(options));
  app.use((ctx) => {
    ctx.vary('Accept-Encoding');
    ctx.set('x-handler', 'ran');
    ctx.body = 'ok';
  });
  return listen(createServer(app.callback()));
}

/** One entry per adapter (and framework major): the name the table's describe shows → how to start it. */
export const adapters: Record<string, Start> = {
  node: (options) => {
    const middleware = nodeCors(options);
    return listen(
      createServer((req, res) =>
        middleware(req, res, (error) => {
          if (error) {
            res.writeHead(500).end();
            return;
          }
          res.setHeader('x-handler', 'ran');
          res.setHeader('vary', appendVary(res.getHeader('vary') as string | undefined, 'Accept-Encoding'));
          res.end('ok');
        }),
      ),
    );
  },
  'express 5': (options) => {
    const app = express();
    app.use(expressCors(options));
    app.use((_req, res) => {
      res.vary('Accept-Encoding');
      res.set('x-handler', 'ran').send('ok');
    });
    return listen(createServer(app));
  },
  'express 4': (options) => {
    const app = express4();
    app.use(expressCors(options));
    app.use((_req: express.Request, res: express.Response) => {
      res.vary('Accept-Encoding');
      res.set('x-handler', 'ran').send('ok');
    });
    return listen(createServer(app));
  },
  fastify: async (options) => {
    const app = Fastify();
    await app.register(fastifyCors, options);
    app.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
      url: '/*',
      handler: async (_request, reply) => {
        const vary = reply.getHeader('vary');
        reply.header('vary', vary === undefined ? 'Accept-Encoding' : `${String(vary)}, Accept-Encoding`);
        reply.header('x-handler', 'ran');
        return 'ok';
      },
    });
    await app.listen({ port: 0, host: LOOPBACK });
    return listening(app.server, () => app.close());
  },
  'koa 3': (options) => koaApp(new Koa(), options),
  'koa 2': (options) => koaApp(new Koa2(), options),
  hono: (options) => {
    const app = new Hono();
    app.use('*', honoCors(options));
    app.all('*', (c) => {
      c.header('vary', 'Accept-Encoding', { append: true });
      c.header('x-handler', 'ran');
      return c.text('ok');
    });
    return serveFetch((request) => app.fetch(request));
  },
  fetch: (options) => serveFetch(withCors(fetchHandler, options)),
  // App Router route handlers wrapped by corsRoutes, in a real Next.js production build; not in
  // `npm run test:unit`, which leaves builds to `npm test` (scripts/test-tiers.mjs).
  ...(process.env.CORSGUARD_TEST_TIER === 'unit'
    ? {}
    : { next: (options: CorsOptions<any>) => startNextConformanceApp(options) }),
};
