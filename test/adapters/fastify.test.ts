// Fastify specifics: preflights on paths without an OPTIONS route, before auth hooks, and scoping.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { cors } from '../../src/adapters/fastify.ts';
import { CorsConfigError } from '../../src/core/errors.ts';

const APP = 'https://app.example.com';
const preflight = { origin: APP, 'access-control-request-method': 'PUT' };

describe('corsguard/fastify', () => {
  test('answers a preflight for a path that only has a GET route (Fastify would 404 it)', async () => {
    const app = Fastify();
    await app.register(cors, { origin: APP, methods: ['PUT'] });
    app.get('/items', async () => 'ok');
    const response = await app.inject({ method: 'OPTIONS', url: '/items', headers: preflight });
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['access-control-allow-origin'], APP);
    const unknown = await app.inject({ method: 'OPTIONS', url: '/nowhere', headers: preflight });
    assert.equal(unknown.statusCode, 204);
    await app.close();
  });

  test('answers preflights before an auth hook registered after it', async () => {
    const app = Fastify();
    await app.register(cors, { origin: APP, methods: ['PUT'] });
    app.addHook('onRequest', async (request, reply) => {
      if (request.headers.authorization !== 'Bearer ok') return reply.code(401).send('unauthorised');
    });
    app.put('/items', async () => 'ok');
    const pre = await app.inject({ method: 'OPTIONS', url: '/items', headers: preflight });
    assert.equal(pre.statusCode, 204);
    const actual = await app.inject({ method: 'PUT', url: '/items', headers: { origin: APP } });
    assert.equal(actual.statusCode, 401);
    // The CORS headers are on the 401, so the browser shows the real error, not a CORS failure.
    assert.equal(actual.headers['access-control-allow-origin'], APP);
    await app.close();
  });

  test('registered at the root it covers every route, including sibling plugins', async () => {
    const app = Fastify();
    await app.register(cors, { origin: APP });
    await app.register(async (child) => {
      child.get('/child', async () => 'ok');
    });
    const response = await app.inject({ method: 'GET', url: '/child', headers: { origin: APP } });
    assert.equal(response.headers['access-control-allow-origin'], APP);
    await app.close();
  });

  test('registered inside an encapsulated plugin it covers only that plugin', async () => {
    const app = Fastify();
    await app.register(async (api) => {
      await api.register(cors, { origin: APP });
      api.get('/api', async () => 'ok');
    });
    app.get('/public', async () => 'ok');
    const inside = await app.inject({ method: 'GET', url: '/api', headers: { origin: APP } });
    const outside = await app.inject({ method: 'GET', url: '/public', headers: { origin: APP } });
    assert.equal(inside.headers['access-control-allow-origin'], APP);
    assert.equal(outside.headers['access-control-allow-origin'], undefined);
    await app.close();
  });

  test('a rejecting predicate becomes a 500 from Fastify, and reconfigure swaps the policy', async () => {
    const app = Fastify();
    await app.register(cors, {
      origin: async () => {
        throw new Error('db down');
      },
    });
    app.get('/', async () => 'ok');
    const failed = await app.inject({ method: 'GET', url: '/', headers: { origin: APP } });
    assert.equal(failed.statusCode, 500);
    app.corsguard.reconfigure({ origin: APP });
    const ok = await app.inject({ method: 'GET', url: '/', headers: { origin: APP } });
    assert.equal(ok.headers['access-control-allow-origin'], APP);
    await app.close();
  });

  test("registered in a plugin with a prefix it answers preflights to the prefix's paths without an OPTIONS route", async () => {
    const app = Fastify();
    await app.register(
      async (api) => {
        await api.register(cors, { origin: APP, methods: ['PUT'] });
        api.put('/items', async () => 'ok');
      },
      { prefix: '/api' },
    );
    app.get('/public', async () => 'ok');
    const pre = await app.inject({ method: 'OPTIONS', url: '/api/items', headers: preflight });
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], APP);
    const unrouted = await app.inject({ method: 'OPTIONS', url: '/api/nowhere', headers: preflight });
    assert.equal(unrouted.statusCode, 204);
    const prefixRoot = await app.inject({ method: 'OPTIONS', url: '/api', headers: preflight });
    assert.equal(prefixRoot.statusCode, 204, 'the prefix itself is covered too');
    const plain = await app.inject({ method: 'OPTIONS', url: '/api/items' });
    assert.equal(plain.statusCode, 404, 'a plain OPTIONS request is not a preflight');
    const outside = await app.inject({ method: 'OPTIONS', url: '/public', headers: preflight });
    assert.equal(outside.statusCode, 404, 'outside the prefix the policy does not apply');
    await app.close();
  });

  test('registering it again inside a scope that has it is refused with a clear error', async () => {
    const app = Fastify();
    await app.register(cors, { origin: APP });
    app.register(async (admin) => {
      await admin.register(cors, { origin: 'https://admin.example.com' });
    });
    await assert.rejects(async () => app.ready(), /already registered in this scope or a parent/);
  });

  test('two plugins with different policies under one prefix are refused with a clear error', async () => {
    const app = Fastify();
    app.register(async (a) => a.register(cors, { origin: APP }), { prefix: '/api' });
    app.register(async (b) => b.register(cors, { origin: 'https://admin.example.com' }), { prefix: '/api' });
    await assert.rejects(async () => app.ready(), /already answers preflights under the prefix '\/api'/);
  });

  test('sibling plugins under different prefixes each answer their own preflights', async () => {
    const app = Fastify();
    await app.register(
      async (a) => {
        await a.register(cors, { origin: APP, methods: ['PUT'] });
      },
      { prefix: '/a' },
    );
    await app.register(
      async (b) => {
        await b.register(cors, { origin: 'https://admin.example.com', methods: ['PUT'] });
      },
      { prefix: '/b' },
    );
    const fromApp = await app.inject({ method: 'OPTIONS', url: '/a/x', headers: preflight });
    const adminOnA = await app.inject({
      method: 'OPTIONS',
      url: '/a/x',
      headers: { ...preflight, origin: 'https://admin.example.com' },
    });
    const adminOnB = await app.inject({
      method: 'OPTIONS',
      url: '/b/x',
      headers: { ...preflight, origin: 'https://admin.example.com' },
    });
    assert.deepEqual([fromApp.statusCode, adminOnA.statusCode, adminOnB.statusCode], [204, 403, 204]);
    await app.close();
  });

  test('invalid options reject through Fastify (register, ready and listen), as @fastify/cors does', async () => {
    const app = Fastify();
    await assert.rejects(
      async () => app.register(cors, { origin: 'https://a.com/' }),
      (error: unknown) => error instanceof CorsConfigError && error.issues[0]?.path === 'origin',
    );
    const again = Fastify();
    again.register(cors, { origin: 'https://a.com/' });
    await assert.rejects(async () => again.listen({ port: 0, host: '127.0.0.1' }), CorsConfigError);
  });

  test("Fastify's own register options (prefix, logLevel, logSerializers) are not refused as corsguard options", async () => {
    const app = Fastify();
    await app.register(cors, { origin: APP, methods: ['PUT'], logLevel: 'warn', logSerializers: {} } as Parameters<
      typeof cors
    >[1]);
    app.get('/items', async () => 'ok');
    const response = await app.inject({ method: 'OPTIONS', url: '/items', headers: preflight });
    assert.equal(response.statusCode, 204);
    await app.close();
  });

  test('reconfigure with a function of the current options changes one option and keeps the rest', async () => {
    const app = Fastify();
    await app.register(cors, { origin: APP, methods: ['PUT'] });
    app.corsguard.reconfigure((current) => ({ ...current, origin: [APP, 'https://admin.example.com'] }));
    const admin = await app.inject({
      method: 'OPTIONS',
      url: '/x',
      headers: { ...preflight, origin: 'https://admin.example.com' },
    });
    assert.equal(admin.statusCode, 204, 'the new origin is allowed and PUT is still allowed');
    assert.equal(admin.headers['access-control-allow-methods'], 'PUT');
    await app.close();
  });
});
