// Koa specifics: CORS headers survive an error thrown downstream (Koa resets headers on errors).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, test } from 'node:test';
import Koa from 'koa';
import Koa2 from 'koa2';
import { request } from 'undici';
import { cors } from '../../src/adapters/koa.ts';
import { listen } from '../support/servers.ts';

const APP = 'https://app.example.com';

for (const [name, KoaClass] of [
  ['Koa 3', Koa],
  ['Koa 2', Koa2],
] as const) {
  describe(`corsguard/koa on ${name}`, () => {
    const rows = [
      { rule: 'a thrown 500 keeps ACAO, ACAC and Vary', error: () => new Error('boom'), status: 500 },
      {
        rule: 'a thrown http error with its own headers keeps both',
        error: () =>
          Object.assign(new Error('nope'), {
            status: 429,
            expose: true,
            headers: { 'Retry-After': '5', Vary: 'Accept' },
          }),
        status: 429,
      },
      {
        rule: "an error's Vary in upper case is merged, not dropped",
        error: () =>
          Object.assign(new Error('nope'), {
            status: 429,
            expose: true,
            headers: { 'Retry-After': '5', VARY: 'Accept' },
          }),
        status: 429,
      },
      // Koa turns any other thrown value into a new Error with status 500.
      { rule: 'a thrown string keeps the CORS headers on the 500', error: () => 'x', status: 500 },
      { rule: 'a thrown plain object keeps the CORS headers on the 500', error: () => ({ status: 400 }), status: 500 },
      { rule: 'a thrown number keeps the CORS headers on the 500', error: () => 42, status: 500 },
    ];
    test("a shared error object thrown for several requests carries no request's headers into another", async () => {
      const shared = Object.assign(new Error('unauthorised'), { status: 401, expose: true });
      const app = new KoaClass();
      app.silent = true;
      app.use(cors({ origin: APP, credentials: true }));
      app.use(() => {
        throw shared;
      });
      const server = await listen(createServer(app.callback()));
      const url = `${server.url}/`;
      try {
        const first = await request(url, { headers: { origin: APP } });
        await first.body.text();
        assert.equal(first.headers['access-control-allow-origin'], APP);
        for (const headers of [{}, { origin: 'https://evil.example' }]) {
          const later = await request(url, { headers });
          await later.body.text();
          assert.equal(later.statusCode, 401);
          assert.equal(later.headers['access-control-allow-origin'], undefined);
          assert.equal(later.headers['access-control-allow-credentials'], undefined);
          assert.equal(later.headers.vary, 'Origin');
        }
        assert.equal(Object.hasOwn(shared, 'headers'), false, 'the error object is left as it was');
      } finally {
        await server.close();
      }
    });

    test('a refused preflight is answered 403 with no body and no Content-Type, like every adapter', async () => {
      const app = new KoaClass();
      app.use(cors({ origin: APP }));
      app.use((ctx) => {
        ctx.body = 'handler';
      });
      const server = await listen(createServer(app.callback()));
      try {
        const response = await request(`${server.url}/`, {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
        });
        assert.equal(response.statusCode, 403);
        assert.equal(await response.body.text(), '');
        assert.equal(response.headers['content-type'], undefined);
        assert.equal(response.headers['access-control-allow-origin'], undefined);
      } finally {
        await server.close();
      }
    });

    for (const row of rows) {
      test(row.rule, async () => {
        const app = new KoaClass();
        app.silent = true;
        app.use(cors({ origin: APP, credentials: true }));
        app.use(() => {
          throw row.error();
        });
        const server = await listen(createServer(app.callback()));
        try {
          const response = await request(`${server.url}/`, { headers: { origin: APP } });
          await response.body.text();
          assert.equal(response.statusCode, row.status);
          assert.equal(response.headers['access-control-allow-origin'], APP);
          assert.equal(response.headers['access-control-allow-credentials'], 'true');
          assert.match(String(response.headers.vary), /Origin/);
          if (row.status === 429) {
            assert.equal(response.headers['retry-after'], '5');
            assert.equal(response.headers.vary, 'Accept, Origin');
          }
        } finally {
          await server.close();
        }
      });
    }
  });
}
