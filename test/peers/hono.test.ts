// corsguard/hono's `cors` with hono/cors's options: each row is a behaviour hono's cors suite asserts,
// sent over a real socket (@hono/node-server) to Hono with corsguard's `cors`, and the same request
// to Hono with the real `hono/cors`. `peer: 'same'` says the peer answers the same; otherwise the
// row gives the peer's answer, and the README's migration table the reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Context, MiddlewareHandler } from 'hono';
import { cors as peerCors } from 'hono/cors';
import { cors as corsguard } from '../../src/adapters/hono.ts';
import { CorsConfigError } from '../../src/core/errors.ts';
import { honoApp as app } from './hono-app.ts';
import { actual, APP, check, OTHER, preflight, send, type Expected, type Sent } from './http.ts';

type Factory = (options?: unknown) => MiddlewareHandler;

interface Row {
  readonly rule: string;
  readonly options?: object;
  readonly sent: Sent;
  readonly expect: Expected;
  readonly peer: 'same' | Expected;
  /** Middleware before the one under test (it sets a Vary of its own). */
  readonly before?: MiddlewareHandler;
  /** The middleware under test twice, as hono's suite registers it. */
  readonly twice?: true;
}

const HANDLER = { status: 200, body: 'handler' };
const METHODS = 'GET,HEAD,PUT,POST,DELETE,PATCH,QUERY';
const ROUTE_VARY = 'X-Custom-Vary-Value';
const varyAcceptEncoding: MiddlewareHandler = async (c, next) => {
  c.header('Vary', 'Accept-Encoding', { append: true });
  await next();
};
const RAW = { status: 200, body: 'raw' };
/** A GET without Origin (http.ts's actual() fills in APP for undefined). */
const noOrigin = (headers: Record<string, string> = {}): Sent => ({ method: 'GET', headers });

const rows: Row[] = [
  {
    rule: 'cors() allows every origin with *',
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'cors() answers a preflight 204 with its default methods covering PATCH',
    sent: preflight('PATCH'),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PATCH' } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET,HEAD,PUT,POST,DELETE,PATCH,QUERY' } },
  },
  {
    rule: 'cors() allows the requested headers',
    sent: preflight('PUT', { 'access-control-request-headers': 'x-page, authorization' }),
    expect: { status: 204, headers: { 'access-control-allow-headers': 'x-page,authorization' } },
    peer: 'same',
  },
  {
    rule: 'allowHeaders, exposeHeaders, maxAge and credentials with a listed origin',
    options: {
      origin: APP,
      allowHeaders: ['X-Custom-Header'],
      exposeHeaders: ['Content-Length', 'X-Kuma-Revision'],
      maxAge: 600,
      credentials: true,
    },
    sent: preflight('PUT', { 'access-control-request-headers': 'x-custom-header' }),
    expect: {
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-headers': 'x-custom-header',
        'access-control-max-age': '600',
        'access-control-allow-credentials': 'true',
      },
    },
    peer: 'same',
  },
  {
    rule: 'exposeHeaders on an actual request',
    options: { origin: APP, exposeHeaders: ['Content-Length', 'X-Kuma-Revision'] },
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-expose-headers': 'Content-Length,X-Kuma-Revision',
        vary: 'Origin',
      },
    },
    peer: 'same',
  },
  {
    rule: 'a list of origins refuses the others',
    options: { origin: [APP, 'https://b.example'], allowMethods: ['GET'] },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: 'origin(origin, c) answering a string allows that origin',
    options: { origin: (origin: string) => (origin.endsWith('.example.com') ? origin : null), allowHeaders: [] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'origin(origin, c) answering null sends no Allow-Origin',
    options: { origin: (origin: string) => (origin.endsWith('.example.com') ? origin : null), allowHeaders: [] },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: 'an async origin function',
    options: { origin: async (origin: string) => (origin === APP ? origin : undefined), exposeHeaders: [] },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'allowMethods as a function of (origin, c), asked per request',
    options: {
      origin: APP,
      allowMethods: (origin: string, c: Context) =>
        origin === APP && c.req.path === '/items' ? ['GET', 'PUT'] : ['GET'],
    },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-methods': 'PUT' } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET,PUT' } },
  },
  {
    rule: 'allowMethods from a function refuses a method it does not list',
    options: { origin: APP, allowMethods: async () => ['GET'] },
    sent: preflight('DELETE'),
    expect: { status: 403 },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET' } },
  },
  {
    rule: "origin: '*' with credentials: * without Allow-Credentials",
    options: { origin: '*', credentials: true, allowMethods: ['GET'] },
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': undefined },
    },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' } },
  },
  {
    rule: 'cors() sends * and no Vary to a request without Origin',
    sent: noOrigin(),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*', vary: undefined } },
    peer: 'same',
  },
  {
    rule: 'cors() on a route answering a raw Response: * and no Vary',
    sent: { ...noOrigin(), path: '/raw' },
    expect: { ...RAW, headers: { 'access-control-allow-origin': '*', vary: undefined } },
    peer: 'same',
  },
  {
    rule: "cors() keeps the route's own Vary as it is",
    sent: { ...actual('GET'), path: '/vary' },
    expect: { status: 200, headers: { 'access-control-allow-origin': '*', vary: ROUTE_VARY } },
    peer: 'same',
  },
  {
    rule: 'a list of origins alone allows a listed origin and varies on Origin',
    options: { origin: [APP, 'https://b.example'] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'a list of origins alone: no Allow-Origin without an Origin (a Referer is no origin)',
    options: { origin: [APP, 'https://b.example'] },
    sent: noOrigin({ referer: `${OTHER}/` }),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: 'same',
  },
  {
    rule: "a list of origins appends Origin to the route's own Vary",
    options: { origin: [APP, 'https://b.example'] },
    sent: { ...actual('GET'), path: '/vary' },
    expect: { status: 200, headers: { 'access-control-allow-origin': APP, vary: `${ROUTE_VARY}, Origin` } },
    peer: 'same',
  },
  {
    rule: 'the same cors() registered twice sends one Allow-Origin',
    options: { origin: APP },
    twice: true,
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'a fixed origin refuses the preflight of another origin',
    options: { origin: APP, allowHeaders: ['X-Custom-Header'], allowMethods: ['POST', 'GET', 'OPTIONS'] },
    sent: preflight('POST', {}, OTHER),
    expect: { status: 403, headers: { 'access-control-allow-origin': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-origin': undefined } },
  },
  {
    rule: 'exposeHeaders on a preflight',
    options: { origin: APP, exposeHeaders: ['Content-Length', 'X-Kuma-Revision'], allowMethods: ['POST'] },
    sent: preflight('POST'),
    expect: {
      status: 204,
      headers: { 'access-control-allow-origin': APP, 'access-control-expose-headers': undefined },
    },
    peer: {
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-expose-headers': 'Content-Length,X-Kuma-Revision',
      },
    },
  },
  {
    rule: "{ origin } alone keeps corsguard's default methods and headers",
    options: { origin: APP },
    sent: preflight('PUT', { 'access-control-request-headers': 'x-custom-header' }),
    expect: { status: 403, headers: { 'access-control-allow-origin': undefined } },
    peer: {
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-methods': METHODS,
        'access-control-allow-headers': 'x-custom-header',
      },
    },
  },
  {
    rule: '{ origin } alone: a preflight keeps the Vary earlier middleware set and adds Origin',
    options: { origin: APP },
    before: varyAcceptEncoding,
    sent: preflight('POST'),
    expect: {
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        vary: 'Accept-Encoding, Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    },
    // hono's suite asserts Vary contains both; corsguard's preflight also varies on what it echoes.
    peer: { status: 204, headers: { 'access-control-allow-origin': APP, vary: 'Accept-Encoding, Origin' } },
  },
  {
    rule: "allowMethods a function: an origin the origin function answers '*' gets its list",
    options: {
      origin: async (origin: string) => (origin === APP ? origin : '*'),
      allowMethods: async (origin: string) =>
        origin === APP ? ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'] : ['GET', 'HEAD'],
    },
    sent: preflight('HEAD', {}, 'https://b.example'),
    expect: {
      status: 204,
      headers: { 'access-control-allow-origin': 'https://b.example', 'access-control-allow-methods': 'HEAD' },
    },
    peer: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET,HEAD' } },
  },
  {
    rule: 'allowMethods alone keeps the default origin *',
    options: { allowMethods: ['GET', 'POST'] },
    sent: noOrigin(),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'allowMethods alone answers a preflight for a listed method',
    options: { allowMethods: ['GET', 'POST'] },
    sent: preflight('POST'),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST' } },
    peer: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET,POST' } },
  },
  ...credentialedWildcard(),
  {
    rule: 'an OPTIONS request without Access-Control-Request-Method reaches the route',
    sent: { method: 'OPTIONS', headers: { origin: APP } },
    expect: HANDLER,
    peer: { status: 204 },
  },
];

/** hono/cors's `'*'` with credentials, alone (no name only hono/cors has): hono's reading, Allow-Credentials dropped. */
function credentialedWildcard(): Row[] {
  // An actual response sends * without Vary; a preflight varies on what it echoes.
  const wildcard = (status: number, credentials: string | undefined): Expected => ({
    status,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': credentials,
      ...(status === 200 ? { vary: undefined } : {}),
    },
  });
  const cases: { rule: string; options: object; sent: Sent }[] = [
    {
      rule: "origin: '*' with credentials alone: *, no Vary",
      options: { origin: '*', credentials: true },
      sent: actual('GET'),
    },
    {
      rule: "origin: '*' with credentials alone: a preflight",
      options: { origin: '*', credentials: true },
      sent: preflight('PUT'),
    },
    {
      rule: "origin: '*' with credentials alone: a request without Origin",
      options: { origin: '*', credentials: true },
      sent: noOrigin(),
    },
    {
      rule: "origin: '*' with credentials alone: Origin null",
      options: { origin: '*', credentials: true },
      sent: actual('GET', 'null'),
    },
    {
      rule: 'cors({ credentials: true }) never reflects the origin',
      options: { credentials: true },
      sent: actual('GET', OTHER),
    },
    {
      rule: 'cors({ credentials: true }) never approves a preflight for the origin',
      options: { credentials: true },
      sent: preflight('DELETE', { 'access-control-request-headers': 'x-csrf' }, OTHER),
    },
  ];
  return cases.map(({ rule, options, sent }) => {
    const status = sent.method === 'OPTIONS' ? 204 : 200;
    return { rule, options, sent, expect: wildcard(status, undefined), peer: wildcard(status, 'true') };
  });
}

const ours = corsguard as unknown as Factory;
const theirs = peerCors as unknown as Factory;

describe('corsguard/hono cors with hono/cors options over HTTP', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      const build = (factory: Factory) => [
        ...(row.before ? [row.before] : []),
        factory(row.options),
        ...(row.twice ? [factory(row.options)] : []),
      ];
      assert.deepEqual(check(await send(app(...build(ours)), row.sent), row.expect), [], 'corsguard');
      assert.deepEqual(
        check(await send(app(...build(theirs)), row.sent), row.peer === 'same' ? row.expect : row.peer),
        [],
        'hono/cors',
      );
    });
  }

  test('options with a corsguard-only name keep the strict vocabulary (origin required)', () => {
    assert.throws(
      () => ours({ credentials: true, methods: ['PUT'] }),
      (error: unknown) => error instanceof CorsConfigError && error.issues[0]?.code === 'origin-required',
    );
  });

  test('refused at start-up: an unanchored RegExp is no hono option, an http: origin with credentials is unsafe', () => {
    assert.throws(
      () => ours({ origin: ['http://app.example.com'], credentials: true, allowHeaders: [] }),
      (error: unknown) =>
        error instanceof CorsConfigError &&
        error.issues.map((issue) => issue.code).join() === 'origin-insecure-with-credentials',
    );
  });
});
