// corsguard/fastify's default export speaks @fastify/cors: each row is a behaviour @fastify/cors's
// own suite asserts, sent over a real socket to Fastify with corsguard's default export registered,
// and the same request to Fastify with the real @fastify/cors. `peer: 'same'` says the peer answers
// the same; otherwise the row gives the peer's answer, and the README's migration table the reason.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
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
  /** Register the plugin inside a scope with this prefix (its routes stay at the root). */
  readonly prefix?: string;
  /** A Vary value set by an onRequest hook registered before the plugin. */
  readonly vary?: string;
  /** How many times the request is sent to the same server (each answer is checked). */
  readonly times?: number;
  readonly sent: Sent;
  readonly expect: Expected;
  readonly peer: 'same' | Expected;
  /** Checks what the row's functions recorded in `seen` (emptied before each side). */
  readonly seen?: (seen: unknown[]) => void;
}

const OK = { status: 200, body: 'ok' };
/** An allowed credentialed request that exposes foo and bar. */
const CREDENTIALED_FOO_BAR = {
  'access-control-allow-origin': APP,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'foo, bar',
  vary: 'Origin',
};

async function serve(plugin: Plugin, row: Row): Promise<{ url: string; close(): Promise<void> }> {
  const app: FastifyInstance = Fastify();
  if (row.vary !== undefined) {
    const vary = row.vary;
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('vary', vary);
    });
  }
  if (row.prefix === undefined) await app.register(plugin, row.options as never);
  else await app.register(async (scope) => scope.register(plugin, row.options as never), { prefix: row.prefix });
  app.get('/items', { config: row.config ?? {} }, async () => 'ok');
  app.get('/open', { config: { cors: false } }, async () => 'ok');
  app.get('/stream', (_request, reply) => reply.type('text/plain').send(Readable.from(['stre', 'amed'])));
  app.get('/json', async () => ({ ok: true }));
  app.options('/answered', async () => 'answered');
  app.options('/configured', { config: row.config ?? {} }, async () => 'configured');
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

async function answers(plugin: Plugin, row: Row) {
  const server = await serve(plugin, row);
  try {
    const all = [];
    for (let time = 0; time < (row.times ?? 1); time++) all.push(await sendTo(server.url, row.sent));
    return all;
  } finally {
    await server.close();
  }
}

/** What the rows' delegators and origin functions record, emptied before each side. */
const seen: unknown[] = [];
const record = (what: unknown) => {
  seen.push(what);
};

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
      headers: CREDENTIALED_FOO_BAR,
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
  // Rows for the rest of @fastify/cors's suite (cors, preflight and hooks tests).
  {
    rule: 'a streamed payload gets the CORS headers',
    sent: { ...actual('GET'), path: '/stream' },
    expect: { status: 200, body: 'streamed', headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'a callback delegator is handed the Fastify request and its options reach an actual request',
    options: () => (request: { id?: unknown; send?: unknown }, callback: (error: null, options: object) => void) => {
      record({ id: request.id, send: request.send });
      callback(null, {
        origin: APP,
        credentials: true,
        exposedHeaders: ['foo', 'bar'],
        maxAge: 123,
        cacheControl: 456,
      });
    },
    sent: actual('GET'),
    expect: {
      ...OK,
      headers: CREDENTIALED_FOO_BAR,
    },
    peer: 'same',
    seen: (calls) => {
      assert.equal(calls.length, 1);
      const [call] = calls as { id: unknown; send: unknown }[];
      assert.ok(call?.id, 'the request has an id');
      assert.equal(call?.send, undefined, 'the request is no reply');
    },
  },
  {
    rule: "a delegator's cacheControl string is sent on its preflights",
    options: () => (_request: unknown, callback: (error: null, options: object) => void) =>
      callback(null, { origin: APP, methods: 'GET', cacheControl: '456' }),
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP, 'cache-control': '456' } },
    peer: 'same',
  },
  {
    rule: "a delegator's whole-number cacheControl is max-age on its preflights",
    options: { delegator: async () => ({ origin: APP, cacheControl: 456 }) },
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP, 'cache-control': 'max-age=456' } },
    peer: 'same',
  },
  {
    rule: "a delegator's cacheControl that is neither a whole number nor a string is ignored",
    options: () => async () => ({ origin: APP, cacheControl: true }),
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP, 'cache-control': undefined } },
    peer: 'same',
  },
  {
    rule: 'an async delegator taking a callback answers through the callback',
    options: () => async (_request: unknown, callback: (error: null, options: object) => void) =>
      callback(null, { origin: APP }),
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'a delegator rejecting fails the request',
    options: () => async () => Promise.reject(new Error('ouch')),
    sent: actual('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: 'a delegator taking nothing and returning no promise fails the request',
    options: () => () => undefined,
    sent: actual('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: 'a delegator returning false (no promise) fails the preflight',
    options: { delegator: () => false },
    sent: preflight('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: 'a delegator returning false (no promise) fails the preflight with hook: preParsing',
    options: { hook: 'preParsing', delegator: () => false },
    sent: preflight('GET'),
    expect: { status: 500 },
    peer: 'same',
  },
  {
    rule: "a delegator's origin without a scheme fails that request",
    options: { delegator: async () => ({ origin: 'example.com' }) },
    sent: actual('GET'),
    expect: { status: 500 },
    peer: { ...OK, headers: { 'access-control-allow-origin': 'example.com' } },
  },
  {
    rule: 'hook: preHandler with a promise delegator',
    options: {
      hook: 'preHandler',
      delegator: async () => ({ origin: APP, credentials: true, exposedHeaders: ['foo', 'bar'] }),
    },
    sent: actual('GET'),
    expect: {
      ...OK,
      headers: CREDENTIALED_FOO_BAR,
    },
    peer: 'same',
  },
  {
    rule: 'hook: preParsing with a callback delegator answers the preflight',
    options: {
      hook: 'preParsing',
      delegator: (_request: unknown, callback: (error: null, options: object) => void) =>
        callback(null, { origin: APP, methods: 'GET', maxAge: 321 }),
    },
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP, 'access-control-max-age': '321' } },
    peer: 'same',
  },
  {
    rule: 'hook: preParsing with a promise delegator answers the preflight',
    options: { hook: 'preParsing', delegator: async () => ({ origin: APP, methods: 'GET', maxAge: 321 }) },
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP, 'access-control-max-age': '321' } },
    peer: 'same',
  },
  {
    rule: "an origin resolver answering ['*']",
    options: { origin: async () => ['*'] },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: { ...OK, headers: { 'access-control-allow-origin': '*', vary: 'Origin' } },
  },
  {
    rule: 'an anchored RegExp with the g flag answers every request the same',
    options: { origin: /^https:\/\/app\.example\.com$/giu },
    times: 2,
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: "origin: '*' allows every origin with *",
    options: { origin: '*' },
    sent: actual('GET', OTHER),
    expect: { ...OK, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'origin: true without credentials on an actual request',
    options: { origin: true },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': '*' } },
    peer: { ...OK, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
  },
  {
    rule: 'origin: true without credentials on a preflight',
    options: { origin: true },
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*' } },
    peer: {
      status: 204,
      headers: { 'access-control-allow-origin': APP, vary: 'Origin, Access-Control-Request-Headers' },
    },
  },
  {
    rule: 'an existing Vary is kept and Origin added',
    options: { origin: [APP] },
    vary: 'foo, bar',
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, vary: 'foo, bar, Origin' } },
    peer: 'same',
  },
  {
    rule: 'an existing Vary holding * is left as it is',
    options: { origin: [APP] },
    vary: '* , foo',
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': APP, vary: '* , foo' } },
    peer: { ...OK, headers: { 'access-control-allow-origin': APP, vary: '*' } },
  },
  {
    rule: 'allowedHeaders as a string on a preflight asking for no headers',
    options: { allowedHeaders: 'foo', exposedHeaders: 'bar' },
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'foo' } },
  },
  {
    rule: 'exposedHeaders as a string on an actual request',
    options: { allowedHeaders: 'foo', exposedHeaders: 'bar' },
    sent: actual('GET'),
    expect: { ...OK, headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'bar' } },
    peer: 'same',
  },
  {
    rule: 'a callback origin function is not called for a route with config.cors: false',
    options: {
      origin(_origin: string, callback: (error: Error) => void) {
        record('called');
        callback(new Error('not allowed'));
      },
    },
    sent: { ...actual('GET'), path: '/open' },
    expect: { ...OK, headers: { 'access-control-allow-origin': undefined, vary: undefined } },
    peer: 'same',
    seen: (calls) => assert.deepEqual(calls, []),
  },
  {
    rule: 'a promise origin function is not called for a route with config.cors: false',
    options: {
      origin: async () => {
        record('called');
        throw new Error('not allowed');
      },
    },
    sent: { ...actual('GET'), path: '/open' },
    expect: { ...OK, headers: { 'access-control-allow-origin': undefined, vary: undefined } },
    peer: 'same',
    seen: (calls) => assert.deepEqual(calls, []),
  },
  {
    rule: "a route's config.cors origin '*' overrides a fixed plugin origin",
    options: { origin: 'https://default.example.com' },
    config: { cors: { origin: '*' } },
    sent: actual('GET', 'https://example.com'),
    expect: { ...OK, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: "a route's config.cors cacheControl is sent on that route's preflights",
    config: { cors: { cacheControl: 'max-age=60' } },
    sent: { ...preflight('GET'), path: '/configured' },
    expect: { status: 204, headers: { 'access-control-allow-origin': '*', 'cache-control': 'max-age=60' } },
    peer: 'same',
  },
  ...(['onRequest', 'preParsing', 'preValidation', 'preHandler'] as const).map(
    (hook): Row => ({
      rule: `hook: ${hook} sets the headers on an actual request`,
      options: { hook },
      sent: actual('GET'),
      expect: { ...OK, headers: { 'access-control-allow-origin': '*', vary: undefined } },
      peer: 'same',
    }),
  ),
  {
    rule: 'hook: preSerialization sets the headers on an object payload',
    options: { hook: 'preSerialization' },
    sent: { ...actual('GET'), path: '/json' },
    expect: { status: 200, body: '{"ok":true}', headers: { 'access-control-allow-origin': '*', vary: undefined } },
    peer: 'same',
  },
  {
    rule: 'a preflight is answered with * and the requested method',
    sent: preflight('GET'),
    expect: {
      status: 204,
      body: '',
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET',
        vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    },
    peer: {
      status: 204,
      body: '',
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET,HEAD,POST',
        vary: 'Access-Control-Request-Headers',
        'content-length': '0',
      },
    },
  },
  {
    rule: 'requested headers are allowed when allowedHeaders is not set',
    sent: preflight('GET', { 'access-control-request-headers': 'x-requested-with' }),
    expect: {
      status: 204,
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'x-requested-with' },
    },
    peer: 'same',
  },
  {
    rule: 'optionsSuccessStatus is the status of answered preflights',
    options: { optionsSuccessStatus: 200 },
    sent: preflight('GET'),
    expect: { status: 200, body: '', headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'a preflight to a path no route takes is answered',
    sent: { ...preflight('GET'), path: '/hello' },
    expect: { status: 204, body: '', headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'registered under a prefix: an OPTIONS request outside it is not answered',
    prefix: '/subsystem',
    sent: { method: 'OPTIONS', headers: {}, path: '/hello' },
    expect: { status: 404, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  ...['/subsystem/hello', '/subsystem'].map(
    (path): Row => ({
      rule: `registered under the prefix /subsystem: a preflight to ${path} is answered`,
      prefix: '/subsystem',
      sent: { ...preflight('GET'), path },
      expect: { status: 204, body: '', headers: { 'access-control-allow-origin': '*' } },
      peer: 'same',
    }),
  ),
  {
    rule: 'registered under the prefix /subsystem: a preflight to /subsystemfoo, which no route of the scope declares',
    prefix: '/subsystem',
    sent: { ...preflight('GET'), path: '/subsystemfoo' },
    expect: { status: 404, headers: { 'access-control-allow-origin': undefined } },
    peer: { status: 204, body: '', headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'methods as an array on a preflight',
    options: { methods: ['GET', 'POST'] },
    sent: preflight('GET'),
    expect: { status: 204, headers: { 'access-control-allow-methods': 'GET' } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET, POST' } },
  },
  {
    rule: 'an OPTIONS request without Origin is no preflight',
    sent: { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } },
    expect: { status: 404, headers: { 'access-control-allow-methods': undefined } },
    peer: { status: 400, body: 'Invalid Preflight Request' },
  },
  {
    rule: 'strictPreflight: true: an OPTIONS request without Access-Control-Request-Method is no preflight',
    options: { strictPreflight: true },
    sent: { method: 'OPTIONS', headers: { origin: APP } },
    expect: { status: 404 },
    peer: { status: 400, body: 'Invalid Preflight Request' },
  },
  {
    rule: 'strictPreflight: false: an OPTIONS request without Origin or Access-Control-Request-Method',
    options: { strictPreflight: false },
    sent: { method: 'OPTIONS', headers: {} },
    expect: { status: 404, headers: { 'access-control-allow-methods': undefined } },
    peer: { status: 204, body: '', headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'logLevel with origin: false: preflights still reach the routes (404 here)',
    options: { origin: false, logLevel: 'silent' },
    sent: preflight('GET'),
    expect: { status: 404, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
];

const ours = corsguard as unknown as Plugin;

describe('corsguard/fastify default export: @fastify/cors behaviours over HTTP', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      seenThis = undefined;
      seen.length = 0;
      for (const answer of await answers(ours, row)) assert.deepEqual(check(answer, row.expect), [], 'corsguard');
      if (row.rule.includes('as this'))
        assert.ok(seenThis !== undefined && typeof (seenThis as FastifyInstance).register === 'function');
      row.seen?.(seen);
      seen.length = 0;
      for (const answer of await answers(peerCors, row))
        assert.deepEqual(check(answer, row.peer === 'same' ? row.expect : row.peer), [], '@fastify/cors');
      row.seen?.(seen);
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
  { rule: "the peer suite's hook: 'invalid'", options: { hook: 'invalid' }, code: 'option-not-offered', path: 'hook' },
  {
    rule: "hook: 'onSend' beside a delegator",
    options: {
      hook: 'onSend',
      delegator: (_request: unknown, callback: (e: null, o: object) => void) => callback(null, {}),
    },
    code: 'option-not-offered',
    path: 'hook',
  },
  {
    rule: "an origin without a scheme (the peer suite's 'other.io')",
    options: { origin: 'other.io' },
    code: 'origin-no-scheme',
    path: 'origin',
  },
  {
    rule: "a list holding an origin without a scheme (as the peer suite's ['other.io', 'example.com'])",
    options: { origin: ['other.io', APP] },
    code: 'origin-no-scheme',
    path: 'origin[0]',
  },
  {
    rule: "an unanchored RegExp with flags (the peer suite's /(?:example|other)\\.com\\/?$/giu)",
    options: { origin: /(?:example|other)\.com\/?$/giu },
    code: 'origin-regexp-unanchored',
    path: 'origin',
  },
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

// logLevel and hideOptionsRoute are about @fastify/cors's OPTIONS `*` route: its log level and
// whether the schema (@fastify/swagger) shows it. Compared side by side, as the rows above.
const routeCases: {
  readonly rule: string;
  readonly options: object;
  /** Whether the preflight and the GET appear in the logs; the OPTIONS `*` routes' schema.hide. */
  readonly expect: { readonly logged: { OPTIONS: boolean; GET: boolean }; readonly hide: boolean[] };
  readonly peer: 'same' | { readonly logged: { OPTIONS: boolean; GET: boolean }; readonly hide: boolean[] };
}[] = [
  {
    rule: "logLevel: 'silent' keeps preflights out of the logs",
    options: { logLevel: 'silent' },
    expect: { logged: { OPTIONS: false, GET: true }, hide: [true] },
    peer: 'same',
  },
  {
    rule: "logLevel: 'silent' with a delegator keeps preflights out of the logs",
    options: { delegator: () => Promise.resolve({ origin: '*' }), logLevel: 'silent' },
    expect: { logged: { OPTIONS: false, GET: true }, hide: [true] },
    peer: 'same',
  },
  {
    rule: 'without logLevel preflights are logged',
    options: {},
    expect: { logged: { OPTIONS: true, GET: true }, hide: [] },
    // @fastify/cors always adds the OPTIONS * route, hidden.
    peer: { logged: { OPTIONS: true, GET: true }, hide: [true] },
  },
  {
    rule: 'hideOptionsRoute: false shows the OPTIONS * route',
    options: { hideOptionsRoute: false },
    expect: { logged: { OPTIONS: true, GET: true }, hide: [false] },
    peer: 'same',
  },
  {
    rule: 'hideOptionsRoute: false with a delegator shows the OPTIONS * route',
    options: { delegator: () => Promise.resolve({ origin: '*' }), hideOptionsRoute: false },
    expect: { logged: { OPTIONS: true, GET: true }, hide: [false] },
    peer: 'same',
  },
];

async function routeFacts(plugin: Plugin, options: object) {
  const lines: { req?: { method?: string } }[] = [];
  const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } } });
  const hide: boolean[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method === 'OPTIONS' && route.url === '*') hide.push((route.schema as { hide?: boolean }).hide === true);
  });
  await app.register(plugin, options as never);
  app.get('/items', async () => 'ok');
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    assert.equal((await sendTo(url, preflight('GET'))).status, 204);
    assert.equal((await sendTo(url, actual('GET'))).status, 200);
  } finally {
    await app.close();
  }
  const logged = (method: string) => lines.some((line) => line.req?.method === method);
  return { logged: { OPTIONS: logged('OPTIONS'), GET: logged('GET') }, hide };
}

describe("corsguard/fastify default export: the OPTIONS * route's logLevel and hideOptionsRoute", () => {
  for (const row of routeCases) {
    test(row.rule, async () => {
      assert.deepEqual(await routeFacts(ours, row.options), row.expect, 'corsguard');
      assert.deepEqual(
        await routeFacts(peerCors, row.options),
        row.peer === 'same' ? row.expect : row.peer,
        '@fastify/cors',
      );
    });
  }
});
