// `Vary: Origin` must stay on every response that carries an origin-dependent
// Access-Control-Allow-Origin, whatever the route or an error does to Vary afterwards: without it a
// shared cache serves one origin's answer to another.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, test } from 'node:test';
import express from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import Koa from 'koa';
import { request } from 'undici';
import { cors as expressCors } from '../../src/adapters/express.ts';
import { cors as fastifyCors } from '../../src/adapters/fastify.ts';
import { cors as koaCors } from '../../src/adapters/koa.ts';
import { cors as nodeCors } from '../../src/adapters/node.ts';
import { listen, listening, LOOPBACK, type RunningServer } from '../support/servers.ts';

const APP = 'https://app.example.com';
const options = { origin: [APP, 'https://admin.example.com'] };
const httpError = (status: number, headers: Record<string, string>) =>
  Object.assign(new Error('nope'), { status, statusCode: status, expose: true, headers });

type Scenario =
  | 'route replaces Vary'
  | 'error headers carry Vary'
  | 'writeHead headers carry Vary'
  | 'writeHead raw headers carry Vary';

/** The handler writes its own head with a Vary of its own, as an object or as Node's flat array (with a status message). */
function writeOwnHead(res: import('node:http').ServerResponse, scenario: Scenario): boolean {
  if (scenario === 'writeHead headers carry Vary')
    res.writeHead(200, { Vary: 'Accept-Encoding', 'Content-Type': 'text/plain' }).end('x');
  else if (scenario === 'writeHead raw headers carry Vary')
    res.writeHead(200, 'Fine', ['content-type', 'text/plain', 'vary', 'Accept-Encoding']).end('x');
  else return false;
  return true;
}

const servers: Record<string, (scenario: Scenario) => Promise<RunningServer>> = {
  'node:http': async (scenario) => {
    const middleware = nodeCors(options);
    return listen(
      createServer((req, res) =>
        middleware(req, res, () => {
          if (writeOwnHead(res, scenario)) return;
          // node:http has no error handling of its own: both scenarios are a handler's setHeader.
          res.setHeader('Vary', scenario === 'route replaces Vary' ? 'Accept-Encoding' : 'Accept-Language');
          res.statusCode = scenario === 'route replaces Vary' ? 200 : 404;
          res.end('x');
        }),
      ),
    );
  },
  'express 5': (scenario) => expressApp(express(), scenario),
  'express 4': (scenario) => expressApp(express4() as unknown as express.Express, scenario),
  fastify: async (scenario) => {
    const app = Fastify();
    await app.register(fastifyCors, options);
    // Fastify's own way of writing a head with headers: a later hook setting Vary replaces it.
    if (scenario.startsWith('writeHead')) {
      app.addHook('onSend', async (_request, reply, payload) => {
        reply.header('vary', 'Accept-Encoding');
        return payload;
      });
    }
    app.get('/', async (_request, reply) => {
      if (scenario === 'error headers carry Vary') throw httpError(404, { Vary: 'Accept-Language' });
      if (scenario === 'route replaces Vary') reply.header('vary', 'Accept-Encoding');
      return 'x';
    });
    await app.listen({ port: 0, host: LOOPBACK });
    return listening(app.server, () => app.close());
  },
  koa: async (scenario) => {
    const app = new Koa();
    app.silent = true;
    app.use(koaCors(options));
    app.use((ctx) => {
      if (scenario.startsWith('writeHead')) {
        ctx.respond = false;
        writeOwnHead(ctx.res, scenario);
        return;
      }
      if (scenario === 'error headers carry Vary') throw httpError(404, { Vary: 'Accept-Language' });
      ctx.set('Vary', 'Accept-Encoding');
      ctx.body = 'x';
    });
    return listen(createServer(app.callback()));
  },
};

function expressApp(app: express.Express, scenario: Scenario): Promise<RunningServer> {
  app.use(expressCors(options));
  app.get('/', (_req, res, next) => {
    if (writeOwnHead(res, scenario)) return;
    if (scenario === 'error headers carry Vary') return next(httpError(404, { Vary: 'Accept-Language' }));
    res.set('Vary', 'Accept-Encoding').send('x');
  });
  return listen(createServer(app));
}

const rows: Array<{ scenario: Scenario; status: number; vary: string }> = [
  { scenario: 'route replaces Vary', status: 200, vary: 'accept-encoding, origin' },
  { scenario: 'error headers carry Vary', status: 404, vary: 'accept-language, origin' },
  { scenario: 'writeHead headers carry Vary', status: 200, vary: 'accept-encoding, origin' },
  { scenario: 'writeHead raw headers carry Vary', status: 200, vary: 'accept-encoding, origin' },
];

describe('Vary: Origin is kept while Access-Control-Allow-Origin is sent', () => {
  for (const [name, start] of Object.entries(servers)) {
    for (const row of rows) {
      test(`${name}: ${row.scenario}`, async () => {
        const server = await start(row.scenario);
        try {
          const response = await request(`${server.url}/`, { headers: { origin: APP } });
          await response.body.dump();
          assert.equal(response.statusCode, row.status);
          assert.equal(response.headers['access-control-allow-origin'], APP);
          assert.equal(String(response.headers.vary).toLowerCase(), row.vary);
        } finally {
          await server.close();
        }
      });
    }
  }
});
