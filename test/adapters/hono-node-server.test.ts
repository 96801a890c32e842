// @hono/node-server (how most Hono users run on Node) replaces the global Response with its own,
// whose re-wrapped response keeps the very Headers object it was given. A route that returns a
// fetch() response (immutable headers) must still get its CORS headers, on Hono and on fetch.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { request } from 'undici';
import { withCors } from '../../src/adapters/fetch.ts';
import { cors } from '../../src/adapters/hono.ts';
import { listen, type RunningServer } from '../support/servers.ts';

const APP = 'https://app.example.com';
const options = { origin: [APP, 'https://admin.example.com'], exposedHeaders: ['X-Upstream'] };

let upstream: RunningServer;
before(async () => {
  upstream = await listen(
    createServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'text/plain',
        'content-length': '8',
        'x-upstream': 'yes',
        vary: 'Accept-Encoding',
      });
      response.end('upstream');
    }),
  );
});
after(() => upstream.close());

const apps = [
  {
    name: 'corsguard/hono',
    fetch: () => {
      const app = new Hono();
      app.use('*', cors(options));
      app.get('/proxied', () => fetch(`${upstream.url}/`));
      app.get('/redirect', () => Response.redirect('https://app.example.com/next', 302));
      app.get('/throws', () => {
        throw new Error('boom');
      });
      app.onError((_error, c) => c.text('failed', 500));
      return app.fetch;
    },
  },
  {
    name: 'corsguard/fetch',
    fetch: () =>
      withCors((request: Request) => {
        const path = new URL(request.url).pathname;
        if (path === '/redirect') return Response.redirect('https://app.example.com/next', 302);
        if (path === '/throws') return new Response('failed', { status: 500 });
        return fetch(`${upstream.url}/`);
      }, options),
  },
];

const rows = [
  {
    rule: 'a preflight is answered with the policy',
    method: 'OPTIONS',
    path: '/proxied',
    headers: { origin: APP, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-nope' },
    status: 403,
    acao: undefined,
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  },
  {
    rule: 'a redirect response gets the headers',
    method: 'GET',
    path: '/redirect',
    headers: { origin: APP },
    status: 302,
    acao: APP,
    vary: 'Origin',
  },
  {
    rule: 'an error response keeps the headers',
    method: 'GET',
    path: '/throws',
    headers: { origin: APP },
    status: 500,
    acao: APP,
    vary: 'Origin',
  },
  {
    rule: 'a refused origin gets no ACAO and still Vary',
    method: 'GET',
    path: '/proxied',
    headers: { origin: 'https://evil.example' },
    status: 200,
    acao: undefined,
    vary: 'Accept-Encoding, Origin',
  },
];

describe('on @hono/node-server', () => {
  for (const app of apps) {
    test(`${app.name}: a route returning a fetch() response gets ACAO and Vary, body intact, connection reusable`, async () => {
      const server = await listen(createAdaptorServer({ fetch: app.fetch() }) as ReturnType<typeof createServer>);
      try {
        for (let round = 0; round < 2; round++) {
          // Twice on one keep-alive connection: a wrong Content-Length would poison the second.
          const response = await request(`${server.url}/proxied`, { headers: { origin: APP } });
          assert.equal(await response.body.text(), 'upstream');
          assert.equal(response.statusCode, 200);
          assert.equal(response.headers['access-control-allow-origin'], APP);
          assert.equal(response.headers['access-control-expose-headers'], 'X-Upstream');
          assert.equal(response.headers.vary, 'Accept-Encoding, Origin');
        }
      } finally {
        await server.close();
      }
    });
  }

  for (const app of apps) {
    for (const row of rows) {
      test(`${app.name}: ${row.rule}`, async () => {
        const server = await listen(createAdaptorServer({ fetch: app.fetch() }) as ReturnType<typeof createServer>);
        try {
          const response = await request(`${server.url}${row.path}`, { method: row.method, headers: row.headers });
          await response.body.dump();
          assert.equal(response.statusCode, row.status);
          assert.equal(response.headers['access-control-allow-origin'], row.acao);
          assert.equal(response.headers.vary, row.vary);
        } finally {
          await server.close();
        }
      });
    }
  }
});
