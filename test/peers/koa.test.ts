// corsguard/koa's default export speaks @koa/cors: each row is a behaviour @koa/cors's suite asserts,
// sent over a real socket to Koa with corsguard's default export, and the same request to Koa with
// the real @koa/cors. `peer: 'same'` says the peer answers the same; otherwise the row gives the
// peer's answer, and the README's migration table the reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Koa from 'koa';
import peerCors from '@koa/cors';
import corsguard from '../../src/adapters/koa.ts';
import { CorsConfigError } from '../../src/core/errors.ts';
import { actual, APP, check, OTHER, preflight, send, type Expected, type Sent } from './http.ts';

type Factory = (options?: unknown) => Koa.Middleware;

interface Row {
  readonly rule: string;
  readonly options?: object;
  readonly sent: Sent;
  readonly expect: Expected;
  readonly peer: 'same' | Expected;
}

const HANDLER = { status: 200, body: 'handler' };

function app(middleware: Koa.Middleware): ReturnType<Koa['callback']> {
  const application = new Koa();
  application.silent = true;
  application.use(middleware);
  application.use((ctx) => {
    if (ctx.path === '/boom') throw Object.assign(new Error('boom'), { status: 500 });
    ctx.body = 'handler';
  });
  return application.callback();
}

const fromContext = (ctx: Koa.Context) => (ctx.get('origin') === APP ? APP : '');

const rows: Row[] = [
  {
    rule: 'cors() allows every origin with *',
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*', vary: 'Origin' } },
  },
  {
    rule: 'cors() answers a preflight 204 with its default methods covering PUT',
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT' } },
    peer: {
      status: 204,
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET,HEAD,PUT,POST,DELETE,PATCH' },
    },
  },
  {
    rule: 'an OPTIONS request without Access-Control-Request-Method reaches the next middleware',
    sent: { method: 'OPTIONS', headers: { origin: APP } },
    expect: HANDLER,
    peer: 'same',
  },
  {
    rule: 'a fixed origin string',
    options: { origin: APP },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'origin(ctx) answering the origin allows it',
    options: { origin: fromContext },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'origin(ctx) answering a falsy value sends no CORS headers',
    options: { origin: fromContext },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: 'an async origin(ctx)',
    options: { origin: async (ctx: Koa.Context) => fromContext(ctx) },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'credentials: true with a fixed origin',
    options: { origin: APP, credentials: true },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-credentials': 'true' } },
    peer: 'same',
  },
  {
    rule: 'credentials(ctx) decides per request',
    options: { origin: APP, credentials: (ctx: Koa.Context) => ctx.get('x-with-cookies') === 'yes' },
    sent: actual('GET', APP, { 'x-with-cookies': 'yes' }),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' } },
    peer: 'same',
  },
  {
    rule: 'credentials(ctx) answering false sends no Allow-Credentials',
    options: { origin: APP, credentials: async () => false },
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': undefined },
    },
    peer: 'same',
  },
  {
    rule: 'exposeHeaders as an array',
    options: { exposeHeaders: ['content-length', 'x-page'] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-expose-headers': 'content-length,x-page' } },
    peer: 'same',
  },
  {
    rule: 'allowMethods as an array',
    options: { allowMethods: ['GET', 'POST', 'PATCH'] },
    sent: preflight('PATCH'),
    expect: { status: 204, headers: { 'access-control-allow-methods': 'PATCH' } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET,POST,PATCH' } },
  },
  {
    rule: 'allowHeaders as a string',
    options: { allowHeaders: 'X-Page, Content-Type' },
    sent: preflight('PUT', { 'access-control-request-headers': 'content-type' }),
    expect: { status: 204, headers: { 'access-control-allow-headers': 'content-type' } },
    peer: { status: 204, headers: { 'access-control-allow-headers': 'X-Page, Content-Type' } },
  },
  {
    rule: 'without allowHeaders the requested headers are allowed',
    sent: preflight('PUT', { 'access-control-request-headers': 'x-page,authorization' }),
    expect: { status: 204, headers: { 'access-control-allow-headers': 'x-page,authorization' } },
    peer: 'same',
  },
  {
    rule: 'maxAge as a number',
    options: { maxAge: 3600 },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-max-age': '3600' } },
    peer: 'same',
  },
  {
    rule: 'maxAge as a string',
    options: { maxAge: '42' },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-max-age': '42' } },
    peer: 'same',
  },
  {
    rule: 'privateNetworkAccess answers Private Network Access preflights',
    options: { privateNetworkAccess: true },
    sent: preflight('PUT', { 'access-control-request-private-network': 'true' }),
    expect: { status: 204, headers: { 'access-control-allow-private-network': 'true' } },
    peer: 'same',
  },
  {
    rule: 'secureContext sets Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy',
    options: { secureContext: true },
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
    },
    peer: 'same',
  },
  {
    rule: 'the CORS headers are kept on an error response',
    options: { origin: APP },
    sent: { ...actual('GET'), path: '/boom' },
    expect: { status: 500, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'keepHeadersOnError: false is accepted (the headers are kept all the same)',
    options: { origin: APP, keepHeadersOnError: false },
    sent: { ...actual('GET'), path: '/boom' },
    expect: { status: 500, headers: { 'access-control-allow-origin': APP } },
    peer: { status: 500, headers: { 'access-control-allow-origin': undefined } },
  },
  {
    rule: 'origin: false turns CORS off',
    options: { origin: false },
    sent: preflight('PUT'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-origin': '*' } },
  },
];

const ours = corsguard as unknown as Factory;
const theirs = peerCors as unknown as Factory;

describe('corsguard/koa default export: @koa/cors behaviours over HTTP', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      assert.deepEqual(check(await send(app(ours(row.options)), row.sent), row.expect), [], 'corsguard');
      assert.deepEqual(
        check(await send(app(theirs(row.options)), row.sent), row.peer === 'same' ? row.expect : row.peer),
        [],
        '@koa/cors',
      );
    });
  }
});

const refusals = [
  { rule: 'credentials with the default origin (@koa/cors reflected every origin)', options: { credentials: true } },
  { rule: "credentials with origin: '*' (reflected every origin)", options: { origin: '*', credentials: true } },
  { rule: 'credentials(ctx) with the default origin', options: { credentials: () => true } },
];

describe('corsguard/koa default export: refused at start-up', () => {
  for (const row of refusals) {
    test(row.rule, () => {
      assert.throws(
        () => ours(row.options),
        (error: unknown) => {
          assert.ok(error instanceof CorsConfigError);
          assert.deepEqual(
            error.issues.map(({ code, path }) => ({ code, path })),
            [{ code: 'origin-reflect-all', path: 'origin' }],
          );
          assert.ok(error.issues[0]?.message.includes('@koa/cors'));
          return true;
        },
      );
    });
  }
});
