// The fetch handler's X-Forwarded-For: the client's list with the peer's address appended where
// the runtime tells it (Workers: CF-Connecting-IP; Deno: info.remoteAddr; Bun: server.requestIP;
// @hono/node-server: the socket), unchanged where it does not. A client's CF-Connecting-IP is
// believed on Workers only.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { Miniflare } from 'miniflare';
import { createFetchProxy } from '../../src/proxy/fetch.ts';
import { bundle } from '../runtimes/bundle.ts';
import { APP, echoed, startUpstream, type Upstream } from './support/harness.ts';

const run = promisify(execFile);
const bin = (name: string) => new URL(`../../node_modules/.bin/${name}`, import.meta.url).pathname;
const fixture = (name: string) => new URL(`./runtimes/${name}`, import.meta.url).href;
const CLIENT_LIST = '203.0.113.9';

let upstream: Upstream;
let work: string;
before(async () => {
  upstream = await startUpstream();
  work = mkdtempSync(join(tmpdir(), 'corsguard-proxy-peer-'));
});
after(async () => {
  await upstream.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the info argument, in Node', () => {
  const rows: Array<[rule: string, info: unknown, expected: string]> = [
    [
      "Deno's info.remoteAddr is appended",
      { remoteAddr: { hostname: '192.0.2.1', port: 5000, transport: 'tcp' } },
      `${CLIENT_LIST}, 192.0.2.1`,
    ],
    [
      "Bun's server.requestIP(request) is appended",
      { requestIP: () => ({ address: '192.0.2.2', family: 'IPv4', port: 5000 }) },
      `${CLIENT_LIST}, 192.0.2.2`,
    ],
    [
      "@hono/node-server's socket address is appended",
      { incoming: { socket: { remoteAddress: '192.0.2.3' } } },
      `${CLIENT_LIST}, 192.0.2.3`,
    ],
    [
      'no info: the client list goes on unchanged (a client CF-Connecting-IP is not believed off Workers)',
      undefined,
      CLIENT_LIST,
    ],
    ['a Bun server that knows no address: unchanged', { requestIP: () => null }, CLIENT_LIST],
    ['Workers-style bindings with no address: unchanged', { UPSTREAM: 'x' }, CLIENT_LIST],
  ];
  for (const [rule, info, expected] of rows) {
    test(rule, async () => {
      const handler = createFetchProxy({ upstream: upstream.url, cors: { origin: APP } });
      const response = await handler(
        new Request('https://gateway.example/x', {
          headers: { 'x-forwarded-for': CLIENT_LIST, 'cf-connecting-ip': '198.51.100.7' },
        }),
        info,
      );
      assert.equal(echoed(await response.text()).headers['x-forwarded-for'], expected);
    });
  }
});

describe('real runtimes, served by their own servers', () => {
  test('Cloudflare workerd via miniflare: CF-Connecting-IP is appended', { timeout: 60_000 }, async () => {
    const mf = new Miniflare({
      modules: true,
      script: await bundle(fixture('peer-worker.ts')),
      compatibilityDate: '2024-09-23',
      bindings: { UPSTREAM: upstream.url },
    });
    try {
      const response = await mf.dispatchFetch('http://localhost/peer', {
        headers: { 'x-forwarded-for': CLIENT_LIST, 'cf-connecting-ip': '198.51.100.7' },
      });
      const seen = (await response.json()) as { headers: Record<string, string> };
      assert.equal(seen.headers['x-forwarded-for'], `${CLIENT_LIST}, 198.51.100.7`);
    } finally {
      await mf.dispose();
    }
  });

  const runtimes: Array<[name: string, command: (script: string) => [string, string[]]]> = [
    ['Deno', (script) => [bin('deno'), ['run', '--no-prompt', '--no-config', '--allow-net', script, upstream.url]]],
    ['Bun', (script) => [bin('bun'), ['run', script, upstream.url]]],
  ];
  for (const [name, command] of runtimes) {
    test(`${name}: the peer (127.0.0.1) is appended, a client CF-Connecting-IP ignored and not forwarded`, {
      timeout: 60_000,
    }, async () => {
      const script = join(work, `peer-${name}.mjs`);
      writeFileSync(script, await bundle(fixture('peer-serve.ts')));
      const [file, args] = command(script);
      const { stdout } = await run(file, args, {
        timeout: 50_000,
        env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      });
      assert.deepEqual(JSON.parse(stdout), { xff: `${CLIENT_LIST}, 127.0.0.1`, cfConnectingIp: null });
    });
  }
});
