// corsguard/express's default export speaks expressjs/cors: each row is a behaviour expressjs/cors's
// own suite asserts, sent over a real socket to Express with corsguard's default export, and the
// same request to Express with the real `cors` package. `peer: 'same'` says the peer answers the
// same; a row where it differs gives the peer's answer and the README's migration table the reason.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, test } from 'node:test';
import express from 'express';
import peerCors from 'cors';
import corsguard from '../../src/adapters/express.ts';
import { CorsConfigError } from '../../src/core/errors.ts';
import { request } from 'undici';
import { listen } from '../support/servers.ts';
import { actual, APP, check, OTHER, preflight, send, type Expected, type Sent } from './http.ts';

interface Row {
  readonly rule: string;
  readonly options?: unknown;
  readonly sent: Sent;
  readonly expect: Expected;
  /** The peer's answer: the same, or its own (the row is in the migration table). */
  readonly peer: 'same' | 'hangs' | Expected;
  /** A Vary header set before the middleware runs. */
  readonly vary?: string;
  /** Changes the request before the middleware sees it (what no socket can send). */
  readonly prepare?: (request: express.Request) => void;
}

const HANDLER = { status: 200, body: 'handler' };

function app(middleware: express.RequestHandler, vary?: string, prepare?: Row['prepare']): express.Express {
  const application = express();
  if (vary !== undefined) application.use((_req, res, next) => (res.setHeader('vary', vary), next()));
  if (prepare !== undefined) application.use((req, _res, next) => (prepare(req), next()));
  application.use(middleware);
  application.all('/items', (_req, res) => res.status(200).send('handler'));
  // Routes that fail after the middleware ran: its headers must survive the error handling.
  application.all('/fails', (_req, _res, next) => next(new Error('nope')));
  application.all('/unauthorized', (_req, _res, next) => next(new Error('unauthorized')));
  application.all('/passes', (_req, _res, next) => next());
  // Express's own error handler would print the stack; the status is what the row checks.
  application.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (error instanceof Error && error.message === 'unauthorized') res.status(401).send('unauthorized');
    else res.status(500).send(String(error));
  });
  return application;
}

const delegate = (options: object) => (_req: unknown, callback: (error: unknown, options?: object) => void) =>
  callback(null, options);

const rows: Row[] = [
  {
    rule: 'a request without Origin reaches the next middleware (cors() still sends *)',
    sent: actual('GET', undefined),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'cors() answers a preflight itself with 204 and no body',
    sent: preflight('PUT'),
    expect: { status: 204, body: '', headers: { 'content-length': undefined, 'access-control-allow-origin': '*' } },
    peer: { status: 204, body: '', headers: { 'content-length': '0', 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'optionsSuccessStatus sets the preflight status',
    options: { optionsSuccessStatus: 200 },
    sent: preflight('PUT'),
    expect: { status: 200 },
    peer: 'same',
  },
  {
    rule: 'preflightContinue passes the preflight on with the headers set',
    options: { preflightContinue: true },
    sent: preflight('PUT'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'cors() allows every origin with * and no methods on actual requests',
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': undefined,
        'access-control-allow-credentials': undefined,
      },
    },
    peer: 'same',
  },
  {
    rule: "cors()'s default methods cover PATCH and DELETE",
    sent: preflight('DELETE'),
    expect: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'DELETE' } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE' } },
  },
  {
    rule: 'static options override every default (origin, methods, headers alias, credentials, maxAge)',
    options: { origin: APP, methods: ['FOO', 'bar'], headers: ['FIZZ', 'buzz'], credentials: true, maxAge: 123 },
    sent: preflight('FOO', { 'access-control-request-headers': 'fizz' }),
    expect: {
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'FOO',
        'access-control-allow-headers': 'fizz',
        'access-control-allow-credentials': 'true',
        'access-control-max-age': '123',
      },
    },
    peer: {
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'FOO,bar',
        'access-control-allow-headers': 'FIZZ,buzz',
        'access-control-max-age': '123',
      },
    },
  },
  {
    rule: 'an anchored RegExp matches the request origin, with Vary: Origin',
    options: { origin: /^https:\/\/(.+\.)?example\.com$/ },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'an array of RegExps and strings matches the request origin',
    options: { origin: [/^https:\/\/foo\.com$/, APP] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'an array matching nothing sends no Allow-Origin, still Vary: Origin',
    options: { origin: [/^https:\/\/foo\.com$/, 'https://bar.com'] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'origin: false turns CORS off for actual requests',
    options: { origin: false, methods: ['FOO'], credentials: true, maxAge: 123 },
    sent: actual('GET'),
    expect: {
      ...HANDLER,
      headers: {
        'access-control-allow-origin': undefined,
        'access-control-allow-credentials': undefined,
        vary: undefined,
      },
    },
    peer: 'same',
  },
  {
    rule: 'origin: false turns CORS off for preflights (they reach the routes)',
    options: { origin: false },
    sent: preflight('PUT'),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': undefined, 'access-control-allow-methods': undefined },
    },
    peer: 'same',
  },
  {
    rule: 'a fixed origin is answered with Vary: Origin',
    options: { origin: APP },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'Vary: Origin is appended to an existing Vary',
    options: { origin: APP },
    vary: 'Foo',
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { vary: 'Foo, Origin' } },
    peer: 'same',
  },
  {
    rule: 'a fixed origin is not sent to another origin',
    options: { origin: APP },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': APP } },
  },
  {
    rule: 'origin: true without credentials lets every origin read, as *',
    options: { origin: true },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': OTHER } },
  },
  {
    rule: 'an origin callback answering true allows the origin',
    options: {
      origin: (origin: string, callback: (e: null, allow: boolean) => void) => callback(null, origin === APP),
    },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'an origin callback answering false sends no CORS headers',
    options: {
      origin: (origin: string, callback: (e: null, allow: boolean) => void) => callback(null, origin === APP),
    },
    sent: actual('GET', OTHER),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': undefined, 'access-control-allow-credentials': undefined },
    },
    peer: 'same',
  },
  {
    rule: 'an origin callback answering later (async) is waited for',
    options: {
      origin: (origin: string, callback: (e: null, allow: boolean) => void) =>
        setTimeout(() => callback(null, origin === APP), 5),
    },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: "an origin callback answering '*' allows every origin (no credentials)",
    options: { origin: (_origin: string, callback: (e: null, allow: string) => void) => callback(null, '*') },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': OTHER } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'an origin callback answering a list matches against it',
    options: {
      origin: (_origin: string, callback: (e: null, allow: unknown) => void) =>
        callback(null, [APP, /^https:\/\/x\.example$/]),
    },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'an origin callback passing an error hands it to next',
    options: { origin: (_origin: string, callback: (e: Error) => void) => callback(new Error('lookup failed')) },
    sent: actual('GET'),
    expect: { status: 500, body: 'Error: lookup failed' },
    peer: 'same',
  },
  {
    rule: 'a corsguard-style predicate returning a boolean works too',
    options: { origin: (origin: string) => origin === APP },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP } },
    // expressjs/cors waits for a callback that is never called: the request hangs.
    peer: 'hangs',
  },
  {
    rule: 'methods as a comma-separated string with spaces',
    options: { methods: 'GET, PUT' },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-methods': 'PUT' } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'GET, PUT' } },
  },
  {
    rule: 'lower-case normalised methods are sent upper-cased by browsers and allowed',
    options: { methods: ['put'] },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-methods': 'PUT' } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'put' } },
  },
  {
    rule: 'a method outside the list is refused at the preflight',
    options: { methods: ['PUT'] },
    sent: preflight('DELETE'),
    expect: { status: 403, headers: { 'access-control-allow-origin': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-methods': 'PUT' } },
  },
  {
    rule: 'allowedHeaders as an array allows those headers',
    options: { allowedHeaders: ['header1', 'header2'] },
    sent: preflight('PUT', { 'access-control-request-headers': 'header1' }),
    expect: { status: 204, headers: { 'access-control-allow-headers': 'header1' } },
    peer: { status: 204, headers: { 'access-control-allow-headers': 'header1,header2' } },
  },
  {
    rule: 'allowedHeaders as a comma-separated string allows those headers',
    options: { allowedHeaders: 'header1,header2' },
    sent: preflight('PUT', { 'access-control-request-headers': 'header2,header1' }),
    expect: { status: 204, headers: { 'access-control-allow-headers': 'header1,header2' } },
    peer: 'same',
  },
  {
    rule: 'allowedHeaders listing browser-set names (Origin, Cookie) is accepted',
    options: { allowedHeaders: ['Origin', 'X-Requested-With', 'Content-Type', 'Accept', 'Cookie'] },
    sent: preflight('PUT', { 'access-control-request-headers': 'content-type,x-requested-with' }),
    expect: { status: 204, headers: { 'access-control-allow-headers': 'content-type,x-requested-with' } },
    peer: {
      status: 204,
      headers: { 'access-control-allow-headers': 'Origin,X-Requested-With,Content-Type,Accept,Cookie' },
    },
  },
  {
    rule: 'an empty allowedHeaders allows no request header',
    options: { allowedHeaders: [] },
    sent: preflight('PUT', { 'access-control-request-headers': 'x-custom' }),
    expect: { status: 403, headers: { 'access-control-allow-headers': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-headers': undefined } },
  },
  {
    rule: 'without allowedHeaders every requested header is allowed, Authorization included',
    sent: preflight('PUT', { 'access-control-request-headers': 'x-requested-with,authorization' }),
    expect: { status: 204, headers: { 'access-control-allow-headers': 'x-requested-with,authorization' } },
    peer: 'same',
  },
  {
    rule: 'exposedHeaders as an array',
    options: { exposedHeaders: ['custom-header1', 'custom-header2'] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-expose-headers': 'custom-header1,custom-header2' } },
    peer: 'same',
  },
  {
    rule: 'exposedHeaders as a comma-separated string',
    options: { exposedHeaders: 'custom-header1,custom-header2' },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-expose-headers': 'custom-header1,custom-header2' } },
    peer: 'same',
  },
  {
    rule: 'an empty exposedHeaders sends no Expose-Headers',
    options: { exposedHeaders: [] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-expose-headers': undefined } },
    peer: 'same',
  },
  {
    rule: 'credentials: true sends Allow-Credentials on preflights',
    options: { origin: APP, credentials: true },
    sent: preflight('PUT'),
    expect: {
      status: 204,
      headers: { 'access-control-allow-credentials': 'true', 'access-control-allow-origin': APP },
    },
    peer: 'same',
  },
  {
    rule: 'credentials are not sent unless enabled',
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-credentials': undefined } },
    peer: 'same',
  },
  {
    rule: 'maxAge is sent on preflights',
    options: { maxAge: 456 },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-max-age': '456' } },
    peer: 'same',
  },
  {
    rule: 'maxAge 0 is sent, not dropped',
    options: { maxAge: 0 },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-max-age': '0' } },
    peer: 'same',
  },
  {
    rule: 'maxAge as a numeric string',
    options: { maxAge: '600' },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-max-age': '600' } },
    peer: 'same',
  },
  {
    rule: 'no maxAge unless specified',
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-max-age': undefined } },
    peer: 'same',
  },
  {
    rule: "origin: ['*'] means every origin",
    options: { origin: ['*'] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
  },
  {
    rule: 'the options delegate supplies the options per request',
    options: delegate({ origin: APP }),
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP } },
    peer: 'same',
  },
  {
    rule: 'the options delegate supplies the options for preflights',
    options: delegate({ origin: APP, maxAge: 1000 }),
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-origin': APP, 'access-control-max-age': '1000' } },
    peer: 'same',
  },
  {
    rule: 'an error from the options delegate goes to next',
    options: (_req: unknown, callback: (error: string) => void) => callback('some error'),
    sent: actual('GET'),
    expect: { status: 500, body: 'some error' },
    peer: 'same',
  },
  {
    rule: 'invalid options from the delegate fail that request with the CorsConfigError',
    options: delegate({ origin: true, credentials: true }),
    sent: actual('GET'),
    expect: { status: 500 },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' } },
  },
  {
    rule: 'an OPTIONS request without Access-Control-Request-Method is not a preflight: it reaches the routes',
    sent: { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-headers': 'x-a,x-b' } },
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: { status: 204, body: '', headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: "a req.method rewritten to 'options' is not a preflight",
    prepare: (request) => {
      request.method = 'options';
    },
    sent: preflight('PUT'),
    // HTTP methods are case-sensitive and Node's parser yields OPTIONS only as sent: the route answers.
    expect: HANDLER,
    peer: { status: 204, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: 'cors() answers HEAD with *',
    sent: actual('HEAD'),
    expect: { status: 200, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'cors() answers POST with Authorization (a middleware before it) with *',
    sent: actual('POST', APP, { authorization: 'Basic dXNlcm5hbWU6cGFzc3dvcmQ=' }),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'cors() answers DELETE with *',
    sent: actual('DELETE'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'headers set before a route fails stay on the 500',
    sent: { ...actual('POST'), path: '/fails' },
    expect: { status: 500, body: 'Error: nope', headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'headers set before an error handler answers 401 stay on the 401',
    sent: { ...actual('POST'), path: '/unauthorized' },
    expect: { status: 401, body: 'unauthorized', headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'headers set before no route matches stay on the 404',
    sent: { ...actual('POST'), path: '/passes' },
    expect: { status: 404, headers: { 'access-control-allow-origin': '*' } },
    peer: 'same',
  },
  {
    rule: 'configured allowedHeaders: the echoed preflight answer varies on what was requested',
    options: { allowedHeaders: ['header1', 'header2'] },
    sent: preflight('PUT', { 'access-control-request-headers': 'header2' }),
    expect: { status: 204, headers: { vary: 'Access-Control-Request-Method, Access-Control-Request-Headers' } },
    peer: { status: 204, headers: { vary: undefined } },
  },
  {
    rule: 'an empty allowedHeaders sends no Allow-Headers and no Vary on actual requests',
    options: { allowedHeaders: '' },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-headers': undefined, vary: undefined } },
    peer: 'same',
  },
  {
    rule: 'an empty allowedHeaders answers a preflight asking for no header',
    options: { allowedHeaders: [] },
    sent: preflight('PUT'),
    expect: { status: 204, headers: { 'access-control-allow-headers': undefined } },
    peer: 'same',
  },
  {
    rule: 'reflected request headers come with Vary on what was requested',
    sent: preflight('PUT', { 'access-control-request-headers': 'requestedheader1,requestedheader2' }),
    expect: {
      status: 204,
      headers: {
        'access-control-allow-headers': 'requestedheader1,requestedheader2',
        vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    },
    peer: {
      status: 204,
      headers: {
        'access-control-allow-headers': 'requestedheader1,requestedheader2',
        vary: 'Access-Control-Request-Headers',
      },
    },
  },
  {
    rule: "credentials: true with the default '*' sends no Allow-Credentials",
    options: { credentials: true },
    sent: preflight('PUT'),
    expect: {
      status: 204,
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': undefined },
    },
    peer: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' } },
  },
  {
    rule: 'a preflight from an origin the callback refuses gets no CORS headers',
    options: {
      origin: (origin: string, callback: (e: null, allow: boolean) => void) => callback(null, origin === APP),
      maxAge: 60,
    },
    sent: preflight('PUT', {}, OTHER),
    expect: { status: 403, headers: { 'access-control-allow-origin': undefined, 'access-control-max-age': undefined } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': undefined, 'access-control-max-age': undefined } },
  },
];

type Factory = (options?: unknown) => express.RequestHandler;
const ours = corsguard as unknown as Factory;
const theirs = peerCors as unknown as Factory;

describe('corsguard/express default export: expressjs/cors behaviours over HTTP', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      const middleware = row.options === undefined ? ours() : ours(row.options);
      assert.deepEqual(
        check(await send(app(middleware, row.vary, row.prepare), row.sent), row.expect),
        [],
        'corsguard',
      );
      if (row.peer === 'hangs') return;
      const peer = row.options === undefined ? theirs() : theirs(row.options);
      assert.deepEqual(
        check(await send(app(peer, row.vary, row.prepare), row.sent), row.peer === 'same' ? row.expect : row.peer),
        [],
        'expressjs/cors',
      );
    });
  }
});

const refusals = [
  {
    rule: 'origin: true with credentials (any origin reflected with cookies)',
    options: { origin: true, credentials: true },
    code: 'origin-reflect-all',
    path: 'origin',
  },
  {
    rule: "'null' with credentials (any site can send Origin: null)",
    options: { origin: ['null', APP], credentials: true },
    code: 'origin-null-needs-opt-in',
    path: 'origin',
  },
  {
    rule: 'an http: origin with credentials',
    options: { origin: 'http://app.example.com', credentials: true },
    code: 'origin-insecure-with-credentials',
    path: 'origin',
  },
  {
    rule: "an unanchored RegExp (expressjs/cors README's /example\\.com$/)",
    options: { origin: /example\.com$/ },
    code: 'origin-regexp-unanchored',
    path: 'origin',
  },
  {
    rule: 'an origin without a scheme, which no browser sends',
    options: { origin: 'example.com' },
    code: 'origin-no-scheme',
    path: 'origin',
  },
  {
    rule: 'a maxAge that is not a number',
    options: { maxAge: 'ten minutes' },
    code: 'max-age-invalid',
    path: 'maxAge',
  },
];

describe('corsguard/express default export: request bodies', () => {
  // An origin callback answering later must not lose the request body, before or after a body parser.
  const late = (_origin: string, callback: (e: null, allow: boolean) => void) =>
    setTimeout(() => callback(null, true), 20);
  const body = { example: 'Lorem ipsum '.repeat(400) };
  for (const [order, corsFirst] of [
    ['the middleware before express.json()', true],
    ['the middleware after express.json()', false],
  ] as const) {
    for (const [name, factory] of [
      ['corsguard', ours],
      ['expressjs/cors', theirs],
    ] as const) {
      test(`${order}: the body reaches the route (${name})`, async () => {
        const application = express();
        if (corsFirst) application.use(factory({ origin: late }), express.json());
        else application.use(express.json(), factory({ origin: late }));
        application.post('/items', (req, res) => res.json(req.body));
        const server = await listen(createServer(application));
        try {
          const response = await request(`${server.url}/items`, {
            method: 'POST',
            headers: { origin: APP, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          assert.equal(response.statusCode, 200);
          assert.equal(response.headers['access-control-allow-origin'], APP);
          assert.deepEqual(await response.body.json(), body);
        } finally {
          await server.close();
        }
      });
    }
  }
});

describe('corsguard/express default export: unsafe options refused at start-up', () => {
  for (const row of refusals) {
    test(row.rule, () => {
      assert.throws(
        () => ours(row.options),
        (error: unknown) => {
          assert.ok(error instanceof CorsConfigError);
          assert.deepEqual(
            error.issues.map(({ code, path }) => ({ code, path })),
            [{ code: row.code, path: row.path }],
          );
          return true;
        },
      );
    });
  }

  test('the messages of refusals particular to migration name the peer', () => {
    for (const row of refusals.slice(0, 4)) {
      assert.throws(
        () => ours(row.options),
        (error: CorsConfigError) => error.issues.every((issue) => issue.message.includes('expressjs/cors')),
      );
    }
  });

  test('unsafe values are allowed without credentials: null and origin: true', async () => {
    const answer = await send(app(ours({ origin: 'null' })), actual('GET', 'null'));
    assert.equal(answer.headers['access-control-allow-origin'], 'null');
  });
});

describe('corsguard/express default export: the options object', () => {
  test('frozen options are read, never changed', async () => {
    const options = Object.freeze({ origin: Object.freeze([APP]), methods: 'GET, PUT', maxAge: '60' });
    const answer = await send(app(ours(options)), preflight('PUT'));
    assert.deepEqual([answer.status, answer.headers['access-control-max-age']], [204, '60']);
    assert.deepEqual(options, { origin: [APP], methods: 'GET, PUT', maxAge: '60' });
  });
});

describe('corsguard/express default export: reconfigure', () => {
  test('takes expressjs/cors options and keeps the old ones on bad input', async () => {
    const middleware = ours({ origin: APP }) as express.RequestHandler & { reconfigure(options: unknown): void };
    assert.throws(() => middleware.reconfigure({ origin: true, credentials: true }), CorsConfigError);
    assert.equal((await send(app(middleware), actual('GET'))).headers['access-control-allow-origin'], APP);
    middleware.reconfigure({ origin: false });
    assert.equal((await send(app(middleware), actual('GET'))).headers['access-control-allow-origin'], undefined);
  });
});
