// An origin predicate that breaks its contract is a programming error: on every adapter the request
// fails (500 or the framework's error handling), the handler never runs, no CORS header is sent,
// and nothing hangs. A nullish error matters most: `next(undefined)` means "carry on" to Express
// and Fastify, which would skip the preflight answer and the CSRF guard. corsguard/hono's `cors`
// reads a string answer as hono/cors's Allow-Origin value: there it allows the origin it names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { request } from 'undici';
import { adapters } from '../conformance/servers.ts';

const EVIL = 'https://evil.example';

const HONO_STYLE = 'returns the origin string (hono/cors style)';

const predicates: Record<string, () => unknown> = {
  'throws undefined': () => {
    throw undefined;
  },
  'rejects with undefined': () => Promise.reject(),
  'rejects with null': () => Promise.reject(null),
  [HONO_STYLE]: () => EVIL,
  'calls a callback (expressjs/cors style)': ((_origin: string, callback: unknown) =>
    (callback as (e: null, ok: boolean) => void)(null, true)) as () => unknown,
};

const requests = [
  {
    rule: 'cross-site POST under the CSRF guard',
    method: 'POST',
    headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    body: 'x',
  },
  {
    rule: 'preflight',
    method: 'OPTIONS',
    headers: { origin: EVIL, 'access-control-request-method': 'PUT' },
    body: undefined,
  },
];

describe('an origin predicate that breaks its contract', () => {
  for (const [adapter, start] of Object.entries(adapters)) {
    for (const [name, origin] of Object.entries(predicates)) {
      if (adapter === 'hono' && name === HONO_STYLE) continue;
      test(`${adapter}: a predicate that ${name} fails the request without running the handler`, async () => {
        const app = await start({ origin: origin as () => boolean, methods: ['PUT'], csrf: true });
        try {
          for (const row of requests) {
            const response = await request(`${app.url}/items`, {
              method: row.method,
              headers: row.headers,
              body: row.body,
              headersTimeout: 10_000,
            });
            await response.body.dump();
            assert.equal(response.statusCode, 500, row.rule);
            assert.equal(response.headers['x-handler'], undefined, `${row.rule}: the handler ran`);
            assert.equal(response.headers['access-control-allow-origin'], undefined, row.rule);
          }
        } finally {
          await app.close();
        }
      });
    }
  }

  test(`hono: a predicate that ${HONO_STYLE} allows that origin`, async () => {
    const app = await adapters.hono!({ origin: predicates[HONO_STYLE] as () => boolean, methods: ['PUT'], csrf: true });
    try {
      for (const row of requests) {
        const response = await request(`${app.url}/items`, {
          method: row.method,
          headers: row.headers,
          body: row.body,
          headersTimeout: 10_000,
        });
        await response.body.dump();
        assert.equal(response.statusCode, row.method === 'OPTIONS' ? 204 : 200, row.rule);
        assert.equal(response.headers['x-handler'], row.method === 'OPTIONS' ? undefined : 'ran', row.rule);
        assert.equal(response.headers['access-control-allow-origin'], EVIL, row.rule);
      }
    } finally {
      await app.close();
    }
  });
});
