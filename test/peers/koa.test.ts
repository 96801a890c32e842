// corsguard/koa's default export speaks @koa/cors: each row is a behaviour @koa/cors's suite asserts,
// sent over a real socket to Koa with corsguard's default export, and the same request to Koa with
// the real @koa/cors. `peer: 'same'` says the peer answers the same; otherwise the row gives the
// peer's answer, and the table in docs/guides/migrate-koa-cors.md the reason.
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
  application.use((ctx, next) => {
    // What another middleware upstream of the CORS one has set already.
    if (ctx.path === '/upstream-vary') ctx.set('Vary', 'Accept-Encoding');
    return next();
  });
  application.use(middleware);
  application.use((ctx) => {
    ctx.body = 'handler';
    const failure = FAILURES[ctx.path];
    if (failure !== undefined) failure(ctx);
  });
  return application.callback();
}

/** Downstream handlers that throw, by path: plain, after setting an unrelated header, or with `err.headers`. */
const FAILURES: Record<string, (ctx: Koa.Context) => never> = {
  '/boom': () => {
    throw Object.assign(new Error('boom'), { status: 500 });
  },
  '/boom-after-header': (ctx) => {
    ctx.set('X-Example', 'Value');
    throw new Error('boom');
  },
  '/boom-vary-accept-encoding': () => {
    throw Object.assign(new Error('boom'), { headers: { Vary: 'Accept-Encoding' } });
  },
  '/boom-vary-star': () => {
    throw Object.assign(new Error('boom'), { headers: { Vary: '*' } });
  },
  '/boom-vary-origin': () => {
    throw Object.assign(new Error('boom'), { headers: { Vary: 'Origin, Accept-Encoding' } });
  },
};

const at = (path: string, sent: Sent): Sent => ({ ...sent, path });
/** A GET without Origin: what a same-origin page, curl or a server sends. */
const withoutOrigin: Sent = { method: 'GET', headers: {} };

const fromContext = (ctx: Koa.Context) => (ctx.get('origin') === APP ? APP : '');
/** @koa/cors's README shape: the request's own Origin, or '*' when it has none. */
const reflecting = (ctx: Koa.Context) => ctx.get('origin') || '*';
/** Off (a falsy answer) on /forbin, '*' elsewhere. */
const offOnForbin = (ctx: Koa.Context) => (ctx.path === '/forbin' ? false : '*');
/** A promise settled on a later turn of the event loop. */
const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 10));
/** A thenable that is not a Promise, whose then() takes only the fulfilment callback. */
const thenable = <T>(value: T) => ({
  then(onFulfilled: (answer: T) => void) {
    Promise.resolve(value).then(onFulfilled);
  },
});
/** Credentials on everywhere but /forbin. */
const credentialsOffOnForbin = (ctx: Koa.Context) => ctx.path !== '/forbin';

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
  {
    rule: 'cors(): a request without Origin gets *',
    sent: withoutOrigin,
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: "origin: '*' sends * to every origin",
    options: { origin: '*' },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: "origin: '*': a request without Origin gets *",
    options: { origin: '*' },
    sent: withoutOrigin,
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: "origin: '*' with credentials: false sends *",
    options: { origin: '*', credentials: false },
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': undefined },
    },
    peer: 'same',
  },
  {
    rule: "origin(ctx) answering the request's Origin allows it (any origin)",
    options: { origin: reflecting },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': OTHER, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: "origin(ctx) answering '*' for a request without Origin: no CORS headers",
    options: { origin: reflecting },
    sent: withoutOrigin,
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: "origin(ctx) answering '*' lets every origin read",
    options: { origin: offOnForbin },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'origin(ctx) answering false on one path sends no CORS headers there',
    options: { origin: offOnForbin },
    sent: at('/forbin', actual('GET')),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: "origin(ctx) returning a promise settled later: '*'",
    options: { origin: (ctx: Koa.Context) => later(offOnForbin(ctx)) },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'origin(ctx) returning a promise settled later: false',
    options: { origin: (ctx: Koa.Context) => later(offOnForbin(ctx)) },
    sent: at('/forbin', actual('GET')),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: 'an async origin(ctx) answering false on one path',
    options: { origin: async (ctx: Koa.Context) => offOnForbin(ctx) },
    sent: at('/forbin', actual('GET')),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: "an async origin(ctx) answering '*'",
    options: { origin: async (ctx: Koa.Context) => offOnForbin(ctx) },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'origin(ctx) returning a thenable that is not a Promise',
    options: { origin: () => thenable('*') },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'secureContext sets COOP and COEP on a preflight too',
    options: { secureContext: true },
    sent: preflight('PUT'),
    expect: {
      status: 204,
      headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
    },
    peer: 'same',
  },
  {
    rule: 'secureContext: false sets neither COOP nor COEP',
    options: { secureContext: false },
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: {
        'access-control-allow-origin': '*',
        'cross-origin-opener-policy': undefined,
        'cross-origin-embedder-policy': undefined,
      },
    },
    peer: 'same',
  },
  {
    rule: 'exposeHeaders as a string',
    options: { exposeHeaders: 'content-length' },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-expose-headers': 'content-length' } },
    peer: 'same',
  },
  {
    rule: 'maxAge is not sent on an actual request',
    options: { maxAge: '3600' },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*', 'access-control-max-age': undefined } },
    peer: 'same',
  },
  {
    rule: 'cors() sends no Allow-Credentials on an actual request',
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-credentials': undefined } },
    peer: 'same',
  },
  {
    rule: 'cors() sends no Allow-Credentials on a preflight',
    sent: preflight('DELETE'),
    expect: { status: 204, headers: { 'access-control-allow-credentials': undefined } },
    peer: 'same',
  },
  {
    rule: 'credentials: true on a preflight',
    options: { origin: APP, credentials: true },
    sent: preflight('DELETE'),
    expect: {
      status: 204,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
    },
    peer: 'same',
  },
  {
    rule: 'credentials(ctx) answering true on a preflight',
    options: { origin: APP, credentials: credentialsOffOnForbin },
    sent: preflight('DELETE'),
    expect: {
      status: 204,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
    },
    peer: 'same',
  },
  {
    rule: 'credentials(ctx) answering false on an actual request',
    options: { origin: APP, credentials: credentialsOffOnForbin },
    sent: at('/forbin', actual('GET')),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': undefined },
    },
    peer: 'same',
  },
  {
    rule: 'credentials(ctx) answering false on a preflight',
    options: { origin: APP, credentials: credentialsOffOnForbin },
    sent: at('/forbin', preflight('DELETE')),
    expect: {
      status: 204,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': undefined },
    },
    peer: 'same',
  },
  {
    rule: 'an async credentials(ctx) on a preflight',
    options: { origin: APP, credentials: async () => true },
    sent: preflight('DELETE'),
    expect: { status: 204, headers: { 'access-control-allow-credentials': 'true' } },
    peer: 'same',
  },
  {
    rule: 'credentials(ctx) returning a thenable that is not a Promise',
    options: { origin: APP, credentials: () => thenable(true) },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-credentials': 'true' } },
    peer: 'same',
  },
  {
    rule: 'allowHeaders as an array',
    options: { allowHeaders: ['X-PINGOTHER'] },
    sent: preflight('PUT', { 'access-control-request-headers': 'x-pingother' }),
    expect: { status: 204, headers: { 'access-control-allow-headers': 'x-pingother' } },
    peer: { status: 204, headers: { 'access-control-allow-headers': 'X-PINGOTHER' } },
  },
  {
    rule: 'allowMethods: a preflight for a method not listed',
    options: { allowMethods: ['GET', 'POST'] },
    sent: preflight('PUT'),
    expect: { status: 403, headers: { 'access-control-allow-origin': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET,POST' } },
  },
  {
    rule: 'allowMethods: null allows no method beyond the safelisted ones (the peer sends no Allow-Methods)',
    options: { allowMethods: null },
    sent: preflight('PUT'),
    expect: { status: 403, headers: { 'access-control-allow-origin': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': undefined } },
  },
  {
    rule: "allowMethods: '' still lets a preflight for a safelisted method through",
    options: { allowMethods: '' },
    sent: preflight('GET', { 'access-control-request-headers': 'x-page' }),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'x-page' } },
    peer: 'same',
  },
  {
    rule: "origin: null is @koa/cors's default '*'",
    options: { origin: null },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: "origin: '' is @koa/cors's default '*'",
    options: { origin: '' },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: "origin(ctx) answering '*' with credentials: the origin is refused (the peer reflected it with cookies)",
    options: { origin: () => '*', credentials: true },
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': undefined, 'access-control-allow-credentials': undefined },
    },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' } },
  },
  {
    rule: 'the CORS headers and Vary: Origin are kept on an error response',
    options: { origin: reflecting },
    sent: at('/boom', actual('GET')),
    expect: { status: 500, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'a preflight is answered before a throwing handler',
    options: { origin: reflecting },
    sent: at('/boom', preflight('PUT')),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'other headers set before an error are not kept',
    options: { origin: reflecting },
    sent: at('/boom-after-header', actual('GET')),
    expect: { status: 500, headers: { 'access-control-allow-origin': APP, 'x-example': undefined } },
    peer: 'same',
  },
  {
    rule: 'Vary: Origin is appended to a Vary set upstream',
    options: { origin: reflecting },
    sent: at('/upstream-vary', actual('GET')),
    expect: { ...HANDLER, headers: { vary: 'Accept-Encoding, Origin' } },
    peer: 'same',
  },
  {
    rule: "cors(): a Vary set upstream is left as it is ('*' does not depend on the origin)",
    sent: at('/upstream-vary', actual('GET')),
    expect: { ...HANDLER, headers: { vary: 'Accept-Encoding' } },
    peer: { ...HANDLER, headers: { vary: 'Accept-Encoding, Origin' } },
  },
  {
    rule: "on error, Origin is appended to the error's Vary",
    options: { origin: reflecting },
    sent: at('/boom-vary-accept-encoding', actual('GET')),
    expect: { status: 500, headers: { vary: 'Accept-Encoding, Origin' } },
    peer: 'same',
  },
  {
    rule: "on error, the error's Vary: * is kept",
    options: { origin: reflecting },
    sent: at('/boom-vary-star', actual('GET')),
    expect: { status: 500, headers: { vary: '*' } },
    peer: 'same',
  },
  {
    rule: "on error, Origin already in the error's Vary is not added twice",
    options: { origin: reflecting },
    sent: at('/boom-vary-origin', actual('GET')),
    expect: { status: 500, headers: { vary: 'Origin, Accept-Encoding' } },
    peer: 'same',
  },
  {
    rule: 'privateNetworkAccess: false: no Allow-Private-Network on an actual request',
    options: { privateNetworkAccess: false },
    sent: actual('GET', APP, { 'access-control-request-method': 'PUT' }),
    expect: { ...HANDLER, headers: { 'access-control-allow-private-network': undefined } },
    peer: 'same',
  },
  {
    rule: 'privateNetworkAccess: false: no Allow-Private-Network on a preflight that does not ask',
    options: { privateNetworkAccess: false },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-private-network': undefined } },
    peer: 'same',
  },
  {
    rule: 'privateNetworkAccess: false: a Private Network Access preflight is refused',
    options: { privateNetworkAccess: false },
    sent: preflight('PUT', { 'access-control-request-private-network': 'true' }),
    expect: { status: 403, headers: { 'access-control-allow-private-network': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-private-network': undefined } },
  },
  {
    rule: 'privateNetworkAccess: no Allow-Private-Network on an actual request',
    options: { privateNetworkAccess: true },
    sent: actual('GET', APP, { 'access-control-request-method': 'PUT' }),
    expect: { ...HANDLER, headers: { 'access-control-allow-private-network': undefined } },
    peer: 'same',
  },
  {
    rule: 'privateNetworkAccess: no Allow-Private-Network on a preflight that does not ask',
    options: { privateNetworkAccess: true },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-private-network': undefined } },
    peer: 'same',
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
