// Koa specifics: CORS headers survive an error thrown downstream (Koa resets headers on errors).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import Koa from 'koa';
import Koa2 from 'koa2';
import { request } from 'undici';
import { cors } from '../../src/adapters/koa.ts';

const APP = 'https://app.example.com';

for (const [name, KoaClass] of [['Koa 3', Koa], ['Koa 2', Koa2]] as const) {
  describe(`corsguard/koa on ${name}`, () => {
    const rows = [
      { rule: 'a thrown 500 keeps ACAO, ACAC and Vary', error: () => new Error('boom'), status: 500 },
      { rule: 'a thrown http error with its own headers keeps both', error: () => Object.assign(new Error('nope'), { status: 429, expose: true, headers: { 'Retry-After': '5', Vary: 'Accept' } }), status: 429 },
    ];
    for (const row of rows) {
      test(row.rule, async () => {
        const app = new KoaClass();
        app.silent = true;
        app.use(cors({ origin: APP, credentials: true }));
        app.use(() => {
          throw row.error();
        });
        const server = createServer(app.callback()).listen(0, '127.0.0.1');
        await new Promise((resolve) => server.once('listening', resolve));
        try {
          const response = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { origin: APP } });
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
          server.close();
        }
      });
    }
  });
}
