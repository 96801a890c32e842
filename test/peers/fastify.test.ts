// corsguard/fastify's default export speaks @fastify/cors: each row is a behaviour @fastify/cors's
// own suite asserts, sent over a real socket to Fastify with corsguard's default export registered,
// and the same request to Fastify with the real @fastify/cors. `peer: 'same'` says the peer answers
// the same; otherwise the row gives the peer's answer, and the README's migration table the reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import peerCors from '@fastify/cors';
import corsguard from '../../src/adapters/fastify.ts';
import { CorsConfigError } from '../../src/core/errors.ts';
import { actual, APP, check, OTHER, preflight, sendTo, type Expected, type Sent } from './http.ts';

type Plugin = typeof peerCors;

interface Row {
  readonly rule: string;
  /** Register options; a function is handed to register as is (Fastify calls it with the instance). */
  readonly options?: unknown;
  /** Route config of GET /items. */
  readonly config?: object;
  readonly sent: Sent;
  readonly expect: Expected;
  readonly peer: 'same' | Expected;
}

const OK = { status: 200, body: 'ok' };

async function serve(plugin: Plugin, row: Row): Promise<{ url: string; close(): Promise<void> }> {
  const app: FastifyInstance = Fastify();
  await app.register(plugin, row.options as never);
  app.get('/items', { config: row.config ?? {} }, async () => 'ok');
  app.get('/open', { config: { cors: false } }, async () => 'ok');
  app.options('/answered', async () => 'answered');
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

async function answer(plugin: Plugin, row: Row) {
  const server = await serve(plugin, row);
  try {
    return await sendTo(server.url, row.sent);
  } finally {
    await server.close();
  }
}

const origin = (decide: (origin: string) => unknown) =>
  function (this: unknown, requestOrigin: string, callback: (error: Error | null, allow?: unknown) => void) {
    const answer = decide(requestOrigin);
    if (answer instanceof Error) callback(answer);
    else callback(null, answer);
  };

let seenThis: unknown;

const rows: Row[] = [
  {
    rule: 'register(cors) allows every origin with *',
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'custom values on a preflight (origin, methods, credentials, exposed and allowed headers, maxAge)',
    options: {
      origin: APP,
      methods: 'PUT',
      credentials: true,
      exposedHeaders: ['foo', 'bar'],
      allowedHeaders: ['baz', 'woo'],
      maxAge: 123,
    },
    sent: preflight('PUT', { 'access-control-request-headers': 'baz' }),
    expect: {
      status: 204,
      body: '',
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
        'access-control-allow-headers': 'baz',
        'access-control-max-age': '123',
      },
    },
    peer: {
      status: 204,
      body: '',
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-headers': 'baz, woo',
        'access-control-max-age': '123',
      },
    },
  },
  {
    rule: 'custom values on an actual request (origin, credentials, exposed headers, Vary: Origin)',
    options: { origin: APP, methods: 'PUT', credentials: true, exposedHeaders: ['foo', 'bar'] },
    sent: actual('GET'),
    expect: {
      ...OK,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'foo, bar',
        vary: 'Origin',
      },
    },
    // @fastify/cors sends no Vary for a fixed origin string.
    peer: {
      ...OK,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'foo, bar',
        vary: undefined,
      },
    },
  },
  {
    rule: 'register(cors, () => delegator) with a callback delegator',
    options: () => (_request: unknown, callback: (error: null, options: object) => void) =>
      callback(null, { origin: APP, maxAge: 321 }),
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP, 'access-control-max-age': '321' } },
    peer: 'same',
  },
  {
    rule: 'a delegator returning a promise of the options',
    options: { delegator: async () => ({ origin: APP, exposedHeaders: 'zoo, bar' }) },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, 'access-control-expose-headers': 'zoo, bar' } },
    peer: 'same',
  },
  {
    rule: 'a delegator passing an error fails the request',
    options: () => (_request: unknown, callback: (error: Error) => void) => callback(new Error('ouch')),
    sent: actual('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: 'a delegator that neither takes a callback nor returns a promise fails the request',
    options: () => (_a: unknown, _b: unknown, _c: unknown) => undefined,
    sent: actual('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: 'an origin function is called with the Fastify instance as this',
    options: {
      origin(this: unknown, requestOrigin: string, callback: (error: null, allow: boolean) => void) {
        seenThis = this;
        callback(null, requestOrigin === APP);
      },
    },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'an origin function answering false sends no Allow-Origin',
    options: { origin: origin(() => false) },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': undefined, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'an origin function passing an error fails the request',
    options: { origin: origin(() => new Error('ouch')) },
    sent: actual('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: 'an origin function answering undefined fails the request',
    options: { origin: origin(() => undefined) },
    sent: actual('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: 'an async origin function resolving true',
    options: { origin: async (requestOrigin: string) => requestOrigin === APP },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'an async origin function resolving false',
    options: { origin: async () => false },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: 'an async origin function rejecting fails the request',
    options: { origin: async () => Promise.reject(new Error('ouch')) },
    sent: actual('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: 'origin: false leaves preflights to the routes (404 here) without CORS headers',
    options: { origin: false, credentials: true, maxAge: 123 },
    sent: preflight('PUT'),
    expect: { status: 404, headers: { 'access-control-allow-origin': undefined, 'access-control-max-age': undefined } },
    peer: 'same',
  },
  {
    rule: 'origin: false sends no CORS headers on actual requests',
    options: { origin: false },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: 'a fixed origin is not sent to another origin',
    options: { origin: APP },
    sent: actual('GET', OTHER),
    expect: { ...OK, headers: { 'access-control-allow-origin': undefined } },
    peer: { ...OK, headers: { 'access-control-allow-origin': APP } },
  },
  {
    rule: 'a list of origins allows each of them',
    options: { origin: ['https://other.io', APP] },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'a list of origins refuses the others',
    options: { origin: ['https://other.io', APP] },
    sent: actual('GET', OTHER),
    expect: { ...OK, headers: { 'access-control-allow-origin': undefined, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'an anchored RegExp',
    options: { origin: /^https:\/\/(app|other)\.example\.com$/ },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: "origin: ['*'] allows every origin with *",
    options: { origin: ['*'] },
    sent: actual('GET', OTHER),
    expect: { ...OK, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'preflight: false passes preflights to the routes with the CORS headers set',
    options: { preflight: false },
    sent: { ...preflight('POST'), path: '/hello' },
    expect: { status: 404, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'preflight: false still adds the headers to actual requests',
    options: { preflight: false },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'an OPTIONS request without Access-Control-Request-Method is no preflight',
    sent: { method: 'OPTIONS', headers: { origin: APP } },
    expect: { status: 404 },
    peer: { status: 400, body: 'Invalid Preflight Request' },
  },
  {
    rule: 'strictPreflight: false is accepted',
    options: { strictPreflight: false, hideOptionsRoute: false, logLevel: 'silent' },
    sent: preflight('POST'),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'the default methods are GET, HEAD and POST: a PUT preflight is refused',
    sent: preflight('PUT'),
    expect: { status: 403, headers: { 'access-control-allow-origin': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET,HEAD,POST' } },
  },
  {
    rule: 'hook: preHandler is accepted and the headers are set',
    options: { hook: 'preHandler' },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'cacheControl as a number is max-age on preflights',
    options: { cacheControl: 300 },
    sent: preflight('POST'),
    expect: { status: 204, headers: { 'cache-control': 'max-age=300' } },
    peer: 'same',
  },
  {
    rule: 'cacheControl as a string is sent as written',
    options: { cacheControl: 'public, max-age=60' },
    sent: preflight('POST'),
    expect: { status: 204, headers: { 'cache-control': 'public, max-age=60' } },
    peer: 'same',
  },
  {
    rule: 'a route with config.cors: false gets no CORS headers',
    sent: { ...actual('GET'), path: '/open' },
    expect: { ...OK, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: "a route's config.cors overrides the plugin's options",
    options: { origin: 'https://other.io' },
    config: { cors: { origin: APP, exposedHeaders: 'x-page' } },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, 'access-control-expose-headers': 'x-page' } },
    peer: 'same',
  },
  {
    rule: 'preflightContinue hands the preflight to your OPTIONS route with the headers set',
    options: { preflightContinue: true },
    sent: { ...preflight('GET'), path: '/answered' },
    expect: { status: 200, body: 'answered', headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'preflightContinue answers a preflight no route takes with an empty 200',
    options: { preflightContinue: true },
    sent: { ...preflight('GET'), path: '/doesnotexist' },
    expect: { status: 200, body: '', headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'preflightContinue leaves other OPTIONS requests to Fastify (404 here)',
    options: { preflightContinue: true },
    sent: { method: 'OPTIONS', headers: { origin: APP }, path: '/doesnotexist' },
    expect: { status: 404 },
    peer: { status: 400, body: 'Invalid Preflight Request' },
  },
  {
    rule: 'maxAge as a numeric string',
    options: { maxAge: '600' },
    sent: preflight('POST'),
    expect: { status: 204, headers: { 'access-control-max-age': '600' } },
    peer: 'same',
  },
];

const ours = corsguard as unknown as Plugin;

describe('corsguard/fastify default export: @fastify/cors behaviours over HTTP', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      seenThis = undefined;
      assert.deepEqual(check(await answer(ours, row), row.expect), [], 'corsguard');
      if (row.rule.includes('as this'))
        assert.ok(seenThis !== undefined && typeof (seenThis as FastifyInstance).register === 'function');
      assert.deepEqual(
        check(await answer(peerCors, row), row.peer === 'same' ? row.expect : row.peer),
        [],
        '@fastify/cors',
      );
    });
  }
});

const refusals = [
  {
    rule: 'origin: true with credentials',
    options: { origin: true, credentials: true },
    code: 'origin-reflect-all',
    path: 'origin',
  },
  {
    rule: 'an empty origin (the peer failed every request with 500)',
    options: { origin: '' },
    code: 'origin-empty',
    path: 'origin',
  },
  {
    rule: "an unanchored RegExp (the peer suite's /^(example|other)\\.com/)",
    options: { origin: /^https:\/\/(example|other)\.com/ },
    code: 'origin-regexp-unanchored',
    path: 'origin',
  },
  { rule: 'a hook @fastify/cors does not know', options: { hook: 'onSend' }, code: 'option-not-offered', path: 'hook' },
  {
    rule: 'a route config.cors reflecting any origin with credentials, when the route is added',
    options: {},
    route: { origin: true, credentials: true },
    code: 'origin-reflect-all',
    path: 'origin',
  },
];

describe('corsguard/fastify default export: refused at start-up', () => {
  for (const row of refusals) {
    test(row.rule, async () => {
      const app = Fastify();
      try {
        await assert.rejects(
          async () => {
            await app.register(ours, row.options as never);
            if (row.route) app.get('/items', { config: { cors: row.route } }, async () => 'ok');
            await app.ready();
          },
          (error: unknown) => {
            assert.ok(error instanceof CorsConfigError);
            assert.deepEqual(
              error.issues.map(({ code, path }) => ({ code, path })),
              [{ code: row.code, path: row.path }],
            );
            return true;
          },
        );
      } finally {
        await app.close().catch(() => {});
      }
    });
  }
});

describe('corsguard/fastify default export: reconfigure', () => {
  test('takes @fastify/cors options and keeps the old ones on bad input', async () => {
    const app = Fastify();
    await app.register(ours, { origin: APP } as never);
    app.get('/items', async () => 'ok');
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      assert.throws(() => app.corsguard.reconfigure({ origin: true, credentials: true } as never), CorsConfigError);
      assert.equal((await sendTo(url, actual('GET'))).headers['access-control-allow-origin'], APP);
      app.corsguard.reconfigure({ origin: false } as never);
      assert.equal((await sendTo(url, actual('GET'))).headers['access-control-allow-origin'], undefined);
    } finally {
      await app.close();
    }
  });
});
