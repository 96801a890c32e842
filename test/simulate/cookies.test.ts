// The simulator's cookie model, one row per rule and engine, against an in-memory API: which
// cookies each exchange carries (TransportRequest.cookie and verdict.cookies) and what each
// Set-Cookie becomes. The engines themselves are checked in test/browser/cookies-cross-site.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  simulateFetch,
  type BrowserModel,
  type SimulatedCookie,
  type SimulatedRequest,
  type TransportRequest,
} from '../../src/simulate/index.ts';

const API = 'https://api.example.com';
const SAME_SITE_PAGE = 'https://app.example.com';
const CROSS_SITE_PAGE = 'https://app.other.com';

/** Allows the request's origin with credentials; /login sets SET_COOKIE; /hop redirects to `to`. */
function api(options: { setCookie?: string; cors?: boolean; to?: string } = {}) {
  const sent: Array<{ method: string; url: string; cookie: string | undefined }> = [];
  const transport = async (request: TransportRequest) => {
    sent.push({ method: request.method, url: request.url, cookie: request.cookie });
    const origin = request.headers.get('origin');
    const headers = new Headers(
      options.cors === false || !origin
        ? {}
        : {
            'access-control-allow-origin': origin,
            'access-control-allow-credentials': 'true',
            'access-control-allow-methods': 'PUT',
          },
    );
    if (options.setCookie && request.method !== 'OPTIONS') headers.append('set-cookie', options.setCookie);
    const url = new URL(request.url);
    if (url.pathname === '/hop' && request.method !== 'OPTIONS') {
      headers.set('location', options.to ?? '/data');
      return { status: 302, headers };
    }
    return { status: request.method === 'OPTIONS' ? 204 : 200, headers };
  };
  return { sent, transport };
}

const sid = (attributes: Partial<SimulatedCookie> = {}): SimulatedCookie => ({
  name: 'sid',
  value: 'abc',
  ...attributes,
});
const credentialed = (
  origin: string,
  cookies: SimulatedCookie[],
  extra: Partial<SimulatedRequest> = {},
): SimulatedRequest => ({ url: `${API}/data`, origin, credentials: 'include', cookies, ...extra });

describe('which held cookies a request carries', () => {
  const rows: Array<{
    rule: string;
    model: BrowserModel;
    request: SimulatedRequest;
    cookie: string | undefined;
    reason?: string;
  }> = [
    {
      rule: 'a same-site page sends a Strict cookie',
      model: 'chromium',
      request: credentialed(SAME_SITE_PAGE, [sid({ sameSite: 'Strict' })]),
      cookie: 'sid=abc',
    },
    {
      rule: 'credentials omit sends none',
      model: 'chromium',
      request: credentialed(SAME_SITE_PAGE, [sid()], { credentials: 'omit' }),
      cookie: undefined,
      reason: 'credentials-not-included',
    },
    {
      rule: "credentials 'same-origin' to another origin sends none",
      model: 'firefox',
      request: credentialed(SAME_SITE_PAGE, [sid()], { credentials: 'same-origin' }),
      cookie: undefined,
      reason: 'credentials-not-included',
    },
    {
      rule: 'Chromium: no SameSite is Lax, not sent cross-site',
      model: 'chromium',
      request: credentialed(CROSS_SITE_PAGE, [sid({ secure: true })]),
      cookie: undefined,
      reason: 'samesite-unset-lax',
    },
    {
      rule: 'Firefox: no SameSite is None, but the cross-site page has its own jar',
      model: 'firefox',
      request: credentialed(CROSS_SITE_PAGE, [sid({ secure: true })]),
      cookie: undefined,
      reason: 'third-party-partitioned',
    },
    {
      rule: 'WebKit: a visit-set cookie without SameSite is sent cross-site',
      model: 'webkit',
      request: credentialed(CROSS_SITE_PAGE, [sid()]),
      cookie: 'sid=abc',
    },
    {
      rule: 'WebKit: Lax is not sent cross-site',
      model: 'webkit',
      request: credentialed(CROSS_SITE_PAGE, [sid({ sameSite: 'Lax' })]),
      cookie: undefined,
      reason: 'samesite-lax',
    },
    {
      rule: 'Chromium: SameSite=None; Secure set by a visit is a blocked third-party cookie',
      model: 'chromium',
      request: credentialed(CROSS_SITE_PAGE, [sid({ sameSite: 'None', secure: true })]),
      cookie: undefined,
      reason: 'third-party-blocked',
    },
    {
      rule: 'the standard: SameSite=None; Secure goes cross-site',
      model: 'fetch',
      request: credentialed(CROSS_SITE_PAGE, [sid({ sameSite: 'None', secure: true })]),
      cookie: 'sid=abc',
    },
    {
      rule: 'Chromium: Partitioned, set by a fetch of this page, is sent',
      model: 'chromium',
      request: credentialed(CROSS_SITE_PAGE, [
        sid({ sameSite: 'None', secure: true, partitioned: true, setBy: 'response' }),
      ]),
      cookie: 'sid=abc',
    },
    {
      rule: "a Partitioned cookie set by a visit is kept for the API's site only",
      model: 'chromium',
      request: credentialed(CROSS_SITE_PAGE, [sid({ sameSite: 'None', secure: true, partitioned: true })]),
      cookie: undefined,
      reason: 'other-partition',
    },
    {
      rule: 'Chromium never stored SameSite=None without Secure',
      model: 'chromium',
      request: credentialed(SAME_SITE_PAGE, [sid({ sameSite: 'None' })]),
      cookie: undefined,
      reason: 'not-stored',
    },
    {
      rule: 'WebKit keeps SameSite=None without Secure',
      model: 'webkit',
      request: credentialed(SAME_SITE_PAGE, [sid({ sameSite: 'None' })]),
      cookie: 'sid=abc',
    },
    {
      rule: 'WebKit refuses Secure over http://localhost',
      model: 'webkit',
      request: credentialed('http://a.example.localhost:3000', [sid({ secure: true })], {
        url: 'http://api.example.localhost:4000/data',
      }),
      cookie: undefined,
      reason: 'not-stored',
    },
    {
      rule: 'Chromium keeps Secure over http://localhost',
      model: 'chromium',
      request: credentialed('http://a.example.localhost:3000', [sid({ secure: true })], {
        url: 'http://api.example.localhost:4000/data',
      }),
      cookie: 'sid=abc',
    },
    {
      rule: 'a Path that does not cover the URL',
      model: 'chromium',
      request: credentialed(SAME_SITE_PAGE, [sid({ path: '/admin' })]),
      cookie: undefined,
      reason: 'path-mismatch',
    },
    {
      rule: 'a Domain cookie goes to a sibling host',
      model: 'chromium',
      request: credentialed(SAME_SITE_PAGE, [sid({ domain: 'example.com', setOn: 'https://www.example.com/' })]),
      cookie: 'sid=abc',
    },
  ];
  for (const row of rows) {
    test(`${row.model}: ${row.rule}`, async () => {
      const { sent, transport } = api();
      const verdict = await simulateFetch(row.request, transport, { model: row.model });
      assert.equal(sent.at(-1)?.cookie, row.cookie);
      const exchange = verdict.cookies?.exchanges.at(-1);
      assert.deepEqual(exchange?.sent, row.cookie ? ['sid'] : []);
      assert.deepEqual(
        exchange?.withheld.map((entry) => entry.reason),
        row.reason ? [row.reason] : [],
      );
    });
  }

  test('a preflight never carries cookies; the request after it does', async () => {
    const { sent, transport } = api();
    const verdict = await simulateFetch(credentialed(SAME_SITE_PAGE, [sid()], { method: 'PUT' }), transport, {
      model: 'chromium',
    });
    assert.deepEqual(
      sent.map((exchange) => [exchange.method, exchange.cookie]),
      [
        ['OPTIONS', undefined],
        ['PUT', 'sid=abc'],
      ],
    );
    assert.deepEqual(
      verdict.cookies?.exchanges.map((exchange) => [exchange.kind, exchange.withheld.map((entry) => entry.reason)]),
      [
        ['preflight', ['preflight']],
        ['request', []],
      ],
    );
  });

  test('a redirect to another host does not carry a host-only cookie', async () => {
    const { sent, transport } = api({ to: 'https://other.example.com/data' });
    await simulateFetch(credentialed(SAME_SITE_PAGE, [sid()], { url: `${API}/hop` }), transport, { model: 'chromium' });
    assert.deepEqual(
      sent.map((exchange) => exchange.cookie),
      ['sid=abc', undefined],
    );
  });

  test('without SimulatedRequest.cookies the verdict has no cookies field (the API before cookies)', async () => {
    const verdict = await simulateFetch(
      { url: `${API}/data`, origin: SAME_SITE_PAGE, credentials: 'include' },
      api().transport,
    );
    assert.equal('cookies' in verdict, false);
  });
});

describe('what a Set-Cookie in the answer becomes', () => {
  const rows: Array<{
    rule: string;
    model: BrowserModel;
    origin: string;
    line: string;
    credentials?: 'include' | 'omit';
    cors?: boolean;
    stored: boolean;
    partition?: string;
    reason?: string;
  }> = [
    {
      rule: 'a same-site answer sets a Lax cookie',
      model: 'chromium',
      origin: SAME_SITE_PAGE,
      line: 'sid=1; SameSite=Lax',
      stored: true,
    },
    {
      rule: 'a Lax cookie from a cross-site answer is dropped',
      model: 'firefox',
      origin: CROSS_SITE_PAGE,
      line: 'sid=1; SameSite=Lax; Secure',
      stored: false,
      reason: 'samesite-lax',
    },
    {
      rule: 'Chromium drops no-SameSite from a cross-site answer (Lax by default)',
      model: 'chromium',
      origin: CROSS_SITE_PAGE,
      line: 'sid=1; Secure; Partitioned',
      stored: false,
      reason: 'samesite-unset-lax',
    },
    {
      rule: 'Chromium blocks an unpartitioned third-party cookie',
      model: 'chromium',
      origin: CROSS_SITE_PAGE,
      line: 'sid=1; SameSite=None; Secure',
      stored: false,
      reason: 'third-party-blocked',
    },
    {
      rule: "Chromium keeps a Partitioned one under the page's site",
      model: 'chromium',
      origin: CROSS_SITE_PAGE,
      line: 'sid=1; SameSite=None; Secure; Partitioned',
      stored: true,
      partition: 'https://other.com',
    },
    {
      rule: "Firefox keeps a third-party cookie in the page's partition",
      model: 'firefox',
      origin: CROSS_SITE_PAGE,
      line: 'sid=1; SameSite=None; Secure',
      stored: true,
      partition: 'https://other.com',
      reason: 'third-party-partitioned',
    },
    {
      rule: "WebKit keeps nothing from another host's answer, even same-site",
      model: 'webkit',
      origin: SAME_SITE_PAGE,
      line: 'sid=1; SameSite=Lax',
      stored: false,
      reason: 'third-party-blocked',
    },
    {
      rule: 'Partitioned without Secure is rejected',
      model: 'firefox',
      origin: SAME_SITE_PAGE,
      line: 'sid=1; Partitioned',
      stored: false,
      reason: 'partitioned-insecure',
    },
    { rule: 'WebKit ignores Partitioned', model: 'webkit', origin: API, line: 'sid=1; Partitioned', stored: true },
    {
      rule: 'an answer to a fetch without credentials sets nothing',
      model: 'chromium',
      origin: SAME_SITE_PAGE,
      line: 'sid=1',
      credentials: 'omit',
      stored: false,
      reason: 'credentials-not-included',
    },
    {
      rule: 'an answer that fails the CORS check still sets its cookie',
      model: 'chromium',
      origin: SAME_SITE_PAGE,
      line: 'sid=1; SameSite=Lax',
      cors: false,
      stored: true,
    },
  ];
  for (const row of rows) {
    test(`${row.model}: ${row.rule}`, async () => {
      const { transport } = api({ setCookie: row.line, cors: row.cors ?? true });
      const verdict = await simulateFetch(
        { url: `${API}/login`, origin: row.origin, credentials: row.credentials ?? 'include', cookies: [] },
        transport,
        { model: row.model },
      );
      const [set] = verdict.cookies?.set ?? [];
      assert.deepEqual(
        { stored: set?.stored, partition: set?.partition, reason: set?.reason, line: set?.line },
        { stored: row.stored, partition: row.partition, reason: row.reason, line: row.line },
      );
      assert.equal(
        set?.fix !== undefined,
        !row.stored || row.reason !== undefined,
        'a cookie not stored where the page can use it comes with a fix',
      );
    });
  }
});
