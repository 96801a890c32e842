// The gateway's fetch handler: Node is the reference (checked rule by rule); workerd (through
// miniflare), Deno and Bun must answer exactly as Node does.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { Miniflare } from 'miniflare';
import { bundle } from '../runtimes/bundle.ts';
import { listen, type RunningServer } from '../support/servers.ts';
import { APP, probe, type Answer } from './runtimes/proxy-app.ts';

const run = promisify(execFile);
const bin = (name: string) => new URL(`../../node_modules/.bin/${name}`, import.meta.url).pathname;
const fixture = (name: string) => new URL(`./runtimes/${name}`, import.meta.url).href;

let upstream: RunningServer;
let closed: string;
let work = '';
let script = '';
let reference: Answer[];

before(async () => {
  upstream = await listen(
    createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        if (request.url === '/v1/redirect') {
          response.writeHead(302, { location: `http://127.0.0.1:${upstream.port}/v1/login?next=1` }).end();
          return;
        }
        response.setHeader('access-control-allow-origin', '*');
        response.setHeader('vary', 'Accept-Encoding');
        response.setHeader('set-cookie', 'sid=2; Domain=127.0.0.1; Path=/v1/items; HttpOnly');
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ method: request.method, url: request.url, cookie: request.headers.cookie ?? null, body }),
        );
      });
    }),
  );
  const down = await listen(createServer());
  await down.close();
  closed = down.url;
  work = mkdtempSync(join(tmpdir(), 'corsguard-proxy-runtimes-'));
  script = join(work, 'script.mjs');
  writeFileSync(script, await bundle(fixture('script.ts')));
  reference = await probe(upstream.url, closed);
});
after(async () => {
  await upstream.close();
  rmSync(work, { recursive: true, force: true });
});

/** What each answer must be, whatever the runtime: the rules, checked on Node's answers. */
describe('Node (the reference)', () => {
  const byName = (name: string) => reference.find((answer) => answer.name === name)!;
  const rows: Array<[name: string, check: (answer: Answer) => void]> = [
    ['preflight granted', (a) => assert.deepEqual([a.status, a.acao], [204, APP])],
    ['preflight refused', (a) => assert.deepEqual([a.status, a.acao], [403, null])],
    [
      'allowed origin, cookie forwarded',
      (a) => {
        assert.deepEqual([a.status, a.acao, a.vary], [200, APP, 'Accept-Encoding, Origin']);
        assert.deepEqual(a.body, { method: 'GET', url: '/v1/items?x=1', cookie: 'sid=1', body: '' });
        assert.equal(a.setCookie, 'sid=2; Path=/items; HttpOnly');
      },
    ],
    ['disallowed origin forwarded without CORS headers', (a) => assert.deepEqual([a.status, a.acao], [200, null])],
    ['csrf rejected', (a) => assert.deepEqual([a.status, a.body], [403, ''])],
    [
      'body streamed upstream',
      (a) => assert.deepEqual(a.body, { method: 'PUT', url: '/v1/items/1', cookie: null, body: 'new value' }),
    ],
    [
      'redirect passed on with Location rewritten',
      (a) => assert.deepEqual([a.status, a.location, a.acao], [302, '/login?next=1', APP]),
    ],
    [
      'encoded slash refused',
      (a) =>
        assert.deepEqual(
          [a.status, a.contentType, (a.body as { code: string }).code],
          [400, 'application/problem+json', 'target-encoded-separator'],
        ),
    ],
    [
      'unreachable upstream',
      (a) =>
        assert.deepEqual([a.status, a.acao, (a.body as { code: string }).code], [502, APP, 'upstream-unreachable']),
    ],
  ];
  for (const [name, check] of rows) test(name, () => check(byName(name)));
});

describe('edge runtimes answer as Node does', () => {
  test('Cloudflare workerd via miniflare', { timeout: 60_000 }, async () => {
    const mf = new Miniflare({
      modules: true,
      script: await bundle(fixture('worker.ts')),
      compatibilityDate: '2024-09-23',
    });
    try {
      const response = await mf.dispatchFetch(
        `http://localhost/__probe?upstream=${encodeURIComponent(upstream.url)}&closed=${encodeURIComponent(closed)}`,
      );
      assert.deepEqual(await response.json(), reference);
    } finally {
      await mf.dispose();
    }
  });

  test('Deno', { timeout: 60_000 }, async () => {
    const { stdout } = await run(
      bin('deno'),
      ['run', '--no-prompt', '--no-config', '--allow-net', script, upstream.url, closed],
      { timeout: 50_000, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } },
    );
    assert.deepEqual(JSON.parse(stdout), reference);
  });

  test('Bun', { timeout: 60_000 }, async () => {
    const { stdout } = await run(bin('bun'), ['run', script, upstream.url, closed], { timeout: 50_000 });
    assert.deepEqual(JSON.parse(stdout), reference);
  });
});
