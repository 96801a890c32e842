// Overhead of corsguard vs each framework's usual CORS plugin, over the bare framework, same policy,
// same run: Fastify (@fastify/cors), Koa (@koa/cors), Hono (hono/cors). In process, no sockets.
// Koa and Hono: the middleware itself on the framework's real context object, against a pass-through
// middleware (precise). Fastify: whole requests through inject(), against the app without a plugin
// (light-my-request costs tens of µs, so these overheads carry more noise).
// Run with `npm run bench:frameworks` (builds first).
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { cpus } from 'node:os';
import fastifyCors from '@fastify/cors';
import koaCors from '@koa/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { Context, type MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import Koa from 'koa';
import { cors as corsguardFastify } from 'corsguard/fastify';
import { cors as corsguardHono } from 'corsguard/hono';
import { cors as corsguardKoa } from 'corsguard/koa';

const APP = 'https://app.example.com';
const ORIGINS = [APP, 'https://admin.example.com', 'https://docs.example.com'];
const METHODS = ['PUT', 'DELETE'];
const HEADERS = ['Content-Type', 'X-Api-Key', 'Authorization'];
const EXPOSED = ['X-Request-Id'];
const policy = { origin: ORIGINS, credentials: true, methods: METHODS, allowedHeaders: HEADERS, exposedHeaders: EXPOSED, maxAge: 600 };

interface Scenario {
  name: string;
  method: string;
  headers: Record<string, string>;
  /** Expected Access-Control-Allow-Origin, checked for every variant before timing. */
  acao: string | undefined;
}

const scenarios: Scenario[] = [
  { name: 'preflight', method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type,x-api-key' }, acao: APP },
  { name: 'allowed actual', method: 'GET', headers: { origin: APP }, acao: APP },
  { name: 'disallowed origin', method: 'GET', headers: { origin: 'https://evil.example.net' }, acao: undefined },
];

type Send = (scenario: Scenario) => Promise<string | undefined>;

// ---- Fastify ----
async function fastifyApp(register?: (app: FastifyInstance) => Promise<void>): Promise<Send> {
  const app = Fastify();
  if (register) await register(app);
  app.all('/resource', async () => ({ ok: true }));
  await app.ready();
  return async (s) => {
    const response = await app.inject({ method: s.method as 'GET', url: '/resource', headers: s.headers });
    return response.headers['access-control-allow-origin'] as string | undefined;
  };
}

// ---- Koa: the middleware on a real Koa context (app.createContext) over node:http objects ----
const socket = new Socket();
function koaApp(middleware?: Koa.Middleware): Send {
  const app = new Koa();
  const run: Koa.Middleware = middleware ?? ((_ctx, next) => next());
  const handler = async (ctx: Koa.Context) => {
    ctx.body = 'ok';
  };
  const requests = new Map<Scenario, IncomingMessage>();
  return async (s) => {
    let req = requests.get(s);
    if (!req) {
      requests.set(s, (req = new IncomingMessage(socket)));
      req.method = s.method;
      req.url = '/resource';
      req.headers = { host: 'api.example.com', ...s.headers };
    }
    const ctx = app.createContext(req, new ServerResponse(req));
    await run(ctx, () => handler(ctx));
    return ctx.response.get('access-control-allow-origin') || undefined;
  };
}

// ---- Hono: the middleware on a real Hono Context ----
function honoApp(middleware?: MiddlewareHandler): Send {
  const run: MiddlewareHandler = middleware ?? (async (_c, next) => next());
  const requests = new Map<Scenario, Request>();
  return async (s) => {
    let request = requests.get(s);
    if (!request) requests.set(s, (request = new Request('http://api.example.com/resource', { method: s.method, headers: s.headers })));
    const c = new Context(request);
    const answer = await run(c, async () => {
      c.res = new Response('ok');
    });
    const response = answer instanceof Response ? answer : c.res;
    return response.headers.get('access-control-allow-origin') ?? undefined;
  };
}

const frameworks: Array<{ name: string; peer: string; variants: () => Promise<Record<'bare' | 'corsguard' | 'peer', Send>> }> = [
  {
    name: 'Fastify 5',
    peer: '@fastify/cors',
    variants: async () => ({
      bare: await fastifyApp(),
      corsguard: await fastifyApp(async (app) => void (await app.register(corsguardFastify, policy))),
      peer: await fastifyApp(async (app) => void (await app.register(fastifyCors, { ...policy, origin: ORIGINS }))),
    }),
  },
  {
    name: 'Koa 3',
    peer: '@koa/cors',
    variants: async () => ({
      bare: koaApp(),
      corsguard: koaApp(corsguardKoa(policy) as Koa.Middleware),
      peer: koaApp(
        koaCors({
          origin: (ctx) => (ORIGINS.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),
          credentials: true,
          allowMethods: ['GET', 'HEAD', 'POST', ...METHODS],
          allowHeaders: HEADERS,
          exposeHeaders: EXPOSED,
          maxAge: 600,
        }),
      ),
    }),
  },
  {
    name: 'Hono 4',
    peer: 'hono/cors',
    variants: async () => ({
      bare: honoApp(),
      corsguard: honoApp(corsguardHono(policy)),
      peer: honoApp(honoCors({ origin: ORIGINS, credentials: true, allowMethods: ['GET', 'HEAD', 'POST', ...METHODS], allowHeaders: HEADERS, exposeHeaders: EXPOSED, maxAge: 600 })),
    }),
  },
];

async function time(send: Send, scenario: Scenario, iterations: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await send(scenario);
  return Number(process.hrtime.bigint() - start) / iterations;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const lines: string[] = [];

const only = process.env.BENCH_ONLY?.toLowerCase();
for (const framework of frameworks.filter((f) => !only || f.name.toLowerCase().includes(only))) {
  const variants = await framework.variants();
  for (const scenario of scenarios) {
    const acao = await variants.corsguard(scenario);
    if (acao !== scenario.acao) throw new Error(`corsguard on ${framework.name} is wrong for ${scenario.name}: ACAO ${acao}`);
    // light-my-request keeps ~10 kB per injected request alive (bare Fastify too): keep Fastify's count modest.
    const iterations = framework.name.startsWith('Fastify') ? 2_000 : 20_000;
    const entries = Object.entries(variants);
    const samples: Record<string, number[]> = { bare: [], corsguard: [], peer: [] };
    for (const [, send] of entries) await time(send, scenario, iterations);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < entries.length; k++) {
        const [name, send] = entries[(round + k) % entries.length]!;
        samples[name]!.push(await time(send, scenario, iterations));
      }
    }
    const bare = median(samples.bare!);
    const ours = median(samples.corsguard!) - bare;
    const peer = median(samples.peer!) - bare;
    lines.push(
      `| ${framework.name} | ${scenario.name} | ${bare.toFixed(0)} | ${ours.toFixed(0)} | ${peer.toFixed(0)} (${framework.peer}) | ${peer > 0 ? (ours / peer).toFixed(2) + '×' : 'n/a'} |`,
    );
  }
}

console.log(`framework benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`);
console.log('ns per request; overhead = variant − bare framework (median of rounds).\n');
console.log('| framework | scenario | bare | corsguard overhead | peer overhead | corsguard / peer |');
console.log('|---|---|---|---|---|---|');
for (const line of lines) console.log(line);
