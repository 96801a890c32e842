// The playground's code out, run: for every preset's policy, the generated Express, Fastify, Koa
// and Hono programs (each framework's programs in one process of its own), the fetch-runtime module
// (served by @hono/node-server) and the gateway config file (createProxy in front of a plain
// upstream) answer the preset's exchanges, as the simulator sends them, with the same status and
// CORS headers as the playground's API. Real sockets on 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { request } from 'undici';
import { codeFor, type CodeTarget } from '../../examples/playground/page/code-out.ts';
import { PRESETS } from '../../examples/playground/page/presets.ts';
import { prepare } from '../../examples/playground/page/send.ts';
import { BODIES } from '../../examples/playground/page/state.ts';
import { startPlayground, type Playground } from '../../examples/playground/playground.ts';
import { simulateFetch, type TransportRequest } from '../../src/simulate/index.ts';
import { createProxyServer } from '../../src/proxy/index.ts';

const root = new URL('../../', import.meta.url).pathname;
const SPAWNED: readonly CodeTarget[] = ['express', 'fastify', 'koa', 'hono'];

interface Case {
  readonly preset: string;
  readonly policy: Record<string, unknown>;
  /** The exchanges the browser makes for the preset's request, with the body the actual request carries. */
  readonly exchanges: ReadonlyArray<{ readonly exchange: TransportRequest; readonly body?: string }>;
}

interface Answer {
  readonly status: number;
  readonly cors: Record<string, string>;
}

/** Status and the headers CORS is made of (Vary as a set of lower-case names). */
async function answer(base: string, { exchange, body }: Case['exchanges'][number]): Promise<Answer> {
  const url = new URL(exchange.url);
  const headers = Object.fromEntries([...exchange.headers].filter(([name]) => name !== 'host'));
  const response = await request(`${base}${url.pathname}${url.search}`, {
    method: exchange.method as 'GET',
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  await response.body.text();
  const cors: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    if (name.startsWith('access-control-')) cors[name] = text;
    if (name === 'vary') cors.vary = [...new Set(text.toLowerCase().split(/\s*,\s*/))].sort().join(', ');
  }
  return { status: response.statusCode, cors };
}

const loopback = (origin: string) => origin.replace(/\/\/[^/:]+/, '//127.0.0.1');

describe('code out answers the presets as the playground does', () => {
  let playground: Playground;
  let dir = '';
  const cases: Case[] = [];
  /** What the playground's API answers, per preset and exchange. */
  const expected = new Map<string, Answer[]>();
  const children: ChildProcess[] = [];
  const servers: Server[] = [];

  before(async () => {
    playground = await startPlayground({ pagePort: 0, apiPort: 0, sitePort: 0 });
    dir = mkdtempSync(join(tmpdir(), 'corsguard-code-out-'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    for (const preset of PRESETS) {
      const policy = preset.policy(playground);
      const applied = await request(`${loopback(playground.pageOrigin)}/policy`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(policy),
      });
      assert.equal(applied.statusCode, 200, await applied.body.text());
      const prepared = prepare(playground, preset.request);
      assert.ok(!('error' in prepared));
      const base = loopback(new URL(prepared.url).origin);
      // The simulator, talking to the playground's API, says which exchanges the browser makes.
      const exchanges: TransportRequest[] = [];
      await simulateFetch(
        {
          url: prepared.url,
          origin: playground.pageOrigin,
          method: prepared.method,
          headers: prepared.headers,
          credentials: preset.request.credentials,
        },
        async (exchange) => {
          exchanges.push(exchange);
          const url = new URL(exchange.url);
          const response = await request(`${base}${url.pathname}${url.search}`, {
            method: exchange.method as 'GET',
            headers: Object.fromEntries(exchange.headers),
          });
          await response.body.text();
          return {
            status: response.statusCode,
            headers: new Headers(Object.entries(response.headers).map(([name, value]) => [name, String(value)])),
          };
        },
      );
      const body = preset.request.body === 'none' ? undefined : BODIES[preset.request.body].text;
      const item: Case = {
        preset: preset.id,
        policy,
        exchanges: exchanges.map((exchange) => ({ exchange, ...(exchange.method === 'OPTIONS' ? {} : { body }) })),
      };
      cases.push(item);
      expected.set(preset.id, await Promise.all(item.exchanges.map((exchange) => answer(base, exchange))));
    }
    assert.deepEqual(
      cases.map((item) => [item.preset, item.exchanges.map(({ exchange }) => exchange.method).join(' ')]),
      PRESETS.map((preset) => [preset.id, preset.request.method === 'PUT' ? 'OPTIONS PUT' : preset.request.method]),
      'the preflighted presets are replayed with their actual request',
    );
  });
  after(async () => {
    for (const child of children) child.kill();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await playground?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The generated program with `corsguard/*` pointing at this checkout's source. */
  function writeProgram(target: CodeTarget, item: Case): string {
    const code = codeFor(target, item.policy).replace(
      /'corsguard\/(\w+)'/g,
      (_match, entry: string) => `'${pathToFileURL(join(root, 'src/adapters', `${entry}.ts`)).href}'`,
    );
    const file = join(dir, `${target}-${item.preset}.ts`);
    writeFileSync(file, code);
    return file;
  }

  /** Runs every preset's program for one framework in one process; returns each one's URL. */
  async function runPrograms(target: CodeTarget): Promise<Map<string, string>> {
    const files = cases.map((item) => [item.preset, writeProgram(target, item)] as const);
    // Each program prints its `listening on` line once it listens; import the next only then.
    const launcher = join(dir, `launch-${target}.ts`);
    writeFileSync(
      launcher,
      `const log = console.log;
for (const [preset, file] of ${JSON.stringify(files)}) {
  const listening = new Promise<string>((resolve) => { console.log = (line: string) => resolve(String(line)); });
  await import(file);
  log(preset, /listening on (\\S+)/.exec(await listening)![1]);
}
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', launcher], {
      cwd: dir,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      const urls = new Map<string, string>();
      let output = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        for (const [, preset, url] of output.matchAll(/^(\S+) (http:\/\/\S+)$/gm))
          urls.set(preset!, url!.replace('[::1]', '127.0.0.1'));
        if (urls.size === cases.length) resolve(urls);
      });
      child.on('exit', (code) => reject(new Error(`${target} programs exited with ${code}:\n${output}`)));
    });
  }

  async function listen(server: Server): Promise<string> {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function assertSameAnswers(target: string, urlOf: (preset: string) => string): Promise<void> {
    for (const item of cases) {
      const actual = await Promise.all(item.exchanges.map((exchange) => answer(urlOf(item.preset), exchange)));
      assert.deepEqual(actual, expected.get(item.preset), `${target}, preset ${item.preset}`);
    }
  }

  for (const target of SPAWNED) {
    test(`${target}: each preset's generated program answers as the playground's API`, async () => {
      const urls = await runPrograms(target);
      await assertSameAnswers(target, (preset) => urls.get(preset)!);
    });
  }

  test("fetch runtimes: each preset's generated module answers as the playground's API", async () => {
    const urls = new Map<string, string>();
    for (const item of cases) {
      const module = (await import(pathToFileURL(writeProgram('fetch', item)).href)) as {
        default: { fetch: (request: Request) => Promise<Response> };
      };
      urls.set(item.preset, await listen(createAdaptorServer({ fetch: module.default.fetch }) as Server));
    }
    await assertSameAnswers('fetch', (preset) => urls.get(preset)!);
  });

  test("gateway: each preset's config file, run by createProxy in front of a plain upstream, answers as the playground's API", async () => {
    const upstream = await listen(
      createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      }),
    );
    const urls = new Map<string, string>();
    for (const item of cases) {
      const config = JSON.parse(codeFor('gateway-config', item.policy, upstream)) as { upstream: string; cors: never };
      urls.set(item.preset, await listen(createProxyServer(config)));
    }
    await assertSameAnswers('gateway', (preset) => urls.get(preset)!);
  });
});

describe('code out reads as the file it is', () => {
  const LONG = {
    origin: ['https://a-very-long-origin.example.com', 'https://another-long-origin.example.com'],
    methods: ['PUT'],
    maxAge: 600,
  };
  // Each program is TypeScript (a cast, a parameter type): its first line names the .ts file and how to run it.
  const rows = [
    { target: 'express', file: 'server.ts', run: 'npx tsx server.ts' },
    { target: 'fastify', file: 'server.ts', run: 'npx tsx server.ts' },
    { target: 'koa', file: 'server.ts', run: 'npx tsx server.ts' },
    { target: 'hono', file: 'server.ts', run: 'npx tsx server.ts' },
    { target: 'fetch', file: 'worker.ts', run: 'deno serve worker.ts' },
  ] as const;
  for (const row of rows) {
    test(`${row.target}: says it is ${row.file} (TypeScript) and how to run it`, () => {
      const code = codeFor(row.target, LONG);
      assert.ok(code.startsWith(`// ${row.file} (TypeScript)`), code.split('\n')[0]);
      assert.ok(code.split('\n').slice(0, 3).join('\n').includes(row.run));
    });
  }

  test('fetch: the comment names only what the module defines, and the options sit one level inside the exported object', () => {
    const code = codeFor('fetch', LONG);
    assert.doesNotMatch(code, /\bworker\b(?!\.ts)/, 'no `worker` object: the module exports a default object');
    const start = code.indexOf('  fetch: withCors(handler, {\n');
    const end = code.indexOf('\n  }),\n};\n', start);
    assert.ok(start !== -1 && end !== -1, code);
    const inner = code.slice(code.indexOf('\n', start) + 1, end).split('\n');
    assert.deepEqual(inner, [
      '    origin: [',
      "      'https://a-very-long-origin.example.com',",
      "      'https://another-long-origin.example.com',",
      '    ],',
      "    methods: ['PUT'],",
      '    maxAge: 600,',
    ]);
  });
});
