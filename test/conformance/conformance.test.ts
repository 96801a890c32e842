// One table, every adapter, real HTTP: the same request must get the same status, CORS headers and
// handler behaviour from node:http, Express 4 and 5, Fastify, Koa 2 and 3, Hono and fetch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import type { CorsOptions } from '../../src/index.ts';
import { base, rows, type Row } from './rows.ts';
import { adapters, type RunningApp } from './servers.ts';

const appKey = (row: Row) => (row.options ? row.rule : 'base');

function varyNames(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

for (const [name, start] of Object.entries(adapters)) {
  describe(`conformance: ${name}`, () => {
    const apps = new Map<string, RunningApp>();
    before(async () => {
      // Rows without options share one app; each row with options gets its own.
      for (const row of rows) {
        const key = appKey(row);
        if (!apps.has(key)) apps.set(key, await start({ ...base, ...row.options } as CorsOptions));
      }
    });
    after(async () => {
      for (const app of apps.values()) await app.close();
    });

    for (const row of rows) {
      test(row.rule, async () => {
        const app = apps.get(appKey(row))!;
        const response = await request(`${app.url}${row.path ?? '/resource'}`, {
          method: row.method,
          headers: row.headers,
          body: row.method === 'POST' ? 'x' : undefined,
        });
        await response.body.text();
        assert.equal(response.statusCode, row.status, 'status');
        assert.equal(response.headers['x-handler'] === 'ran', row.handlerRan, 'handler ran');
        for (const [header, value] of Object.entries(row.expect ?? {})) {
          assert.equal(response.headers[header] ?? null, value, header);
        }
        const vary = varyNames(response.headers.vary);
        for (const v of row.varyIncludes ?? [])
          assert.ok(vary.includes(v.toLowerCase()), `Vary ${JSON.stringify(response.headers.vary)} lacks ${v}`);
        for (const v of row.varyExcludes ?? [])
          assert.ok(!vary.includes(v.toLowerCase()), `Vary ${JSON.stringify(response.headers.vary)} has ${v}`);
        assert.equal(new Set(vary).size, vary.length, `Vary has duplicates: ${JSON.stringify(response.headers.vary)}`);
      });
    }
  });
}
