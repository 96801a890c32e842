// Runs a documentation code block as written and checks what it does (README.md's blocks and the
// site's, test/readme and test/docs): Node servers are started for real (on a free port, see
// free-port-preload.ts) and answer a preflight, a refused preflight and an actual request over a
// socket; Deno and Bun blocks run in those runtimes' real binaries the same way; the Workers and
// Next.js route blocks are imported and called with Requests; scripts must exit 0.
// `corsguard/…` imports resolve to the built package (dist/).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { request } from 'undici';
import { limitFor } from '../support/time-limits.ts';
import { LISTENING } from './free-port-preload.ts';

const root = new URL('../../', import.meta.url).pathname;
const APP = 'https://app.example.com';
// The playground's default ports (examples/playground/server.ts): a reader running a quick start
// beside `npm start` must not find the port taken.
const PLAYGROUND_PORTS = [5173, 8080, 8081];
// On a quiet machine: a server starts in about 3 s (NestJS) and a block's checks take about 5 s.
export const LISTEN_LIMIT = limitFor(8_000);
export const BLOCK_LIMIT = limitFor(15_000);
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

export type RunnableKind = 'node-server' | 'worker' | 'route-module' | 'next-proxy' | 'deno' | 'bun' | 'script';
export const RUNNABLE_KINDS: ReadonlySet<string> = new Set<RunnableKind>([
  'node-server',
  'worker',
  'route-module',
  'next-proxy',
  'deno',
  'bun',
  'script',
]);

export interface RunnableBlock {
  /** A file name for it, unique in the workspace: `readme-line-71`. */
  readonly name: string;
  readonly code: string;
  readonly kind: RunnableKind;
  /** The method and path its CORS answers are checked on. */
  readonly method: string;
  readonly path: string;
}

function fileFor(block: RunnableBlock, work: string): string {
  const file = join(work, `${block.name}.ts`);
  writeFileSync(file, block.code);
  return file;
}

interface Answer {
  readonly status: number;
  header(name: string): string | null;
}
type Send = (method: string, path: string, headers: Record<string, string>) => Promise<Answer>;

/**
 * The CORS behaviour every quick start must show for its method and path. The preflight is the one
 * a browser sends for the obvious call, `fetch(url, { method, headers: { 'Content-Type':
 * 'application/json' }, body })`: `application/json` is not a CORS-safelisted Content-Type
 * (https://fetch.spec.whatwg.org/#cors-safelisted-request-header), so the header is asked for.
 */
async function assertAnswersCors(send: Send, block: RunnableBlock, actualMethod = 'GET'): Promise<void> {
  const preflight = await send('OPTIONS', block.path, {
    origin: APP,
    'access-control-request-method': block.method,
    'access-control-request-headers': 'content-type',
  });
  assert.ok(
    preflight.status >= 200 && preflight.status < 300,
    `preflight for ${block.method} with Content-Type answered ${preflight.status}`,
  );
  const allowOrigin = preflight.header('access-control-allow-origin');
  assert.ok(allowOrigin === APP || allowOrigin === '*', `preflight Access-Control-Allow-Origin: ${allowOrigin}`);
  assert.equal(preflight.header('access-control-allow-methods'), block.method);
  assert.match(
    preflight.header('access-control-allow-headers') ?? '',
    /(^|,\s*)content-type(\s*,|$)/i,
    'a JSON body needs Content-Type allowed',
  );

  const unlisted = await send('OPTIONS', block.path, { origin: APP, 'access-control-request-method': 'PROPFIND' });
  assert.equal(unlisted.status, 403, 'a preflight for a method the policy does not list is refused');
  assert.equal(unlisted.header('access-control-allow-origin'), null);
  if (allowOrigin === APP) {
    const stranger = await send('OPTIONS', block.path, {
      origin: 'https://evil.example.net',
      'access-control-request-method': block.method,
    });
    assert.equal(stranger.status, 403, "an unlisted origin's preflight is refused");
  }

  const actual = await send(actualMethod, block.path, { origin: APP, 'content-type': 'application/json' });
  assert.equal(actual.status, 200, `${actualMethod} ${block.path} reaches a route`);
  assert.equal(actual.header('access-control-allow-origin'), allowOrigin);
  if (allowOrigin === APP) assert.match(actual.header('vary') ?? '', /\bOrigin\b/i);
}

function overHttp(base: string): Send {
  return async (method, path, headers) => {
    const response = await request(base + path, {
      method,
      headers,
      body: method === 'GET' || method === 'OPTIONS' ? null : '{}',
    });
    await response.body.text();
    return {
      status: response.statusCode,
      header: (name) => {
        const value = response.headers[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  };
}

function toFetch(call: (request: Request) => Promise<Response>): Send {
  return async (method, path, headers) => {
    const response = await call(
      new Request(`https://api.example.com${path}`, {
        method,
        headers,
        body: method === 'GET' || method === 'OPTIONS' ? null : '{}',
      }),
    );
    await response.arrayBuffer();
    return { status: response.status, header: (name) => response.headers.get(name) };
  };
}

interface Listening {
  readonly port: number;
  /** The port the program asked for (free-port-preload.ts), when it names one. */
  readonly requested: number | undefined;
}

/** Starts a process that prints `README-TEST-LISTENING <port> [<requested port>]`; resolves to them. */
function listening(child: ChildProcess): Promise<Listening> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no listen within ${LISTEN_LIMIT} ms:\n${output}`)), LISTEN_LIMIT);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = new RegExp(`${LISTENING} (\\d+)(?: (\\d+))?`).exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), requested: match[2] === undefined ? undefined : Number(match[2]) });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
}

async function runServer(command: string, args: string[], block: RunnableBlock, work: string): Promise<void> {
  const child = spawn(command, args, {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
  });
  try {
    const { port, requested } = await listening(child);
    assert.ok(
      requested === undefined || !PLAYGROUND_PORTS.includes(requested),
      `listens on ${requested}, a port of the playground (npm start)`,
    );
    await assertAnswersCors(overHttp(`http://127.0.0.1:${port}`), block);
  } finally {
    child.kill();
  }
}

/** A Deno or Bun block bundled into one file, its serve call moved to a free port on 127.0.0.1. */
async function bundleFor(block: RunnableBlock, prelude: string, work: string): Promise<string> {
  const result = await build({
    entryPoints: [fileFor(block, work)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const file = join(work, `${block.name}.${block.kind}.mjs`);
  writeFileSync(file, `${prelude}\n${result.outputFiles[0]!.text}`);
  return file;
}

const DENO_PRELUDE = `{
  const serve = Deno.serve.bind(Deno);
  Deno.serve = (...args) => serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => console.log('${LISTENING} ' + port) }, args.find((arg) => typeof arg === 'function') ?? args[args.length - 1].handler);
}`;
const BUN_PRELUDE = `{
  const serve = Bun.serve.bind(Bun);
  Bun.serve = (options) => { const server = serve({ ...options, port: 0, hostname: '127.0.0.1' }); console.log('${LISTENING} ' + server.port); return server; };
}`;

const runners: Record<RunnableKind, (block: RunnableBlock, work: string) => Promise<void>> = {
  'node-server': (block, work) =>
    runServer(
      process.execPath,
      ['--import', 'tsx', '--import', new URL('./free-port-preload.ts', import.meta.url).href, fileFor(block, work)],
      block,
      work,
    ),
  deno: async (block, work) =>
    runServer(
      bin('deno'),
      ['run', '--no-prompt', '--no-config', '--allow-net', await bundleFor(block, DENO_PRELUDE, work)],
      block,
      work,
    ),
  bun: async (block, work) => runServer(bin('bun'), ['run', await bundleFor(block, BUN_PRELUDE, work)], block, work),
  worker: async (block, work) => {
    const worker = (await import(pathToFileURL(fileFor(block, work)).href)) as {
      default: { fetch(request: Request, env: unknown, ctx: unknown): Promise<Response> };
    };
    await assertAnswersCors(
      toFetch((request) => worker.default.fetch(request, {}, {})),
      block,
    );
  },
  'route-module': async (block, work) => {
    const route = (await import(pathToFileURL(fileFor(block, work)).href)) as Record<
      string,
      (request: Request) => Promise<Response>
    >;
    assert.equal(typeof route.OPTIONS, 'function', 'the route exports OPTIONS');
    assert.equal(typeof route[block.method], 'function', `the route exports ${block.method}`);
    await assertAnswersCors(
      toFetch((request) => route[request.method]!(request)),
      block,
      block.method,
    );
  },
  'next-proxy': async (block, work) => {
    const module = (await import(pathToFileURL(fileFor(block, work)).href)) as {
      proxy: (request: Request) => Promise<Response>;
    };
    assert.equal(typeof module.proxy, 'function', 'the module exports proxy');
    await assertAnswersCors(
      toFetch((request) => module.proxy(request)),
      block,
    );
  },
  script: async (block, work) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', fileFor(block, work)], {
      cwd: work,
      encoding: 'utf8',
      timeout: BLOCK_LIMIT,
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    });
    assert.equal(result.status, 0, result.stderr);
  },
};

/** Runs `block` from a file in `work` (a strictWorkspace) and checks it behaves as its kind says. */
export function runBlock(block: RunnableBlock, work: string): Promise<void> {
  return runners[block.kind](block, work);
}
