// `npm run bench:proxy`: one upstream reached directly, through corsguard proxy and through
// cors-anywhere, in the same run, at 50 connections (a small undici load generator, bounded in
// time); then 1 GiB downloaded and 1 GiB uploaded through corsguard proxy while its resident
// memory is sampled. Upstream and each proxy run in their own process; the client in this one.
//   BENCH_SECONDS (default 5 per target), BENCH_BYTES (default 1 GiB), BENCH_CONNECTIONS (default 50)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Pool, request } from 'undici';
import { createProxyServer } from '../src/proxy/index.ts';
import { load as loadRequests, startChild, type Child, type Load } from './load.ts';

const ORIGIN = 'https://app.example.com';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BYTES = Number(process.env.BENCH_BYTES ?? 2 ** 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PACED_RATE = Number(process.env.BENCH_RATE ?? 1000);
const CHUNK = Buffer.alloc(64 * 1024, 'x');
const BODY = JSON.stringify({ id: 1, name: 'item', tags: ['a', 'b'] });

// ---- the processes -------------------------------------------------------------------------

type Role = 'upstream' | 'corsguard' | 'cors-anywhere';

/** Runs one role in this process and prints `port=N` once listening. */
function serve(role: Role, upstream: string): void {
  const announce = (server: { address(): unknown }) =>
    console.log(`port=${(server.address() as { port: number }).port}`);
  if (role === 'upstream') {
    const server = createServer((incoming, response) => {
      const url = incoming.url ?? '/';
      if (url.startsWith('/download')) {
        const total = Number(new URL(url, 'http://x').searchParams.get('bytes'));
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total });
        Readable.from(generate(total)).pipe(response);
      } else if (url.startsWith('/upload')) {
        let received = 0;
        incoming.on('data', (chunk: Buffer) => (received += chunk.length));
        incoming.on('end', () => response.end(String(received)));
      } else {
        incoming.resume();
        response
          .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) })
          .end(BODY);
      }
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => announce(server));
  } else if (role === 'corsguard') {
    const server = createProxyServer({ upstream, cors: { origin: ORIGIN, methods: ['PUT'] }, timeout: 60_000 });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => announce(server));
  } else {
    const require = createRequire(import.meta.url);
    const corsAnywhere = require('cors-anywhere') as {
      createServer(options: object): { listen(port: number, host: string, done: () => void): void; address(): unknown };
    };
    const server = corsAnywhere.createServer({ originWhitelist: [], requireHeader: [], removeHeaders: [] });
    server.listen(0, '127.0.0.1', () => announce(server));
  }
}

function* generate(total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += CHUNK.length)
    yield total - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - sent);
}

function start(role: Role, upstream = ''): Promise<Child> {
  return startChild(fileURLToPath(import.meta.url), ['--role', role, upstream], role);
}

/** Resident set size of a process in bytes (Linux /proc). */
function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

// ---- the load generator --------------------------------------------------------------------

/** `CONNECTIONS` workers sending GETs one after another for `seconds`; latencies in ms. */
function load(origin: string, path: string, seconds: number): Promise<Load> {
  return loadRequests(origin, { method: 'GET', path, headers: { origin: ORIGIN }, status: 200 }, seconds, CONNECTIONS);
}

/**
 * `CONNECTIONS` workers sending GETs at a steady total `rate` per second for `seconds`: latency as a
 * user sees it below saturation. Each latency counts from the request's scheduled time, so a
 * stall also delays (and counts against) the requests queued behind it.
 */
async function paced(origin: string, path: string, seconds: number, rate: number): Promise<Load> {
  const pool = new Pool(origin, { connections: CONNECTIONS, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const interval = (CONNECTIONS / rate) * 1000;
  const began = performance.now();
  const end = began + seconds * 1000;
  const worker = async (index: number) => {
    let scheduled = began + (index * interval) / CONNECTIONS;
    while (scheduled < end) {
      const wait = scheduled - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // From the scheduled time when this worker is late (a stall counts against what queued
      // behind it); from the send when a timer fired a little early.
      const from = Math.min(scheduled, performance.now());
      try {
        const response = await pool.request({ path, method: 'GET', headers: { origin: ORIGIN } });
        await response.body.text();
        if (response.statusCode !== 200) errors++;
        latencies.push(performance.now() - from);
      } catch {
        errors++;
      }
      scheduled += interval;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, index) => worker(index)));
  const elapsed = (performance.now() - began) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { requests: latencies.length, errors, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

// ---- the run -------------------------------------------------------------------------------

async function transfer(
  gateway: Child,
  direction: 'download' | 'upload',
): Promise<{ seconds: number; bytes: number; rssBefore: number; rssPeak: number }> {
  const pid = gateway.process.pid!;
  const rssBefore = rss(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss(pid))), 50);
  const started = performance.now();
  let bytes = 0;
  if (direction === 'download') {
    const response = await request(`${gateway.url}/download?bytes=${BYTES}`, { headers: { origin: ORIGIN } });
    for await (const chunk of response.body) bytes += (chunk as Buffer).length;
  } else {
    const response = await request(`${gateway.url}/upload`, {
      method: 'PUT',
      headers: { origin: ORIGIN, 'content-length': String(BYTES), 'content-type': 'application/octet-stream' },
      body: Readable.from(generate(BYTES)),
    });
    bytes = Number(await response.body.text());
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, rss(pid));
  if (bytes !== BYTES) throw new Error(`${direction}: ${bytes} bytes arrived, not ${BYTES}`);
  return { seconds, bytes, rssBefore, rssPeak };
}

async function main(): Promise<void> {
  const children: Child[] = [];
  try {
    const upstream = await start('upstream');
    children.push(upstream);
    const corsguard = await start('corsguard', upstream.url);
    children.push(corsguard);
    const anywhere = await start('cors-anywhere');
    children.push(anywhere);
    const targets: Array<[string, string, string]> = [
      ['upstream directly', upstream.url, '/items'],
      ['corsguard proxy', corsguard.url, '/items'],
      ['cors-anywhere', anywhere.url, `/${upstream.url}/items`],
    ];
    console.log(
      `Node ${process.version}, ${CONNECTIONS} connections, ${SECONDS} s per target (after a 1 s warm-up), GET returning ${Buffer.byteLength(BODY)} bytes of JSON\n`,
    );
    const results = new Map<string, Load>();
    for (const [name, origin, path] of targets) {
      await load(origin, path, 1);
      results.set(name, await load(origin, path, SECONDS));
    }
    const direct = results.get('upstream directly')!;
    console.log('| target | requests/s | p50 ms | p99 ms | added p99 ms | errors |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, result] of results) {
      const added = name === 'upstream directly' ? '—' : (result.p99 - direct.p99).toFixed(2);
      console.log(
        `| ${name} | ${result.perSecond.toFixed(0)} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${added} | ${result.errors} |`,
      );
    }
    const ratio = results.get('corsguard proxy')!.perSecond / results.get('cors-anywhere')!.perSecond;
    console.log(`\ncorsguard proxy / cors-anywhere throughput: ${ratio.toFixed(2)}×\n`);

    // The same targets below saturation: what a hop adds when nobody queues for the CPU.
    console.log(
      `At a steady ${PACED_RATE} requests/s over ${CONNECTIONS} connections (${SECONDS} s after a 1 s warm-up, latency from each request's scheduled time):\n`,
    );
    console.log('| target | p50 ms | p99 ms | added p50 ms | added p99 ms | errors |');
    console.log('|---|---:|---:|---:|---:|---:|');
    const steady = new Map<string, Load>();
    for (const [name, origin, path] of targets) {
      await paced(origin, path, 1, PACED_RATE);
      steady.set(name, await paced(origin, path, SECONDS, PACED_RATE));
    }
    const base = steady.get('upstream directly')!;
    for (const [name, result] of steady) {
      const direct = name === 'upstream directly';
      const addedP50 = direct ? '—' : (result.p50 - base.p50).toFixed(2);
      const addedP99 = direct ? '—' : (result.p99 - base.p99).toFixed(2);
      console.log(
        `| ${name} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${addedP50} | ${addedP99} | ${result.errors} |`,
      );
    }
    console.log('');

    const mib = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(
      '| transfer through corsguard proxy | MiB | seconds | MiB/s | RSS before MiB | RSS peak MiB | growth MiB |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const direction of ['download', 'upload'] as const) {
      const t = await transfer(corsguard, direction);
      console.log(
        `| ${direction} | ${mib(t.bytes)} | ${t.seconds.toFixed(1)} | ${(t.bytes / 2 ** 20 / t.seconds).toFixed(0)} | ${mib(t.rssBefore)} | ${mib(t.rssPeak)} | ${mib(t.rssPeak - t.rssBefore)} |`,
      );
    }
  } finally {
    for (const child of children) child.process.kill('SIGTERM');
  }
}

const roleAt = process.argv.indexOf('--role');
if (roleAt !== -1) serve(process.argv[roleAt + 1] as Role, process.argv[roleAt + 2] ?? '');
else await main();
