// corsguard/node vs expressjs/cors vs a hand-written middleware, in one process, on real
// node:http IncomingMessage / ServerResponse objects. Run with `npm run bench` (builds first).
// Prints ns/op (gross, and net of the fixture: creating the ServerResponse) and the ratios.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { cpus } from 'node:os';
import expressCors from 'cors';
import { cors as corsguard } from 'corsguard/node';
import { handWritten } from './hand-written.ts';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const THREE = ['https://app.example.com', 'https://admin.example.com', 'https://docs.example.com'];
const THOUSAND = Array.from({ length: 1000 }, (_, i) => `https://tenant${i}.example.com`);

function policy(origins: string[]) {
  return {
    origin: origins,
    credentials: true,
    methods: ['PUT', 'DELETE'],
    allowedHeaders: ['Content-Type', 'X-Api-Key', 'Authorization'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  };
}

function contenders(origins: string[]): Record<string, Middleware> {
  return {
    corsguard: corsguard(policy(origins)) as Middleware,
    'expressjs/cors': expressCors(policy(origins)) as unknown as Middleware,
    'hand-written': handWritten(policy(origins)),
  };
}

interface Scenario {
  name: string;
  origins: string[];
  method: string;
  headers: Record<string, string>;
  /** What a correct answer looks like, checked for every contender before timing. */
  expect: { status?: number; acao: string | undefined };
}

const APP = THREE[0]!;
const scenarios: Scenario[] = [
  {
    name: 'preflight',
    origins: THREE,
    method: 'OPTIONS',
    headers: {
      origin: APP,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-api-key',
    },
    expect: { status: 204, acao: APP },
  },
  { name: 'allowed actual', origins: THREE, method: 'GET', headers: { origin: APP }, expect: { acao: APP } },
  {
    name: 'disallowed origin',
    origins: THREE,
    method: 'GET',
    headers: { origin: 'https://evil.example.net' },
    expect: { acao: undefined },
  },
  { name: 'no Origin', origins: THREE, method: 'GET', headers: {}, expect: { acao: undefined } },
  {
    name: '1,000 origins, allowed actual',
    origins: THOUSAND,
    method: 'GET',
    headers: { origin: THOUSAND[777]! },
    expect: { acao: THOUSAND[777]! },
  },
  {
    name: 'ACRH of 15,000 commas',
    origins: THREE,
    method: 'OPTIONS',
    headers: {
      origin: APP,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': ','.repeat(15_000),
    },
    expect: { acao: undefined },
  },
];

const socket = new Socket();
function makeRequest(method: string, headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(socket);
  req.method = method;
  req.url = '/resource';
  req.headers = { host: 'api.example.com', ...headers };
  return req;
}

function observe(res: ServerResponse): { status: number; acao: string | undefined } {
  const raw = (res as unknown as { _header?: string | null })._header;
  if (raw) {
    const match = /\r\naccess-control-allow-origin: ([^\r]*)/i.exec(raw);
    return { status: res.statusCode, acao: match?.[1] };
  }
  const acao = res.getHeader('access-control-allow-origin');
  return { status: res.statusCode, acao: acao === undefined ? undefined : String(acao) };
}

function verify(scenario: Scenario, name: string, middleware: Middleware): void {
  const req = makeRequest(scenario.method, scenario.headers);
  const res = new ServerResponse(req);
  let nextCalled = false;
  middleware(req, res, () => (nextCalled = true));
  const seen = observe(res);
  const ok =
    seen.acao === scenario.expect.acao &&
    (scenario.expect.status === undefined || (seen.status === scenario.expect.status && !nextCalled));
  // expressjs/cors and the hand-written middleware do not check preflights (node-peers.md): they
  // answer the comma attack with their lists. Only corsguard is required to refuse it.
  if (!ok && !(scenario.name.startsWith('ACRH') && name !== 'corsguard')) {
    throw new Error(`${name} is wrong for "${scenario.name}": ${JSON.stringify(seen)} (next ${nextCalled})`);
  }
}

const noop = () => {};
function time(fn: () => void, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const results: Array<{ scenario: string; contender: string; gross: number; net: number }> = [];

for (const scenario of scenarios) {
  const all = contenders(scenario.origins);
  for (const [name, middleware] of Object.entries(all)) verify(scenario, name, middleware);
  const req = makeRequest(scenario.method, scenario.headers);
  const iterations = scenario.name.startsWith('ACRH') ? 2_000 : 50_000;
  const runs: Record<string, () => void> = {
    fixture: () => void new ServerResponse(req),
    ...Object.fromEntries(
      Object.entries(all).map(([name, middleware]) => [name, () => middleware(req, new ServerResponse(req), noop)]),
    ),
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (const run of Object.values(runs)) time(run, iterations); // warm-up
  const entries = Object.entries(runs);
  for (let round = 0; round < ROUNDS; round++) {
    // Interleave contenders in every round, rotating who goes first, so that machine noise and
    // garbage collection hit all of them alike.
    for (let k = 0; k < entries.length; k++) {
      const [name, run] = entries[(round + k) % entries.length]!;
      samples[name]!.push(time(run, iterations));
    }
  }
  const fixture = median(samples.fixture!);
  for (const name of Object.keys(all)) {
    const gross = median(samples[name]!);
    results.push({ scenario: scenario.name, contender: name, gross, net: Math.max(gross - fixture, 0) });
  }
}

const get = (scenario: string, contender: string) =>
  results.find((r) => r.scenario === scenario && r.contender === contender)!;
const fmt = (n: number) => n.toFixed(0).padStart(6);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

console.log(
  `corsguard/node benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`,
);
console.log('ns/op net of the fixture (gross in parentheses); ratios use net times.\n');
console.log('| scenario | corsguard | expressjs/cors | hand-written | vs hand-written | vs expressjs/cors |');
console.log('|---|---|---|---|---|---|');
for (const scenario of scenarios) {
  const g = get(scenario.name, 'corsguard');
  const c = get(scenario.name, 'expressjs/cors');
  const h = get(scenario.name, 'hand-written');
  const cell = (r: typeof g) => `${fmt(r.net)} (${fmt(r.gross).trim()})`;
  console.log(
    `| ${scenario.name} | ${cell(g)} | ${cell(c)} | ${cell(h)} | ${ratio(g.net, h.net)} | ${ratio(g.net, c.net)} |`,
  );
}
const three = get('allowed actual', 'corsguard').net;
const thousand = get('1,000 origins, allowed actual', 'corsguard').net;
const attack = get('ACRH of 15,000 commas', 'corsguard').gross;
console.log(`\n1,000 origins vs 3 origins (corsguard, allowed actual): ${ratio(thousand, three)}`);
console.log(`ACRH of 15,000 commas (corsguard, gross): ${(attack / 1e6).toFixed(4)} ms per request`);
