// `corsguard check --cookie 'name=value; attributes' [--cookie-set-by …]` over real sockets: a
// page on another site (app.localhost) calls an API on 127.0.0.1; what reaches the server is
// what the engine's cookie model sends, and the JSON verdict says why a cookie stays behind and
// what becomes of the server's Set-Cookie.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkJson, invoke } from './cli-harness.ts';
import { startServer, type TestServer } from './servers.ts';

const CROSS_SITE_ORIGIN = 'http://app.localhost:3000';

interface CookieVerdict {
  readonly cookies: {
    readonly exchanges: ReadonlyArray<{
      kind: string;
      sent: string[];
      withheld: Array<{ name: string; reason: string; fix?: string }>;
    }>;
    readonly set: ReadonlyArray<{ name: string; stored: boolean; reason?: string; partition?: string; fix?: string }>;
  };
}

describe('corsguard check --cookie across sites', { concurrency: true }, () => {
  let api: TestServer;
  before(async () => {
    api = await startServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const setCookie = url.pathname === '/login' ? 'token=s3cret; SameSite=Lax' : url.searchParams.get('set');
      response.writeHead(200, {
        'access-control-allow-origin': request.headers.origin ?? '*',
        'access-control-allow-credentials': 'true',
        ...(setCookie ? { 'set-cookie': setCookie } : {}),
      });
      response.end();
    });
  });
  after(() => api.close());

  const sendRows = [
    {
      rule: 'Chromium: a cookie without SameSite is Lax, kept from a cross-site request',
      path: '/s1',
      cookie: 'sid=1',
      browser: 'chromium',
      setBy: [],
      arrives: undefined,
      reason: 'samesite-unset-lax',
    },
    {
      rule: 'Chromium: SameSite=None; Secure set by a visit is a blocked third-party cookie',
      path: '/s2',
      cookie: 'sid=1; SameSite=None; Secure',
      browser: 'chromium',
      setBy: [],
      arrives: undefined,
      reason: 'third-party-blocked',
    },
    {
      rule: "Chromium: Partitioned, set by the page's own fetch, is sent",
      path: '/s3',
      cookie: 'sid=1; SameSite=None; Secure; Partitioned',
      browser: 'chromium',
      setBy: ['--cookie-set-by', 'cross-site'],
      arrives: 'sid=1',
      reason: undefined,
    },
    {
      rule: "Firefox: a cross-site page has its own jar, without the visit's cookie",
      path: '/s4',
      cookie: 'sid=1; SameSite=None; Secure',
      browser: 'firefox',
      setBy: [],
      arrives: undefined,
      reason: 'third-party-partitioned',
    },
    {
      rule: 'WebKit: a cookie without SameSite goes cross-site',
      path: '/s5',
      cookie: 'sid=1',
      browser: 'webkit',
      setBy: [],
      arrives: 'sid=1',
      reason: undefined,
    },
    {
      rule: 'WebKit: SameSite=Lax stays behind',
      path: '/s6',
      cookie: 'sid=1; SameSite=Lax',
      browser: 'webkit',
      setBy: [],
      arrives: undefined,
      reason: 'samesite-lax',
    },
  ];
  for (const row of sendRows) {
    test(`--cookie: ${row.rule}`, async () => {
      const { code, verdict } = await checkJson([
        `${api.url}${row.path}`,
        '--origin',
        CROSS_SITE_ORIGIN,
        '--credentials',
        '--cookie',
        row.cookie,
        ...row.setBy,
        '--browser',
        row.browser,
      ]);
      assert.equal(code, 0, "the CORS verdict is not the cookie's");
      assert.deepEqual(
        api.arrivals.filter((arrival) => arrival.path === row.path).map((arrival) => arrival.headers.cookie),
        [row.arrives],
      );
      const [exchange] = (verdict as unknown as CookieVerdict).cookies.exchanges;
      assert.deepEqual(
        exchange?.withheld.map((entry) => entry.reason),
        row.reason ? [row.reason] : [],
      );
      if (row.reason) assert.ok(exchange?.withheld[0]?.fix, 'a withheld cookie comes with a fix');
    });
  }

  test('--browser all: each engine sends what its model sends; engines that send the same share one exchange', async () => {
    const { verdict } = await checkJson([
      `${api.url}/all`,
      '--origin',
      CROSS_SITE_ORIGIN,
      '--credentials',
      '--cookie',
      'sid=1',
      '--browser',
      'all',
    ]);
    assert.deepEqual(
      api.arrivals.filter((arrival) => arrival.path === '/all').map((arrival) => arrival.headers.cookie),
      [undefined, 'sid=1'],
    );
    const verdicts = (verdict as { verdicts: Record<string, CookieVerdict> }).verdicts;
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(verdicts).map(([engine, each]) => [
          engine,
          each.cookies.exchanges[0]?.withheld.map((entry) => entry.reason),
        ]),
      ),
      { chromium: ['samesite-unset-lax'], firefox: ['third-party-partitioned'], webkit: [] },
    );
  });

  const setRows = [
    {
      rule: 'Chromium drops SameSite=Lax from a cross-site answer',
      line: 'sid=1; SameSite=Lax',
      browser: 'chromium',
      stored: false,
      reason: 'samesite-lax',
    },
    {
      rule: 'Chromium blocks an unpartitioned SameSite=None; Secure',
      line: 'sid=1; SameSite=None; Secure',
      browser: 'chromium',
      stored: false,
      reason: 'third-party-blocked',
    },
    {
      rule: 'Chromium keeps SameSite=None; Secure; Partitioned',
      line: 'sid=1; SameSite=None; Secure; Partitioned',
      browser: 'chromium',
      stored: true,
      reason: undefined,
    },
    {
      rule: "Firefox keeps SameSite=None; Secure in the page's partition",
      line: 'sid=1; SameSite=None; Secure',
      browser: 'firefox',
      stored: true,
      reason: 'third-party-partitioned',
    },
    {
      rule: "WebKit keeps nothing from another host's answer",
      line: 'sid=1; SameSite=None',
      browser: 'webkit',
      stored: false,
      reason: 'third-party-blocked',
    },
    {
      rule: 'WebKit keeps no Secure cookie over http, even on a loopback address',
      line: 'sid=1; SameSite=None; Secure',
      browser: 'webkit',
      stored: false,
      reason: 'secure-insecure-url',
    },
  ];
  for (const row of setRows) {
    test(`Set-Cookie in the answer: ${row.rule}`, async () => {
      const { verdict } = await checkJson([
        `${api.url}/set?set=${encodeURIComponent(row.line)}`,
        '--origin',
        CROSS_SITE_ORIGIN,
        '--credentials',
        '--browser',
        row.browser,
      ]);
      const [set] = (verdict as unknown as CookieVerdict).cookies.set;
      assert.deepEqual({ stored: set?.stored, reason: set?.reason }, { stored: row.stored, reason: row.reason });
    });
  }

  test('the text verdict explains the cookie and the Set-Cookie, without the cookie values', async () => {
    const result = await invoke([
      'check',
      `${api.url}/login`,
      '--origin',
      CROSS_SITE_ORIGIN,
      '--credentials',
      '--cookie',
      'sid=abc',
      '--browser',
      'chromium',
    ]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Cookies:/);
    assert.match(result.stdout, /does not send sid/);
    assert.match(result.stdout, /Set-Cookie: token=…; SameSite=Lax/);
    assert.doesNotMatch(result.stdout, /s3cret/);
  });
});
