// corsguard/fetch inside real non-Node runtimes: Cloudflare's workerd (through miniflare), Deno, Bun.
// Each runs the same bundled fixture; answers must equal the Node reference.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { Miniflare } from 'miniflare';
import { bundle } from './bundle.ts';
import { expected } from './expected.ts';
import { probe } from './fixtures/app.ts';

const run = promisify(execFile);
const bin = (name: string) => new URL(`../../node_modules/.bin/${name}`, import.meta.url).pathname;
let work = '';
let script = '';

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'corsguard-runtimes-'));
  script = join(work, 'script.mjs');
  writeFileSync(script, await bundle('./fixtures/script.ts'));
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('runtimes', () => {
  test('Node (the reference)', async () => {
    assert.deepEqual(await probe(), expected);
  });

  test('Cloudflare workerd via miniflare: preflights and actual requests over dispatchFetch', {
    timeout: 60_000,
  }, async () => {
    const mf = new Miniflare({
      modules: true,
      script: await bundle('./fixtures/worker.ts'),
      compatibilityDate: '2024-09-23',
    });
    try {
      const probed = await mf.dispatchFetch('http://localhost/__probe');
      assert.deepEqual(await probed.json(), expected);
      const preflight = await mf.dispatchFetch('http://localhost/items', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'PUT' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example.com');
      const actual = await mf.dispatchFetch('http://localhost/items', {
        headers: { origin: 'https://app.example.com' },
      });
      assert.equal(await actual.text(), 'hello from /items');
      assert.equal(actual.headers.get('access-control-expose-headers'), 'X-Request-Id');
    } finally {
      await mf.dispose();
    }
  });

  test('Deno', { timeout: 60_000 }, async () => {
    const { stdout } = await run(bin('deno'), ['run', '--no-prompt', '--no-config', script], {
      timeout: 50_000,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    assert.deepEqual(JSON.parse(stdout), expected);
  });

  test('Bun', { timeout: 60_000 }, async () => {
    const { stdout } = await run(bin('bun'), ['run', script], { timeout: 50_000 });
    assert.deepEqual(JSON.parse(stdout), expected);
  });
});
