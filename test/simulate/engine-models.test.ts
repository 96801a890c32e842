// Each engine's departures from the standard (src/simulate/engines/model.ts), one row per rule, against an
// in-memory server: what each model sends and whether script can read the answer. The browsers
// themselves are checked in test/browser (simulate-differential, redirects, preflight-cache).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PreflightCache,
  simulateFetch,
  type BrowserModel,
  type SimulatedRequest,
  type TransportRequest,
} from '../../src/simulate/index.ts';

const PAGE = 'https://app.example';
const API = 'https://api.example';
const OTHER = 'https://other.example';

/** Allows everything for any origin (reflected, `null` included); /hop answers STATUS to OTHER/target. */
function server(status = 307, allowHeaders = 'x-a, authorization, content-type, range') {
  const sent: string[] = [];
  const transport = async (request: TransportRequest) => {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    const preflight = request.method === 'OPTIONS';
    sent.push(
      `${request.method} ${url.host}${url.pathname} origin=${origin}${preflight ? ` acrh=${request.headers.get('access-control-request-headers')}` : ''}`,
    );
    const headers = new Headers({
      'access-control-allow-origin': origin ?? '*',
      'access-control-allow-methods': 'PUT, DELETE, PATCH',
      'access-control-allow-headers': allowHeaders,
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
    });
    if (!preflight && url.pathname === '/hop') headers.set('location', `${OTHER}/target`);
    return { status: preflight ? 204 : url.pathname === '/hop' ? status : 200, headers };
  };
  return { sent, transport };
}

/** Allows PUT only, cached 600 s; another method's preflight is refused with 403 and no CORS headers, or answered 204 listing PUT. */
function putOnlyServer(refusal: 403 | 204) {
  const preflights: string[] = [];
  const transport = async (request: TransportRequest) => {
    const origin = request.headers.get('origin') ?? '*';
    if (request.method !== 'OPTIONS')
      return { status: 200, headers: new Headers({ 'access-control-allow-origin': origin }) };
    const asked = request.headers.get('access-control-request-method') ?? '';
    preflights.push(asked);
    const allowed = new Headers({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'PUT',
      'access-control-max-age': '600',
    });
    return asked === 'PUT' || refusal === 204
      ? { status: 204, headers: allowed }
      : { status: 403, headers: new Headers() };
  };
  return { preflights, transport };
}

const MODELS: readonly BrowserModel[] = ['chromium', 'firefox', 'webkit', 'fetch'];

interface Row {
  readonly rule: string;
  readonly request: Omit<SimulatedRequest, 'origin'>;
  readonly status?: number;
  /** What reached the server, per model. */
  readonly sent: Readonly<Record<BrowserModel, readonly string[]>>;
}

const same = (lines: readonly string[]): Row['sent'] => ({
  chromium: lines,
  firefox: lines,
  webkit: lines,
  fetch: lines,
});

const ROWS: readonly Row[] = [
  {
    rule: 'a DELETE redirected by 307 to another origin: WebKit sends GET there; Firefox preflights with the page origin',
    request: { url: `${API}/hop`, method: 'DELETE' },
    sent: {
      chromium: [
        'OPTIONS api.example/hop origin=https://app.example acrh=null',
        'DELETE api.example/hop origin=https://app.example',
        'OPTIONS other.example/target origin=null acrh=null',
        'DELETE other.example/target origin=null',
      ],
      firefox: [
        'OPTIONS api.example/hop origin=https://app.example acrh=null',
        'DELETE api.example/hop origin=https://app.example',
        'OPTIONS other.example/target origin=https://app.example acrh=null',
        'DELETE other.example/target origin=null',
      ],
      webkit: [
        'OPTIONS api.example/hop origin=https://app.example acrh=null',
        'DELETE api.example/hop origin=https://app.example',
        'OPTIONS other.example/target origin=null acrh=null',
        'GET other.example/target origin=null',
      ],
      fetch: [
        'OPTIONS api.example/hop origin=https://app.example acrh=null',
        'DELETE api.example/hop origin=https://app.example',
        'OPTIONS other.example/target origin=null acrh=null',
        'DELETE other.example/target origin=null',
      ],
    },
  },
  {
    rule: 'a DELETE turned into GET by a 303: Firefox and WebKit still preflight the target',
    request: { url: `${API}/hop`, method: 'DELETE' },
    status: 303,
    sent: {
      chromium: [
        'OPTIONS api.example/hop origin=https://app.example acrh=null',
        'DELETE api.example/hop origin=https://app.example',
        'GET other.example/target origin=null',
      ],
      firefox: [
        'OPTIONS api.example/hop origin=https://app.example acrh=null',
        'DELETE api.example/hop origin=https://app.example',
        'OPTIONS other.example/target origin=https://app.example acrh=null',
        'GET other.example/target origin=null',
      ],
      webkit: [
        'OPTIONS api.example/hop origin=https://app.example acrh=null',
        'DELETE api.example/hop origin=https://app.example',
        'OPTIONS other.example/target origin=null acrh=null',
        'GET other.example/target origin=null',
      ],
      fetch: [
        'OPTIONS api.example/hop origin=https://app.example acrh=null',
        'DELETE api.example/hop origin=https://app.example',
        'GET other.example/target origin=null',
      ],
    },
  },
  {
    rule: 'Authorization dropped by a redirect to another origin: WebKit still asks for it at the target',
    request: { url: `${API}/hop`, headers: [['Authorization', 'Bearer t']] },
    sent: {
      chromium: [
        'OPTIONS api.example/hop origin=https://app.example acrh=authorization',
        'GET api.example/hop origin=https://app.example',
        'GET other.example/target origin=null',
      ],
      firefox: [
        'OPTIONS api.example/hop origin=https://app.example acrh=authorization',
        'GET api.example/hop origin=https://app.example',
        'OPTIONS other.example/target origin=https://app.example acrh=null',
        'GET other.example/target origin=null',
      ],
      webkit: [
        'OPTIONS api.example/hop origin=https://app.example acrh=authorization',
        'GET api.example/hop origin=https://app.example',
        'OPTIONS other.example/target origin=null acrh=authorization',
        'GET other.example/target origin=null',
      ],
      fetch: [
        'OPTIONS api.example/hop origin=https://app.example acrh=authorization',
        'GET api.example/hop origin=https://app.example',
        'GET other.example/target origin=null',
      ],
    },
  },
  {
    rule: 'Range: Bytes=0-1 is safelisted in WebKit only',
    request: { url: `${API}/data`, headers: [['Range', 'Bytes=0-1']] },
    sent: {
      ...same([
        'OPTIONS api.example/data origin=https://app.example acrh=range',
        'GET api.example/data origin=https://app.example',
      ]),
      webkit: ['GET api.example/data origin=https://app.example'],
    },
  },
  {
    rule: 'DPR is safelisted in Chromium only',
    request: { url: `${API}/data`, headers: [['DPR', '2']] },
    sent: {
      ...same(['OPTIONS api.example/data origin=https://app.example acrh=dpr']),
      chromium: ['GET api.example/data origin=https://app.example'],
    },
  },
];

describe('engine models', () => {
  for (const row of ROWS) {
    for (const model of MODELS) {
      test(`[${model}] ${row.rule}`, async () => {
        const { sent, transport } = server(row.status);
        await simulateFetch({ origin: PAGE, ...row.request }, transport, { model });
        assert.deepEqual(sent, row.sent[model]);
      });
    }
  }

  const noStore = { chromium: 3, firefox: 3, webkit: 1, fetch: 1 } as const;
  for (const model of MODELS) {
    test(`[${model}] three PUTs with cache: 'no-store' and max-age 600 send ${noStore[model]} preflight(s)`, async () => {
      const { sent, transport } = server();
      const cache = new PreflightCache({ model, now: () => 0 });
      for (let i = 0; i < 3; i++)
        await simulateFetch({ origin: PAGE, url: `${API}/data`, method: 'PUT', cache: 'no-store' }, transport, {
          model,
          cache,
        });
      assert.equal(sent.filter((line) => line.startsWith('OPTIONS')).length, noStore[model]);
    });
  }

  // The same request twice with one cache, max-age 600 (ModelRules.cachedWildcardCoversHeaders,
  // cacheCoversMethodsWithoutEntry, cachesTaintedPreflights, preflightCacheKeyedByCredentials),
  // the second time with `then` changed: the preflights sent to `host`.
  type Twice = {
    rule: string;
    request: Omit<SimulatedRequest, 'origin'>;
    then?: Partial<SimulatedRequest>;
    allowHeaders?: string;
    host: string;
    preflights: Readonly<Record<BrowserModel, number>>;
  };
  const twice: readonly Twice[] = [
    {
      rule: "PUT with X-B, headers allowed by a cached '*'",
      request: { url: `${API}/data`, method: 'PUT', headers: [['X-B', '2']] },
      allowHeaders: '*',
      host: 'api.example',
      preflights: { chromium: 1, firefox: 2, webkit: 1, fetch: 1 },
    },
    {
      rule: 'PUT with X-B, the header listed',
      request: { url: `${API}/data`, method: 'PUT', headers: [['X-B', '2']] },
      allowHeaders: 'x-b',
      host: 'api.example',
      preflights: { chromium: 1, firefox: 1, webkit: 1, fetch: 1 },
    },
    {
      rule: 'HEAD with X-A, HEAD not listed',
      request: { url: `${API}/data`, method: 'HEAD', headers: [['X-A', '1']] },
      host: 'api.example',
      preflights: { chromium: 1, firefox: 2, webkit: 1, fetch: 1 },
    },
    {
      rule: 'GET with X-A, GET not listed',
      request: { url: `${API}/data`, headers: [['X-A', '1']] },
      host: 'api.example',
      preflights: { chromium: 1, firefox: 1, webkit: 1, fetch: 1 },
    },
    {
      rule: "PUT with credentials, then without ('omit')",
      request: { url: `${API}/data`, method: 'PUT', credentials: 'include' },
      then: { credentials: 'omit' },
      host: 'api.example',
      preflights: { chromium: 1, firefox: 2, webkit: 1, fetch: 1 },
    },
    {
      rule: "PUT without credentials ('omit'), then with",
      request: { url: `${API}/data`, method: 'PUT', credentials: 'omit' },
      then: { credentials: 'include' },
      host: 'api.example',
      preflights: { chromium: 2, firefox: 2, webkit: 2, fetch: 2 },
    },
    {
      rule: 'PATCH through a 307 to another origin (tainted), at the target',
      request: { url: `${API}/hop`, method: 'PATCH' },
      host: 'other.example',
      preflights: { chromium: 2, firefox: 1, webkit: 2, fetch: 1 },
    },
  ];
  for (const row of twice) {
    for (const model of MODELS) {
      test(`[${model}] ${row.rule}${row.then ? '' : ', twice'}: ${row.preflights[model]} preflight(s) to ${row.host}`, async () => {
        const { sent, transport } = server(307, row.allowHeaders);
        const cache = new PreflightCache({ model, now: () => 0 });
        for (const request of [row.request, { ...row.request, ...row.then }]) {
          const verdict = await simulateFetch({ origin: PAGE, ...request }, transport, { model, cache });
          assert.equal(verdict.allowed, true, verdict.message);
        }
        assert.equal(sent.filter((line) => line.startsWith(`OPTIONS ${row.host}/`)).length, row.preflights[model]);
      });
    }
  }

  // PUT, then a refused preflight for `patch` to the same URL, then PUT again (ModelRules.dropsRecordOnMiss, forgetsPreflightOnPreflightFailure).
  const refusedBetween: ReadonlyArray<{
    rule: string;
    refusal: 403 | 204;
    noStore?: boolean;
    preflights: Readonly<Record<BrowserModel, number>>;
  }> = [
    { rule: 'refused 403', refusal: 403, preflights: { chromium: 3, firefox: 3, webkit: 3, fetch: 2 } },
    {
      rule: "refused 403 for a cache: 'no-store' patch",
      refusal: 403,
      noStore: true,
      preflights: { chromium: 2, firefox: 3, webkit: 3, fetch: 2 },
    },
    {
      rule: 'answered 204 allowing PUT only',
      refusal: 204,
      preflights: { chromium: 3, firefox: 3, webkit: 2, fetch: 2 },
    },
  ];
  for (const row of refusedBetween) {
    for (const model of MODELS) {
      test(`[${model}] PUT, a preflight for patch ${row.rule}, PUT again: ${row.preflights[model]} preflights`, async () => {
        const { preflights, transport } = putOnlyServer(row.refusal);
        const cache = new PreflightCache({ model, now: () => 0 });
        const send = (method: string, noStore = false) =>
          simulateFetch(
            { origin: PAGE, url: `${API}/data`, method, ...(noStore ? { cache: 'no-store' as const } : {}) },
            transport,
            { model, cache },
          );
        const allowed = [await send('PUT'), await send('patch', row.noStore), await send('PUT')].map(
          (verdict) => verdict.allowed,
        );
        assert.deepEqual(allowed, [true, false, true]);
        assert.deepEqual(preflights.slice(0, 2), ['PUT', 'patch']);
        assert.equal(preflights.length, row.preflights[model]);
      });
    }
  }
});
