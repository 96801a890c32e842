// `npm run bench:export`: each front server, in front of the same upstream, running the generated
// configuration and a minimal hand-written one (the static add_header-style snippet the tutorials
// give, for the same single origin), with the load generator of bench:proxy at 50 connections:
// an actual GET, a preflight, and a preflight with a hostile 15 kB Access-Control-Request-Headers
// (refused by the generated configuration; the hand-written one does not read it and answers 204,
// which shows what the 15 kB alone cost the server and the load generator).
//   BENCH_SECONDS (default 5 per measurement, in 5 rounds alternating the two configurations),
//   BENCH_CONNECTIONS (default 50), BENCH_TARGETS (default nginx,apache,caddy,haproxy)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExportTarget } from '../src/export/index.ts';
import { BINARIES } from '../test/export/support/binaries.ts';
import { exportInto, freePort, runFront, type RunningFront } from '../test/export/support/front.ts';
import { load, startChild, type Load, type LoadRequest } from './load.ts';

const ORIGIN = 'https://app.example.com';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = 5;
const BODY = JSON.stringify({ id: 1, name: 'item', tags: ['a', 'b'] });
const CORS = { origin: ORIGIN, methods: ['PUT'], allowedHeaders: ['Content-Type'] };

const REQUESTS: Record<string, LoadRequest> = {
  'actual GET': { method: 'GET', path: '/items', headers: { origin: ORIGIN }, status: 200 },
  preflight: {
    method: 'OPTIONS',
    path: '/items',
    headers: {
      origin: ORIGIN,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
    },
    status: 204,
  },
  'preflight, hostile 15 kB header': {
    method: 'OPTIONS',
    path: '/items',
    headers: {
      origin: ORIGIN,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,'.repeat(1150),
    },
    status: 403,
  },
};

/** The minimal hand-written snippet per target, in place of the generated one. */
function handWritten(target: ExportTarget, dir: string): void {
  const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
  switch (target) {
    case 'nginx':
      file('corsguard-http.conf', '');
      file(
        'corsguard-location.conf',
        `add_header Access-Control-Allow-Origin ${ORIGIN} always;\nadd_header Access-Control-Allow-Methods "GET, POST, PUT" always;\nadd_header Access-Control-Allow-Headers "Content-Type" always;\nadd_header Vary Origin always;\nif ($request_method = OPTIONS) { return 204; }\n`,
      );
      return;
    case 'apache':
      file(
        'corsguard.conf',
        `Header always set Access-Control-Allow-Origin "${ORIGIN}"\nHeader always set Access-Control-Allow-Methods "GET, POST, PUT"\nHeader always set Access-Control-Allow-Headers "Content-Type"\nHeader always merge Vary Origin\nRewriteEngine On\nRewriteCond %{REQUEST_METHOD} OPTIONS\nRewriteRule ^ - [R=204,L]\n`,
      );
      return;
    case 'caddy':
      file(
        'corsguard.caddy',
        `(corsguard) {\n\theader Access-Control-Allow-Origin "${ORIGIN}"\n\theader Access-Control-Allow-Methods "GET, POST, PUT"\n\theader Access-Control-Allow-Headers "Content-Type"\n\theader Vary Origin\n\t@options method OPTIONS\n\trespond @options 204\n}\n`,
      );
      return;
    case 'haproxy': {
      const config = readFileSync(join(dir, 'haproxy.cfg'), 'utf8');
      const start = config.indexOf('\n', config.indexOf('    bind ')) + 1;
      const end = config.indexOf('    default_backend');
      const rules = [
        'http-request return status 204 if METH_OPTIONS',
        `http-after-response set-header Access-Control-Allow-Origin "${ORIGIN}"`,
        'http-after-response set-header Access-Control-Allow-Methods "GET, POST, PUT"',
        'http-after-response set-header Access-Control-Allow-Headers "Content-Type"',
        'http-after-response add-header Vary Origin',
      ];
      file(
        'haproxy.cfg',
        `${config.slice(0, start)}${rules.map((line) => `    ${line}\n`).join('')}${config.slice(end)}`,
      );
      return;
    }
  }
}

function serveUpstream(): void {
  const server = createServer((incoming, response) => {
    incoming.resume();
    response
      .writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(BODY),
        vary: 'Accept-Encoding',
      })
      .end(BODY);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log(`port=${(server.address() as { port: number }).port}`));
}

/** Rounds taken together: requests over time, the median round's p99, every error. */
function combine(rounds: readonly Load[]): { perSecond: number; p99: number; errors: number } {
  const seconds = rounds.reduce((sum, r) => sum + r.requests / r.perSecond, 0);
  const p99s = rounds.map((r) => r.p99).sort((a, b) => a - b);
  return {
    perSecond: rounds.reduce((sum, r) => sum + r.requests, 0) / seconds,
    p99: p99s[Math.floor(p99s.length / 2)]!,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function front(
  target: ExportTarget,
  upstream: string,
  kind: 'generated' | 'hand-written',
): Promise<RunningFront> {
  const port = await freePort();
  const dir = exportInto(target, { upstream, cors: CORS, host: '127.0.0.1', port });
  if (kind === 'hand-written') handWritten(target, dir);
  return runFront(target, dir, port);
}

async function main(): Promise<void> {
  const upstream = await startChild(fileURLToPath(import.meta.url), ['--upstream'], 'upstream');
  try {
    console.log(`${CONNECTIONS} connections, ${SECONDS} s per row, requests per second (p99 ms)\n`);
    console.log(
      '| target | request | hand-written | generated | generated / hand-written | cost of the hostile header: hand-written, generated |',
    );
    console.log('|---|---|---:|---:|---:|---:|');
    const targets = (process.env.BENCH_TARGETS?.split(',') ?? [
      'nginx',
      'apache',
      'caddy',
      'haproxy',
    ]) as ExportTarget[];
    for (const target of targets) {
      if (!existsSync(BINARIES[target])) {
        console.log(`| ${target} | (not installed: scripts/install-front-servers.sh) | | | | |`);
        continue;
      }
      const fronts = {
        'hand-written': await front(target, upstream.url, 'hand-written'),
        generated: await front(target, upstream.url, 'generated'),
      };
      try {
        const results: Record<string, Record<string, { perSecond: number; p99: number; errors: number }>> = {};
        for (const [name, request] of Object.entries(REQUESTS)) {
          results[name] = {};
          const expected = (kind: string) =>
            kind === 'hand-written' && request.method === 'OPTIONS' ? { ...request, status: 204 } : request;
          for (const [kind, running] of Object.entries(fronts))
            await load(running.url, expected(kind), 0.5, CONNECTIONS);
          // Short rounds, alternating the two configurations, so that load from elsewhere on the
          // machine falls on both alike.
          const rounds: Record<string, Load[]> = { 'hand-written': [], generated: [] };
          for (let round = 0; round < ROUNDS; round++) {
            for (const [kind, running] of Object.entries(fronts))
              rounds[kind]!.push(await load(running.url, expected(kind), SECONDS / ROUNDS, CONNECTIONS));
          }
          for (const [kind, list] of Object.entries(rounds)) results[name]![kind] = combine(list);
        }
        const cell = (r?: { perSecond: number; p99: number; errors: number }) =>
          r ? `${r.perSecond.toFixed(0)} (${r.p99.toFixed(1)})${r.errors ? ` ${r.errors} errors` : ''}` : '—';
        for (const [name, byKind] of Object.entries(results)) {
          const hand = byKind['hand-written'];
          const generated = byKind.generated!;
          const ratio = hand ? `${((generated.perSecond / hand.perSecond) * 100).toFixed(0)} %` : '—';
          const cost = (kind: string) => (results.preflight![kind]!.perSecond / byKind[kind]!.perSecond).toFixed(2);
          const hostile = name.includes('hostile') ? `${cost('hand-written')}×, ${cost('generated')}×` : '';
          console.log(`| ${target} | ${name} | ${cell(hand)} | ${cell(generated)} | ${ratio} | ${hostile} |`);
        }
      } finally {
        for (const running of Object.values(fronts)) await running.close();
      }
    }
  } finally {
    upstream.process.kill('SIGTERM');
  }
}

if (process.argv.includes('--upstream')) serveUpstream();
else await main();
