// corsguard/hono's `cors` reads an origin function written for hono/cors (`(origin, c)` answering
// the Allow-Origin value) whatever other options are given: alone, beside corsguard's own names,
// beside hono/cors's. Each row goes over a real socket (@hono/node-server) to Hono with corsguard's
// `cors`, and the same request to Hono with the real `hono/cors` (given `peerOptions` when the row
// uses corsguard's names). `peer: 'same'` says the browser-visible answer is the same.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MiddlewareHandler } from 'hono';
import { cors as peerCors } from 'hono/cors';
import { cors as corsguard } from '../../src/adapters/hono.ts';
import type { DebugEvent } from '../../src/core/debug.ts';
import { honoApp as app } from './hono-app.ts';
import { actual, APP, check, OTHER, preflight, send, type Expected, type Sent } from './http.ts';

type Factory = (options?: unknown) => MiddlewareHandler;
const ours = corsguard as unknown as Factory;
const theirs = peerCors as unknown as Factory;

interface Row {
  readonly rule: string;
  readonly options: Record<string, unknown>;
  /** hono/cors's spelling of `options`, when they use corsguard's names. */
  readonly peerOptions?: Record<string, unknown>;
  readonly sent: Sent;
  readonly expect: Expected;
  readonly peer: 'same' | Expected;
}

const HANDLER = { status: 200, body: 'handler' };
const INSECURE = 'http://app.example.com';
const suffix = (origin: string) => (origin.endsWith('.example.com') ? origin : null);
const listed = (origin: string) =>
  [APP, INSECURE, 'http://localhost:5173', 'capacitor://localhost'].includes(origin) ? origin : null;
const allowed = (origin: string) => ({
  ...HANDLER,
  headers: { 'access-control-allow-origin': origin, vary: 'Origin' },
});
const refused = {
  ...HANDLER,
  headers: { 'access-control-allow-origin': undefined, 'access-control-allow-credentials': undefined },
};

const rows: Row[] = [
  {
    rule: 'alone: a function answering the origin allows it',
    options: { origin: suffix },
    sent: actual('GET'),
    expect: allowed(APP),
    peer: 'same',
  },
  {
    rule: 'alone: a function answering null allows nothing',
    options: { origin: suffix },
    sent: actual('GET', OTHER),
    expect: refused,
    peer: 'same',
  },
  {
    rule: 'alone: undefined allows nothing',
    options: { origin: () => undefined },
    sent: actual('GET'),
    expect: refused,
    peer: 'same',
  },
  {
    rule: "alone: '' allows nothing",
    options: { origin: () => '' },
    sent: actual('GET'),
    expect: refused,
    peer: 'same',
  },
  {
    rule: 'alone: a promise of the origin allows it',
    options: { origin: async (origin: string) => suffix(origin) },
    sent: actual('GET'),
    expect: allowed(APP),
    peer: 'same',
  },
  {
    rule: 'alone: another origin (hono tests answer a fixed fallback) allows nothing',
    options: { origin: (origin: string) => (origin === APP ? origin : 'https://fallback.example.com') },
    sent: actual('GET', OTHER),
    expect: refused,
    // Sent, but not the request's origin: the browser refuses it.
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': 'https://fallback.example.com' } },
  },
  {
    rule: 'alone: a request without Origin gets no Allow-Origin (hono tests answer a fixed fallback)',
    options: { origin: async (origin: string) => suffix(origin) ?? 'https://fallback.example.com' },
    sent: { method: 'GET', headers: { referer: 'https://evil-example.com/' } },
    expect: refused,
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': 'https://fallback.example.com' } },
  },
  {
    rule: 'alone: null allows nothing and still varies on Origin',
    options: { origin: () => null },
    sent: actual('GET', OTHER),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined, vary: 'Origin' } },
    peer: 'same',
  },
  {
    rule: 'alone: a preflight the function answers with the origin varies on Origin',
    options: { origin: suffix },
    sent: preflight('POST'),
    expect: {
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    },
    // hono's suite asserts Vary: Origin; corsguard's preflight also varies on what it echoes.
    peer: { status: 204, headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
  },
  {
    rule: 'alone: a string that is no origin allows nothing',
    options: { origin: () => 'app.example.com' },
    sent: actual('GET'),
    expect: refused,
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': 'app.example.com' } },
  },
  {
    rule: "alone: '*' without credentials allows the origin",
    options: { origin: () => '*' },
    sent: actual('GET'),
    expect: allowed(APP),
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    rule: "corsguard names: '*' with credentials allows nothing",
    options: { origin: () => '*', credentials: true },
    sent: actual('GET'),
    expect: refused,
    // The browser refuses '*' with credentials for credentialed requests.
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' } },
  },
  {
    rule: 'corsguard names: the origin with credentials and methods answers the preflight',
    options: { origin: suffix, credentials: true, methods: ['PUT'] },
    peerOptions: { origin: suffix, credentials: true, allowMethods: ['PUT'] },
    sent: preflight('PUT'),
    expect: {
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
      },
    },
    peer: 'same',
  },
  {
    rule: 'corsguard names: a refused preflight is 403',
    options: { origin: suffix, methods: ['PUT'] },
    peerOptions: { origin: suffix, allowMethods: ['PUT'] },
    sent: preflight('PUT', {}, OTHER),
    expect: { status: 403, headers: { 'access-control-allow-origin': undefined } },
    peer: { status: 204, headers: { 'access-control-allow-origin': undefined } },
  },
  {
    rule: 'corsguard names: an http: origin answered with credentials allows nothing',
    options: { origin: listed, credentials: true },
    sent: actual('GET', INSECURE),
    expect: refused,
    peer: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': INSECURE, 'access-control-allow-credentials': 'true' },
    },
  },
  {
    rule: 'corsguard names: an http: origin with credentials and dangerouslyAllowInsecureOrigins is allowed',
    options: { origin: listed, credentials: true, dangerouslyAllowInsecureOrigins: true },
    peerOptions: { origin: listed, credentials: true },
    sent: actual('GET', INSECURE),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': INSECURE, 'access-control-allow-credentials': 'true' },
    },
    peer: 'same',
  },
  {
    rule: 'corsguard names: a loopback http: origin answered with credentials is allowed',
    options: { origin: listed, credentials: true },
    sent: actual('GET', 'http://localhost:5173'),
    expect: {
      ...HANDLER,
      headers: { 'access-control-allow-origin': 'http://localhost:5173', 'access-control-allow-credentials': 'true' },
    },
    peer: 'same',
  },
  {
    rule: 'corsguard names: a boolean keeps the predicate meaning',
    options: { origin: (origin: string) => origin === APP },
    sent: actual('GET'),
    expect: allowed(APP),
    // hono/cors sends Allow-Origin: true, which the browser refuses.
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': 'true' } },
  },
  {
    rule: 'corsguard names: the CSRF guard rejects a cross-site POST the function refuses',
    options: { origin: suffix, csrf: true },
    peerOptions: { origin: suffix },
    sent: actual('POST', OTHER, { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }),
    expect: { status: 403 },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
  },
  {
    rule: 'hono names: the origin with allowHeaders: [] and credentials',
    options: { origin: suffix, allowHeaders: [], credentials: true },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' } },
    peer: 'same',
  },
  {
    rule: 'hono names: another origin with exposeHeaders allows nothing',
    options: { origin: () => 'https://fallback.example.com', exposeHeaders: ['X-Total'] },
    sent: actual('GET'),
    expect: { ...HANDLER, headers: { 'access-control-allow-origin': undefined } },
    peer: { ...HANDLER, headers: { 'access-control-allow-origin': 'https://fallback.example.com' } },
  },
];

describe('corsguard/hono cors reads hono/cors origin functions over HTTP', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      assert.deepEqual(check(await send(app(ours(row.options)), row.sent), row.expect), [], 'corsguard');
      const peer = row.peer === 'same' ? row.expect : row.peer;
      assert.deepEqual(check(await send(app(theirs(row.peerOptions ?? row.options)), row.sent), peer), [], 'hono/cors');
    });
  }
});

interface DebugRow {
  readonly rule: string;
  readonly options: Record<string, unknown>;
  readonly sent: Sent;
  readonly reason: DebugEvent['reason'];
  readonly detail: string | undefined;
}

const debugRows: DebugRow[] = [
  {
    rule: 'null names answer-empty',
    options: { origin: () => null },
    sent: actual('GET'),
    reason: 'origin-predicate-refused',
    detail: 'answer-empty',
  },
  {
    rule: 'another origin names answer-not-request-origin',
    options: { origin: () => 'https://fallback.example.com' },
    sent: actual('GET'),
    reason: 'origin-predicate-refused',
    detail: 'answer-not-request-origin',
  },
  {
    rule: 'a non-origin string names answer-not-request-origin',
    options: { origin: () => 'not an origin', methods: ['PUT'] },
    sent: preflight('PUT'),
    reason: 'origin-predicate-refused',
    detail: 'answer-not-request-origin',
  },
  {
    rule: "'*' with credentials names answer-wildcard-with-credentials",
    options: { origin: () => '*', credentials: true },
    sent: actual('GET'),
    reason: 'origin-predicate-refused',
    detail: 'answer-wildcard-with-credentials',
  },
  {
    rule: 'http: with credentials names answer-insecure-with-credentials',
    options: { origin: async (o: string) => o, credentials: true },
    sent: actual('GET', INSECURE),
    reason: 'origin-predicate-refused',
    detail: 'answer-insecure-with-credentials',
  },
  {
    rule: 'capacitor:// with credentials names answer-custom-scheme-with-credentials',
    options: { origin: listed, credentials: true, allowHeaders: [] },
    sent: actual('GET', 'capacitor://localhost'),
    reason: 'origin-predicate-refused',
    detail: 'answer-custom-scheme-with-credentials',
  },
  {
    rule: 'false keeps the plain predicate refusal',
    options: { origin: () => false },
    sent: actual('GET'),
    reason: 'origin-predicate-refused',
    detail: undefined,
  },
  {
    rule: 'an allowed origin is origin-allowed',
    options: { origin: suffix },
    sent: actual('GET'),
    reason: 'origin-allowed',
    detail: undefined,
  },
  {
    rule: 'a CSRF rejection keeps its reason',
    options: { origin: suffix, csrf: true },
    sent: actual('POST', OTHER, { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }),
    reason: 'csrf-rejected',
    detail: undefined,
  },
];

describe('corsguard/hono debug names why an origin function answer allowed nothing', () => {
  for (const row of debugRows) {
    test(row.rule, async () => {
      const events: DebugEvent[] = [];
      const answer = await send(
        app(ours({ ...row.options, debug: (event: DebugEvent) => events.push(event) })),
        row.sent,
      );
      assert.notEqual(answer.status, 500);
      assert.deepEqual(
        events.map(({ reason, detail, path, origin, method, docs }) => ({
          reason,
          detail,
          path,
          origin,
          method,
          docs,
        })),
        [
          {
            reason: row.reason,
            detail: row.detail,
            docs: `https://corsguard.github.io/corsguard/codes/decision/${row.reason}`,
            path: '/items',
            origin: row.sent.headers.origin,
            method: row.sent.method,
          },
        ],
      );
    });
  }
});

describe('corsguard/hono origin functions at start-up and on reconfigure', () => {
  test('reconfigure to a hono/cors origin function reads its string answers', async () => {
    const middleware = corsguard({ origin: 'https://other.example.com' });
    middleware.reconfigure({ origin: suffix as never });
    assert.deepEqual(check(await send(app(middleware), actual('GET')), allowed(APP)), []);
  });

  test('reconfigure with a function of the current options hands it the function as written', () => {
    const middleware = corsguard({ origin: suffix as never });
    let seen: unknown;
    middleware.reconfigure((current) => {
      seen = current.origin;
      return current;
    });
    assert.equal(seen, suffix);
  });

  const startUp: { rule: string; options: Record<string, unknown>; codes: string }[] = [
    {
      rule: 'echoing every origin with credentials is origin-reflect-all',
      options: { origin: (origin: string) => origin, credentials: true },
      codes: 'origin-reflect-all',
    },
    {
      rule: 'with hono names too',
      options: { origin: (origin: string) => origin, credentials: true, allowHeaders: [] },
      codes: 'origin-reflect-all',
    },
    {
      rule: 'with allowMethods a function too',
      options: { origin: (origin: string) => origin, credentials: true, allowMethods: () => ['GET'] },
      codes: 'origin-reflect-all',
    },
    {
      rule: 'beside another problem, one error lists both',
      options: { origin: (origin: string) => origin, credentials: true, maxAge: 'ten' },
      codes: 'origin-reflect-all,max-age-invalid',
    },
    { rule: 'echoing without credentials is accepted', options: { origin: (origin: string) => origin }, codes: '' },
    {
      rule: 'a function reading c tells nothing at start-up',
      options: { origin: (origin: string, c: { req: unknown }) => (c.req ? origin : null), credentials: true },
      codes: '',
    },
    {
      rule: 'an async function tells nothing at start-up',
      options: { origin: async (origin: string) => origin, credentials: true },
      codes: '',
    },
  ];
  for (const row of startUp) {
    test(`start-up: ${row.rule}`, () => {
      let codes = '';
      try {
        ours(row.options);
      } catch (error) {
        codes = ((error as { issues?: { code: string }[] }).issues ?? []).map((issue) => issue.code).join();
      }
      assert.equal(codes, row.codes);
    });
  }

  test('an invalid debug beside an origin function is still refused at start-up', () => {
    assert.throws(
      () => ours({ origin: suffix, debug: 'yes' }),
      (error: unknown) =>
        (error as { issues?: { code: string }[] }).issues?.map((issue) => issue.code).join() === 'debug-invalid',
    );
  });
});
