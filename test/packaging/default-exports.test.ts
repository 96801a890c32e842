// Users arrive with the habits of `cors`, `@koa/cors` and `@fastify/cors`: a default import, or
// `require()` returning the middleware itself. The built package (dist/, as `npm test` builds it)
// supports both beside the named exports.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import Koa from 'koa';
import express from 'express';
import { request } from 'undici';
import { createServer } from 'node:http';
import { listen } from '../support/servers.ts';

const require = createRequire(import.meta.url);
const APP = 'https://app.example.com';
const preflight = { origin: APP, 'access-control-request-method': 'PUT' };
const policy = { origin: APP, methods: ['PUT'] };

type Middleware = (options: object) => unknown;

const rows = [
  {
    rule: 'require() of corsguard/express is the middleware factory',
    load: () => require('corsguard/express') as Middleware,
  },
  {
    rule: 'require() of corsguard/node is the middleware factory',
    load: () => require('corsguard/node') as Middleware,
  },
  { rule: 'require() of corsguard/koa is the middleware factory', load: () => require('corsguard/koa') as Middleware },
  { rule: 'require() of corsguard/fastify is the plugin', load: () => require('corsguard/fastify') as Middleware },
  {
    rule: 'the default import of corsguard/express is the middleware factory',
    load: async () => (await import('corsguard/express')).default as Middleware,
  },
  {
    rule: 'the default import of corsguard/fastify is the plugin',
    load: async () => (await import('corsguard/fastify')).default as Middleware,
  },
  {
    rule: 'the default import of corsguard/koa is the middleware factory',
    load: async () => (await import('corsguard/koa')).default as Middleware,
  },
];

describe('default exports', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      const loaded = await row.load();
      assert.equal(typeof loaded, 'function');
      // The named export stays beside it: corsguard's strict vocabulary, a function of its own.
      const named = (loaded as unknown as { cors?: unknown }).cors;
      if (named !== undefined) assert.equal(typeof named, 'function');
    });
  }

  const nodeApps = [
    {
      name: 'Express',
      listener: () =>
        express().use((require('corsguard/express') as (options: object) => express.RequestHandler)(policy)),
    },
    {
      name: 'Koa',
      listener: () =>
        new Koa().use((require('corsguard/koa') as (options: object) => Koa.Middleware)(policy)).callback(),
    },
  ];
  for (const app of nodeApps) {
    test(`app.use(require(...)(options)) answers a preflight in ${app.name}`, async () => {
      const server = await listen(createServer(app.listener()));
      try {
        const response = await request(`${server.url}/items`, { method: 'OPTIONS', headers: preflight });
        await response.body.dump();
        assert.equal(response.statusCode, 204);
        assert.equal(response.headers['access-control-allow-origin'], APP);
      } finally {
        await server.close();
      }
    });
  }

  // The default export speaks the peer's options: cors() with none at all, @fastify/cors's delegator.
  const peerShapes = [
    {
      name: "require('corsguard/express')()",
      listener: () => express().use((require('corsguard/express') as () => express.RequestHandler)()),
    },
    {
      name: "(await import('corsguard/node')).default()",
      listener: async () => express().use(((await import('corsguard/node')).default as () => express.RequestHandler)()),
    },
  ];
  for (const shape of peerShapes) {
    test(`${shape.name} allows every origin, as expressjs/cors's cors() does`, async () => {
      const server = await listen(createServer(await shape.listener()));
      try {
        const response = await request(`${server.url}/items`, { method: 'OPTIONS', headers: preflight });
        await response.body.dump();
        assert.equal(response.statusCode, 204);
        assert.equal(response.headers['access-control-allow-origin'], '*');
      } finally {
        await server.close();
      }
    });
  }

  test("require('corsguard/fastify') takes @fastify/cors's register(cors, () => delegator)", async () => {
    const app = Fastify();
    await app.register(
      require('corsguard/fastify'),
      () => (_request: unknown, callback: (error: null, options: object) => void) => callback(null, policy),
    );
    app.get('/items', async () => 'ok');
    const response = await app.inject({ method: 'OPTIONS', url: '/items', headers: preflight });
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['access-control-allow-origin'], APP);
    await app.close();
  });

  test('the named exports keep the strict vocabulary: no origin is an error', async () => {
    for (const entry of ['corsguard/express', 'corsguard/koa']) {
      const { cors } = require(entry) as { cors: (options: object) => unknown };
      assert.throws(
        () => cors({}),
        (error: { issues: Array<{ code: string }> }) => error.issues[0]?.code === 'origin-required',
      );
    }
  });

  test("app.register(require('corsguard/fastify'), options) covers the whole app, as @fastify/cors does", async () => {
    const app = Fastify();
    await app.register(require('corsguard/fastify'), policy);
    app.get('/items', async () => 'ok');
    const response = await app.inject({ method: 'OPTIONS', url: '/items', headers: preflight });
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['access-control-allow-origin'], APP);
    await app.close();
  });
});
