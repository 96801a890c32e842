// One tiny app per adapter, all with the same handler behaviour: it marks the response with
// `x-handler: ran`, appends `Accept-Encoding` to Vary the framework's way, and answers 200 'ok'.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export interface RunningApp {
  readonly url: string;
  close(): Promise<void>;
}

type Start = (options: CorsOptions<any>) => Promise<RunningApp>;

async function serve(server: Server): Promise<RunningApp> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** node:http ↔ fetch: the request body is read in full; every response header line is written. */
function serveFetch(handler: (request: Request) => Response | Promise<Response>): Server {
  return createServer(async (incoming, outgoing) => {
    try {
      const response = await handler(await toRequest(incoming));
      const lines: string[] = [];
      response.headers.forEach((value, name) => lines.push(name, value));
      const body = response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
      outgoing.writeHead(response.status, lines);
      outgoing.end(body);
    } catch {
      outgoing.writeHead(500);
      outgoing.end();
    }
  });
}

async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  const method = incoming.method ?? 'GET';
  const url = `http://127.0.0.1${incoming.url ?? '/'}`;
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return new Request(url, { method, headers, body: Buffer.concat(chunks) });
}

const fetchHandler = () => new Response('ok', { headers: { 'x-handler': 'ran', vary: 'Accept-Encoding' } });

function koaApp(app: Koa, options: CorsOptions<any>): Promise<RunningApp> {
  app.use(koaCors(options));
  app.use((ctx) => {
    ctx.vary('Accept-Encoding');
    ctx.set('x-handler', 'ran');
    ctx.body = 'ok';
  });
  return serve(createServer(app.callback()));
}

export const adapters: Record<string, Start> = {
  node: (options) => {
    const middleware = nodeCors(options);
    return serve(
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
    return serve(createServer(app));
  },
  'express 4': (options) => {
    const app = express4();
    app.use(expressCors(options));
    app.use((_req: express.Request, res: express.Response) => {
      res.vary('Accept-Encoding');
      res.set('x-handler', 'ran').send('ok');
    });
    return serve(createServer(app));
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
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
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
    return serve(serveFetch((request) => app.fetch(request)));
  },
  fetch: (options) => serve(serveFetch(withCors(fetchHandler, options))),
  // App Router route handlers wrapped by corsRoutes, in a real Next.js production build.
  next: (options) => startNextConformanceApp(options),
};
