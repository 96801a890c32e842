// The fetch handler refuses what the node handler refuses, from the request target as the client
// sent it: dot segments (`%2e%2e`, `..`, near-dots), absolute-form targets, TRACE. Node's handler
// over raw sockets is the reference; Deno's server hands the raw target over and must agree row for
// row. Bun resolves dot segments and absolute-form before the handler runs: there the resolved
// path stays below the base path (the rows say where it differs).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { createFetchProxy } from '../../src/proxy/fetch.ts';
import { bundle } from '../runtimes/bundle.ts';
import {
  APP,
  parseRaw,
  rawExchange,
  startGateway,
  startUpstream,
  type Gateway,
  type Upstream,
} from './support/harness.ts';

const run = promisify(execFile);
const bin = (name: string) => new URL(`../../node_modules/.bin/${name}`, import.meta.url).pathname;

interface Result {
  readonly status: number;
  readonly code: string | null;
  readonly upstreamPath: string | null;
}

const refused = (code: string, status = 400): Result => ({ status, code, upstreamPath: null });
const forwarded = (upstreamPath: string): Result => ({ status: 200, code: null, upstreamPath });

/** [rule, method, target, the node handler's answer, Bun's where it differs]. */
const rows: Array<[rule: string, method: string, target: string, expected: Result, bun?: Result]> = [
  ['an ordinary path is forwarded below the base path', 'GET', '/a/b?q=1', forwarded('/v1/a/b?q=1')],
  ['`%2e%2e` is refused', 'GET', '/a/%2e%2e/admin', refused('target-dot-segment'), forwarded('/v1/admin')],
  ['`..` is refused', 'GET', '/a/../admin', refused('target-dot-segment'), forwarded('/v1/admin')],
  ['`.%2E` is refused', 'GET', '/a/.%2E/admin', refused('target-dot-segment'), forwarded('/v1/admin')],
  ['`..%20` is refused', 'GET', '/a/..%20/admin', refused('target-dot-segment')],
  ['`...` is refused', 'GET', '/a/.../admin', refused('target-dot-segment')],
  [
    'an absolute-form target is refused',
    'GET',
    'http://other.example/x',
    refused('target-not-origin-form'),
    forwarded('/v1/x'),
  ],
  ['TRACE is answered 405', 'TRACE', '/a', refused('method-not-allowed', 405)],
];

const head = (method: string, target: string) =>
  `${method} ${target} HTTP/1.1\r\nHost: gw.example\r\nOrigin: ${APP}\r\nConnection: close\r\n\r\n`;

let upstream: Upstream;
let gateway: Gateway;
let work: string;
let script: string;
before(async () => {
  upstream = await startUpstream();
  gateway = await startGateway({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
  work = mkdtempSync(join(tmpdir(), 'corsguard-proxy-targets-'));
  script = join(work, 'raw-serve.mjs');
  writeFileSync(script, await bundle(new URL('./runtimes/raw-serve.ts', import.meta.url).href));
});
after(async () => {
  await gateway.close();
  await upstream.close();
  rmSync(work, { recursive: true, force: true });
});

function resultOf(body: string, status: number): Result {
  try {
    const parsed = JSON.parse(body) as { code?: string; url?: string };
    return { status, code: parsed.code ?? null, upstreamPath: parsed.url ?? null };
  } catch {
    return { status, code: null, upstreamPath: null };
  }
}

describe('the node handler (the reference), over raw sockets', () => {
  for (const [rule, method, target, expected] of rows) {
    test(rule, async () => {
      const response = await rawExchange(gateway.port, head(method, target)).catch(() =>
        parseRaw('HTTP/1.1 0 none\r\n\r\n'),
      );
      const result = resultOf(response.body, response.status);
      assert.deepEqual(result, expected);
      if (response.status === 405)
        assert.deepEqual(response.headers.allow, ['GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS']);
    });
  }
});

describe('the fetch handler in Node', () => {
  test('TRACE (from a runtime that passes it on) is answered 405 with Allow, nothing forwarded', async () => {
    const before = upstream.received.length;
    const handler = createFetchProxy({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
    // Node's Request refuses to construct a TRACE: this stands in for a runtime's own request object.
    const trace = {
      method: 'TRACE',
      url: 'https://gw.example/a',
      headers: new Headers({ origin: APP }),
      body: null,
      signal: new AbortController().signal,
    } as unknown as Request;
    const response = await handler(trace);
    assert.deepEqual(
      [
        response.status,
        (JSON.parse(await response.text()) as { code: string }).code,
        response.headers.get('allow'),
        upstream.received.length - before,
      ],
      [405, 'method-not-allowed', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS', 0],
    );
  });

  test("a Host that is not the URL's host (absolute-form) is refused", async () => {
    const handler = createFetchProxy({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
    const response = await handler(new Request('http://other.example/x', { headers: { host: 'gw.example' } }));
    assert.deepEqual(
      [response.status, (JSON.parse(await response.text()) as { code: string }).code],
      [400, 'target-not-origin-form'],
    );
  });

  test("a Host naming the URL's host with its default port is the same host", async () => {
    const handler = createFetchProxy({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
    const response = await handler(new Request('http://gw.example/x', { headers: { host: 'gw.example:80' } }));
    assert.equal(response.status, 200);
    await response.body?.cancel();
  });
});

describe('real runtimes, raw request heads to their own servers', () => {
  const runtimes: Array<[name: string, command: (heads: string) => [string, string[]], bunRow: boolean]> = [
    [
      'Deno agrees with the node handler on every row',
      (heads) => [bin('deno'), ['run', '--no-prompt', '--no-config', '--allow-net', script, upstream.url, heads]],
      false,
    ],
    [
      'Bun agrees, or has resolved the path below the base path before the handler ran',
      (heads) => [bin('bun'), ['run', script, upstream.url, heads]],
      true,
    ],
  ];
  for (const [name, command, bunRow] of runtimes) {
    test(name, { timeout: 60_000 }, async () => {
      const [file, args] = command(JSON.stringify(rows.map(([, method, target]) => head(method, target))));
      const { stdout } = await run(file, args, {
        timeout: 50_000,
        env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      });
      const results = JSON.parse(stdout) as Result[];
      assert.deepEqual(
        Object.fromEntries(rows.map(([rule], i) => [rule, results[i]])),
        Object.fromEntries(
          rows.map(([rule, , , expected, bun]) => [rule, bunRow && bun !== undefined ? bun : expected]),
        ),
      );
    });
  }
});
