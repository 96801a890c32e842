// Overhead of corsguard vs each framework's usual CORS plugin, over the bare framework, same policy,
// same run: Fastify (@fastify/cors), Koa (@koa/cors), Hono (hono/cors). In process, no sockets.
// Koa and Hono: the middleware itself on the framework's real context object, against a pass-through
// middleware. Fastify: the plugin's onRequest hook against a hook that only calls done().
// Run with `npm run bench:frameworks` (builds first).
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { cpus } from 'node:os';
import fastifyCors from '@fastify/cors';
import koaCors from '@koa/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Context, type MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import Koa from 'koa';
import { cors as corsguardFastify } from 'corsguard/fastify';
import { cors as corsguardHono } from 'corsguard/hono';
import { cors as corsguardKoa } from 'corsguard/koa';

const socket = new Socket();
const APP = 'https://app.example.com';
const ORIGINS = [APP, 'https://admin.example.com', 'https://docs.example.com'];
const METHODS = ['PUT', 'DELETE'];
const HEADERS = ['Content-Type', 'X-Api-Key', 'Authorization'];
const EXPOSED = ['X-Request-Id'];
const policy = {
  origin: ORIGINS,
  credentials: true,
  methods: METHODS,
  allowedHeaders: HEADERS,
  exposedHeaders: EXPOSED,
  maxAge: 600,
};

interface Scenario {
  name: string;
  method: string;
  headers: Record<string, string>;
  /** Expected Access-Control-Allow-Origin, checked for every variant before timing. */
  acao: string | undefined;
}

const scenarios: Scenario[] = [
  {
    name: 'preflight',
    method: 'OPTIONS',
    headers: {
      origin: APP,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-api-key',
    },
    acao: APP,
  },
  { name: 'allowed actual', method: 'GET', headers: { origin: APP }, acao: APP },
  { name: 'disallowed origin', method: 'GET', headers: { origin: 'https://evil.example.net' }, acao: undefined },
];

type Send = (scenario: Scenario) => Promise<string | undefined>;

// ---- Fastify ----
// The plugin's onRequest hook itself, called many times: actual requests on a real
// FastifyRequest/FastifyReply pair captured from one injected request; preflights (which end the
// reply) on a fresh reply object with Fastify's header API. Same calls for both plugins.
type Hook = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void;

async function fastifyApp(register?: (app: FastifyInstance) => Promise<void>): Promise<Send> {
  const app = Fastify();
  let hook: Hook = (_request, _reply, done) => done();
  if (register) {
    const addHook = app.addHook.bind(app);
    (app as unknown as { addHook: unknown }).addHook = (name: string, fn: Hook) => {
      if (name === 'onRequest') hook = fn;
      return addHook(name as 'onRequest', fn);
    };
    await register(app);
  }
  const captured = new Map<string, { request: FastifyRequest; reply: FastifyReply }>();
  app.all('/resource', async (request, reply) => {
    captured.set(request.headers['x-scenario'] as string, { request, reply });
    return { ok: true };
  });
  await app.ready();
  const done = () => {};
  return async (s) => {
    if (s.method === 'OPTIONS') {
      // A preflight ends the reply, so each call gets a fresh reply with Fastify's header API.
      const reply = new PreflightReply();
      hook(preflightRequest(s), reply as unknown as FastifyReply, done);
      return reply.headers['access-control-allow-origin'];
    }
    let pair = captured.get(s.name);
    if (!pair) {
      await app.inject({
        method: s.method as 'GET',
        url: '/resource',
        headers: { ...s.headers, 'x-scenario': s.name },
      });
      pair = captured.get(s.name)!;
    }
    hook(pair.request, pair.reply, done);
    const acao = pair.reply.getHeader('access-control-allow-origin');
    // Start every call from an empty Vary, as a fresh request would (an assignment, not a delete,
    // which would turn the reply's header map into a slow dictionary for every contender).
    pair.reply.header('vary', '');
    return acao === undefined ? undefined : String(acao);
  };
}

/** The parts of FastifyReply a CORS plugin touches when it answers a preflight. */
class PreflightReply {
  headers: Record<string, string> = {};
  statusCode = 200;
  sent = false;
  header(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  getHeader(name: string) {
    return this.headers[name.toLowerCase()];
  }
  hasHeader(name: string) {
    return name.toLowerCase() in this.headers;
  }
  code(status: number) {
    this.statusCode = status;
    return this;
  }
  status(status: number) {
    return this.code(status);
  }
  send() {
    this.sent = true;
    return this;
  }
}

const preflightRequests = new Map<Scenario, FastifyRequest>();
function preflightRequest(s: Scenario): FastifyRequest {
  let request = preflightRequests.get(s);
  if (!request) {
    const raw = new IncomingMessage(socket);
    raw.method = s.method;
    raw.url = '/resource';
    raw.headers = { host: 'api.example.com', ...s.headers };
    request = {
      raw,
      method: s.method,
      url: '/resource',
      headers: raw.headers,
      routeOptions: { config: {} },
    } as unknown as FastifyRequest;
    preflightRequests.set(s, request);
  }
  return request;
}

// ---- Koa: the middleware on a real Koa context (app.createContext) over node:http objects ----
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
    const res = new ServerResponse(req);
    const ctx = app.createContext(req, res);
    await run(ctx, () => handler(ctx));
    return verifying ? writtenHeader(res, 'access-control-allow-origin') : undefined;
  };
}

/** Only while checking answers: the timed loop must not pay for reading them back. */
let verifying = false;

/** A header as set with setHeader, or as written by writeHead (which Node does not keep as a header). */
function writtenHeader(res: ServerResponse, name: string): string | undefined {
  const set = res.getHeader(name);
  if (set !== undefined) return String(set);
  const block = (res as unknown as { _header?: string })._header ?? '';
  return new RegExp(`^${name}: (.*)$`, 'im').exec(block)?.[1]?.trim();
}

// ---- Hono: the middleware on a real Hono Context ----
function honoApp(middleware?: MiddlewareHandler): Send {
  const run: MiddlewareHandler = middleware ?? (async (_c, next) => next());
  const requests = new Map<Scenario, Request>();
  return async (s) => {
    let request = requests.get(s);
    if (!request)
      requests.set(
        s,
        (request = new Request('http://api.example.com/resource', { method: s.method, headers: s.headers })),
      );
    const c = new Context(request);
    const answer = await run(c, async () => {
      c.res = new Response('ok');
    });
    const response = answer instanceof Response ? answer : c.res;
    return response.headers.get('access-control-allow-origin') ?? undefined;
  };
}

const frameworks: Array<{
  name: string;
  peer: string;
  variants: () => Promise<Record<'bare' | 'corsguard' | 'peer', Send>>;
}> = [
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
      peer: honoApp(
        honoCors({
          origin: ORIGINS,
          credentials: true,
          allowMethods: ['GET', 'HEAD', 'POST', ...METHODS],
          allowHeaders: HEADERS,
          exposeHeaders: EXPOSED,
          maxAge: 600,
        }),
      ),
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
    verifying = true;
    const acao = await variants.corsguard(scenario);
    if (acao !== scenario.acao)
      throw new Error(`corsguard on ${framework.name} is wrong for ${scenario.name}: ACAO ${acao}`);
    // The peer must really do its work too (hono/cors answers a disallowed origin with its first
    // allowed origin, so only allowed scenarios are checked for peers).
    const peerAcao = await variants.peer(scenario);
    if (scenario.acao !== undefined && peerAcao !== scenario.acao)
      throw new Error(`${framework.peer} is wrong for ${scenario.name}: ACAO ${peerAcao}`);
    verifying = false;
    // light-my-request keeps ~10 kB per injected request alive (bare Fastify too): keep Fastify's count modest.
    const iterations = 20_000;
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
      `| ${framework.name} | ${scenario.name} | ${bare.toFixed(0)} | ${ours.toFixed(0)} | ${peer.toFixed(0)} (${framework.peer}) | ${peer > 0 ? `${(ours / peer).toFixed(2)}×` : 'n/a'} |`,
    );
  }
}

console.log(
  `framework benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`,
);
console.log('ns per request; overhead = variant − bare framework (median of rounds).\n');
console.log('| framework | scenario | bare | corsguard overhead | peer overhead | corsguard / peer |');
console.log('|---|---|---|---|---|---|');
for (const line of lines) console.log(line);
