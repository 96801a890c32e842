// A debug sink that fails (`debug: async (event) => logSink.send(event)` with the sink down) must
// change neither the answer nor the process, on every adapter, for any request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { adapters } from '../conformance/servers.ts';

const APP = 'https://app.example.com';
const unhandled: unknown[] = [];
const collect = (reason: unknown) => unhandled.push(reason);
before(() => process.on('unhandledRejection', collect));
after(() => process.off('unhandledRejection', collect));

const sinks = {
  'an async sink that rejects': async () => {
    throw new Error('log sink down');
  },
  'a sink that throws': () => {
    throw new Error('log sink down');
  },
  'a sink returning a rejected thenable': () => ({
    then: (_resolve: unknown, reject: (error: Error) => void) => reject(new Error('log sink down')),
  }),
};

const requests = [
  { rule: 'allowed actual request', method: 'GET', headers: { origin: APP }, status: 200, acao: APP },
  {
    rule: 'refused preflight',
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    status: 403,
    acao: undefined,
  },
];

describe('a failing debug callback', () => {
  for (const [adapter, start] of Object.entries(adapters)) {
    for (const [sink, debug] of Object.entries(sinks)) {
      test(`${adapter}: ${sink} changes neither the answers nor the process`, async () => {
        unhandled.length = 0;
        const app = await start({ origin: APP, methods: ['PUT'], debug: debug as () => void });
        try {
          for (const row of requests) {
            const response = await request(`${app.url}/items`, { method: row.method, headers: row.headers });
            await response.body.dump();
            assert.equal(response.statusCode, row.status, row.rule);
            assert.equal(response.headers['access-control-allow-origin'], row.acao, row.rule);
          }
          await new Promise((resolve) => setImmediate(resolve));
          assert.deepEqual(unhandled, []);
        } finally {
          await app.close();
        }
      });
    }
  }
});
