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
  { rule: 'require() of corsguard/express is the middleware factory', load: () => require('corsguard/express') as Middleware },
  { rule: 'require() of corsguard/node is the middleware factory', load: () => require('corsguard/node') as Middleware },
  { rule: 'require() of corsguard/koa is the middleware factory', load: () => require('corsguard/koa') as Middleware },
  { rule: 'require() of corsguard/fastify is the plugin', load: () => require('corsguard/fastify') as Middleware },
  { rule: 'the default import of corsguard/express is the middleware factory', load: async () => (await import('corsguard/express')).default as Middleware },
  { rule: 'the default import of corsguard/fastify is the plugin', load: async () => (await import('corsguard/fastify')).default as Middleware },
  { rule: 'the default import of corsguard/koa is the middleware factory', load: async () => (await import('corsguard/koa')).default as Middleware },
];

describe('default exports', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      const loaded = await row.load();
      assert.equal(typeof loaded, 'function');
      // The named export stays, and is the same function.
      assert.equal((loaded as unknown as { cors: unknown }).cors ?? loaded, loaded);
    });
  }

  const nodeApps = [
    { name: 'Express', listener: () => express().use((require('corsguard/express') as (options: object) => express.RequestHandler)(policy)) },
    { name: 'Koa', listener: () => new Koa().use((require('corsguard/koa') as (options: object) => Koa.Middleware)(policy)).callback() },
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
