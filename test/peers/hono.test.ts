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
}

const HANDLER = { status: 200, body: 'handler' };

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
    rule: 'an OPTIONS request without Access-Control-Request-Method reaches the route',
    sent: { method: 'OPTIONS', headers: { origin: APP } },
    expect: HANDLER,
    peer: { status: 204 },
  },
];

const ours = corsguard as unknown as Factory;
const theirs = peerCors as unknown as Factory;

describe('corsguard/hono cors with hono/cors options over HTTP', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      assert.deepEqual(check(await send(app(ours(row.options)), row.sent), row.expect), [], 'corsguard');
      assert.deepEqual(
        check(await send(app(theirs(row.options)), row.sent), row.peer === 'same' ? row.expect : row.peer),
        [],
        'hono/cors',
      );
    });
  }

  test('options with only corsguard names keep the strict vocabulary (origin required)', () => {
    assert.throws(
      () => ours({ credentials: true }),
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
