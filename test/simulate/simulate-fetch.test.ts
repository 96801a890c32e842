// simulateFetch end to end against in-memory servers: one row per protocol rule.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PreflightCache,
  simulateFetch,
  type FixOptions,
  type SimulatedRequest,
  type TransportRequest,
} from '../../src/simulate/index.ts';

const PAGE = 'https://app.example';
const API = 'https://api.example';

type Answer = { status?: number; headers?: Readonly<Record<string, string | undefined>> };
type Server = (request: TransportRequest) => Answer;

function recording(server: Server) {
  const log: TransportRequest[] = [];
  const transport = async (request: TransportRequest) => {
    log.push(request);
    const answer = server(request);
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers ?? {}))
      if (value !== undefined) headers.append(name, value);
    return { status: answer.status ?? 200, headers };
  };
  return { log, transport };
}

const allowAll: Server = (request): Answer =>
  request.method === 'OPTIONS'
    ? {
        status: 204,
        headers: {
          'access-control-allow-origin': PAGE,
          'access-control-allow-methods': 'PUT, PATCH, DELETE',
          'access-control-allow-headers': 'x-api-key, content-type',
        },
      }
    : { headers: { 'access-control-allow-origin': PAGE, 'content-type': 'text/plain' } };

interface Row {
  readonly rule: string;
  readonly request: Partial<SimulatedRequest>;
  readonly server: Server;
  readonly allowed: boolean;
  readonly reason?: string;
  readonly stage?: string;
  /** `METHOD url` of every exchange the browser makes. */
  readonly exchanges: string[];
  readonly fixOptions?: FixOptions;
  readonly fixSide?: 'server' | 'client';
  /** readHeaders the server did not send: they block nothing. */
  readonly unsent?: string[];
}

const rows: Row[] = [
  {
    rule: 'a simple GET with the exact origin is allowed without preflight',
    request: {},
    server: allowAll,
    allowed: true,
    exchanges: [`GET ${API}/items`],
  },
  {
    rule: 'a missing Access-Control-Allow-Origin blocks the response',
    request: {},
    server: () => ({}),
    allowed: false,
    reason: 'missing-allow-origin',
    stage: 'actual',
    exchanges: [`GET ${API}/items`],
    fixOptions: { origin: [PAGE] },
  },
  {
    rule: 'PUT is preflighted, then sent',
    request: { method: 'put' },
    server: allowAll,
    allowed: true,
    exchanges: [`OPTIONS ${API}/items`, `PUT ${API}/items`],
  },
  {
    rule: 'an unlisted header fails the preflight; the actual request is never sent',
    request: { headers: { 'X-Api-Key': 'k', 'X-Trace': 't' } },
    server: allowAll,
    allowed: false,
    reason: 'header-not-allowed',
    stage: 'preflight',
    exchanges: [`OPTIONS ${API}/items`],
    fixOptions: { allowedHeaders: ['x-trace'] },
  },
  {
    rule: 'a preflight answered 404 fails (no ok status)',
    request: { method: 'DELETE' },
    server: (request) =>
      request.method === 'OPTIONS' ? { status: 404, headers: { 'access-control-allow-origin': PAGE } } : {},
    allowed: false,
    reason: 'preflight-invalid-status',
    stage: 'preflight',
    exchanges: [`OPTIONS ${API}/items`],
  },
  {
    rule: 'a redirected preflight fails',
    request: { method: 'DELETE' },
    server: () => ({ status: 301, headers: { location: '/items/', 'access-control-allow-origin': PAGE } }),
    allowed: false,
    reason: 'preflight-redirect',
    stage: 'preflight',
    exchanges: [`OPTIONS ${API}/items`],
    fixSide: 'client',
  },
  {
    rule: "'*' fails a credentialed request",
    request: { credentials: 'include' },
    server: () => ({ headers: { 'access-control-allow-origin': '*' } }),
    allowed: false,
    reason: 'wildcard-origin-with-credentials',
    exchanges: [`GET ${API}/items`],
    fixOptions: { origin: [PAGE], credentials: true },
  },
  {
    rule: 'Access-Control-Allow-Credentials must be exactly true',
    request: { credentials: 'include' },
    server: () => ({ headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-credentials': 'TRUE' } }),
    allowed: false,
    reason: 'invalid-allow-credentials',
    exchanges: [`GET ${API}/items`],
    fixOptions: { origin: [PAGE], credentials: true },
  },
  {
    rule: 'credentials same-origin is treated as omit cross-origin',
    request: { credentials: 'same-origin' },
    server: () => ({ headers: { 'access-control-allow-origin': '*' } }),
    allowed: true,
    exchanges: [`GET ${API}/items`],
  },
  {
    rule: 'a response header script wants to read must be exposed',
    request: { readHeaders: ['X-Total'] },
    server: () => ({ headers: { 'access-control-allow-origin': PAGE, 'x-total': '3' } }),
    allowed: false,
    reason: 'header-not-exposed',
    stage: 'read',
    exchanges: [`GET ${API}/items`],
    fixOptions: { exposedHeaders: ['x-total'] },
  },
  {
    rule: 'a header the server did not send blocks nothing: the fetch is allowed and the name is reported as unsent',
    request: { readHeaders: ['X-Total'] },
    server: () => ({ headers: { 'access-control-allow-origin': PAGE } }),
    allowed: true,
    exchanges: [`GET ${API}/items`],
    unsent: ['x-total'],
  },
  {
    rule: 'an unsent header beside a hidden one: the hidden one is the refusal, the unsent one is still reported',
    request: { readHeaders: ['X-Total', 'X-Missing'] },
    server: () => ({ headers: { 'access-control-allow-origin': PAGE, 'x-total': '3' } }),
    allowed: false,
    reason: 'header-not-exposed',
    exchanges: [`GET ${API}/items`],
    unsent: ['x-missing'],
  },
  {
    rule: 'an exposed header is readable',
    request: { readHeaders: ['X-Total'] },
    server: () => ({
      headers: { 'access-control-allow-origin': PAGE, 'access-control-expose-headers': 'X-Total', 'x-total': '3' },
    }),
    allowed: true,
    exchanges: [`GET ${API}/items`],
  },
  {
    rule: "a cross-origin redirect taints the origin: the next hop must allow 'null'",
    request: {},
    server: (request) =>
      request.url.startsWith(API)
        ? { status: 302, headers: { location: 'https://cdn.example/file', 'access-control-allow-origin': PAGE } }
        : { headers: { 'access-control-allow-origin': request.headers.get('origin') === 'null' ? 'null' : PAGE } },
    allowed: true,
    exchanges: [`GET ${API}/items`, 'GET https://cdn.example/file'],
  },
  {
    rule: "after a cross-origin redirect the page's own origin no longer matches",
    request: {},
    server: (request) =>
      request.url.startsWith(API)
        ? { status: 302, headers: { location: 'https://cdn.example/file', 'access-control-allow-origin': PAGE } }
        : { headers: { 'access-control-allow-origin': PAGE } },
    allowed: false,
    reason: 'allow-origin-mismatch',
    stage: 'actual',
    exchanges: [`GET ${API}/items`, 'GET https://cdn.example/file'],
    fixSide: 'client',
  },
  {
    rule: 'the redirect response itself is CORS-checked',
    request: {},
    server: () => ({ status: 302, headers: { location: '/elsewhere' } }),
    allowed: false,
    reason: 'missing-allow-origin',
    stage: 'redirect',
    exchanges: [`GET ${API}/items`],
  },
  {
    rule: 'a same-origin request is not subject to CORS',
    request: { url: `${PAGE}/api` },
    server: () => ({ headers: { 'x-total': '1' } }),
    allowed: true,
    exchanges: [`GET ${PAGE}/api`],
  },
  {
    rule: 'a same-origin request redirected cross-origin becomes a CORS request',
    request: { url: `${PAGE}/go` },
    server: (request) => (request.url.startsWith(PAGE) ? { status: 307, headers: { location: `${API}/x` } } : {}),
    allowed: false,
    reason: 'missing-allow-origin',
    exchanges: [`GET ${PAGE}/go`, `GET ${API}/x`],
  },
  {
    rule: 'a lowercase custom method is sent as written and compared case-sensitively',
    request: { method: 'patch' },
    server: (request) =>
      request.method === 'OPTIONS'
        ? { status: 204, headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-methods': 'PATCH' } }
        : {},
    allowed: false,
    reason: 'method-not-allowed',
    exchanges: [`OPTIONS ${API}/items`],
    fixSide: 'client',
  },
  {
    rule: 'a forbidden method never reaches the network',
    request: { method: 'TRACE' },
    server: allowAll,
    allowed: false,
    reason: 'forbidden-method',
    stage: 'request',
    exchanges: [],
  },
  {
    rule: 'an invalid URL never reaches the network',
    request: { url: 'not a url' },
    server: allowAll,
    allowed: false,
    reason: 'invalid-url',
    stage: 'request',
    exchanges: [],
  },
  {
    rule: 'a non-http(s) scheme is not fetched',
    request: { url: 'ftp://api.example/x' },
    server: allowAll,
    allowed: false,
    reason: 'unsupported-scheme',
    stage: 'request',
    exchanges: [],
  },
  {
    rule: 'a URL with user:password@ makes new Request() throw: nothing is sent',
    request: { url: 'https://user:pw@api.example/items' },
    server: allowAll,
    allowed: false,
    reason: 'url-contains-credentials',
    stage: 'request',
    exchanges: [],
    fixSide: 'client',
  },
  {
    rule: 'a readHeaders entry that is not a header name is refused up front',
    request: { readHeaders: ['X Bad'] },
    server: allowAll,
    allowed: false,
    reason: 'invalid-read-header',
    stage: 'request',
    exchanges: [],
  },
  {
    rule: 'Set-Cookie is never readable, even when exposed: a client-side fix, not exposedHeaders',
    request: { readHeaders: ['Set-Cookie'], credentials: 'include' },
    server: () => ({
      headers: {
        'access-control-allow-origin': PAGE,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'set-cookie',
        'set-cookie': 'a=1',
      },
    }),
    allowed: false,
    reason: 'header-never-readable',
    stage: 'read',
    exchanges: [`GET ${API}/items`],
    fixSide: 'client',
  },
  {
    rule: 'Set-Cookie is hidden from same-origin script too',
    request: { url: `${PAGE}/me`, readHeaders: ['set-cookie'] },
    server: () => ({ headers: { 'set-cookie': 'a=1' } }),
    allowed: false,
    reason: 'header-never-readable',
    exchanges: [`GET ${PAGE}/me`],
  },
  {
    rule: 'asking to read Set-Cookie is answered "never readable" even when the server did not send it',
    request: { readHeaders: ['set-cookie'] },
    server: () => ({ headers: { 'access-control-allow-origin': PAGE } }),
    allowed: false,
    reason: 'header-never-readable',
    exchanges: [`GET ${API}/items`],
    fixSide: 'client',
  },
  {
    rule: 'after a cross-origin redirect (Origin: null), two Allow-Origin values are not fixed by listing the page origin',
    request: {},
    server: (request) =>
      request.url.startsWith(API)
        ? { status: 302, headers: { location: 'https://cdn.example/x', 'access-control-allow-origin': PAGE } }
        : { headers: { 'access-control-allow-origin': `${PAGE}, https://other.example` } },
    allowed: false,
    reason: 'multiple-allow-origin',
    exchanges: [`GET ${API}/items`, 'GET https://cdn.example/x'],
    fixSide: 'client',
  },
  {
    rule: 'an unparsable Access-Control-Expose-Headers hides every listed name',
    request: { readHeaders: ['X-A'] },
    server: () => ({
      headers: { 'access-control-allow-origin': PAGE, 'access-control-expose-headers': 'X-A, X B', 'x-a': '1' },
    }),
    allowed: false,
    reason: 'invalid-expose-headers',
    exchanges: [`GET ${API}/items`],
    fixOptions: { exposedHeaders: ['x-a'] },
  },
  {
    rule: "'*' with credentials at the preflight: the fix names the method and headers the preflight asked for",
    request: { method: 'PUT', headers: { 'X-Api-Key': 'k' }, credentials: 'include' },
    server: () => ({
      status: 204,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': '*',
        'access-control-allow-headers': '*',
      },
    }),
    allowed: false,
    reason: 'wildcard-origin-with-credentials',
    stage: 'preflight',
    exchanges: [`OPTIONS ${API}/items`],
    fixOptions: { origin: [PAGE], methods: ['PUT'], allowedHeaders: ['x-api-key'], credentials: true },
  },
  {
    rule: "after a cross-origin redirect (Origin: null), '*' with credentials cannot be fixed by listing the page's origin",
    request: { credentials: 'include' },
    server: (request) =>
      request.url.startsWith(API)
        ? {
            status: 302,
            headers: {
              location: 'https://cdn.example/x',
              'access-control-allow-origin': PAGE,
              'access-control-allow-credentials': 'true',
            },
          }
        : { headers: { 'access-control-allow-origin': '*' } },
    allowed: false,
    reason: 'wildcard-origin-with-credentials',
    exchanges: [`GET ${API}/items`, 'GET https://cdn.example/x'],
    fixSide: 'client',
  },
  {
    rule: "a page with an opaque origin ('null') is told why, not given origin: ['null']",
    request: { origin: 'null' },
    server: () => ({}),
    allowed: false,
    reason: 'missing-allow-origin',
    exchanges: [`GET ${API}/items`],
    fixSide: 'client',
  },
  {
    rule: 'a redirect to a URL with credentials fails',
    request: {},
    server: () => ({
      status: 302,
      headers: { location: 'https://user:pw@cdn.example/', 'access-control-allow-origin': PAGE },
    }),
    allowed: false,
    reason: 'redirect-contains-credentials',
    exchanges: [`GET ${API}/items`],
  },
  {
    rule: 'more than 20 redirects fail',
    request: {},
    server: (request) => ({
      status: 302,
      headers: { location: `${request.url}x`, 'access-control-allow-origin': PAGE },
    }),
    allowed: false,
    reason: 'too-many-redirects',
    exchanges: Array.from({ length: 21 }, (_, i) => `GET ${API}/items${'x'.repeat(i)}`),
  },
];

describe('simulateFetch', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      const { log, transport } = recording(row.server);
      const verdict = await simulateFetch({ url: `${API}/items`, origin: PAGE, ...row.request }, transport);
      assert.equal(verdict.allowed, row.allowed, verdict.message);
      assert.equal(verdict.reason, row.reason);
      if (row.stage) assert.equal(verdict.stage, row.stage);
      assert.deepEqual(
        log.map((request) => `${request.method} ${request.url}`),
        row.exchanges,
      );
      if (row.fixOptions) assert.deepEqual(verdict.fix?.options, row.fixOptions);
      if (row.fixSide) assert.equal(verdict.fix?.side, row.fixSide);
      assert.deepEqual(verdict.unsentHeaders, row.unsent);
      if (!row.allowed) assert.ok(verdict.message && verdict.steps.at(-1)?.ok === false);
    });
  }

  test('the preflight carries Origin, Access-Control-Request-Method and sorted Access-Control-Request-Headers', async () => {
    const { log, transport } = recording(allowAll);
    await simulateFetch(
      {
        url: `${API}/items`,
        origin: PAGE,
        method: 'PUT',
        headers: { 'X-Api-Key': 'k', 'Content-Type': 'application/json' },
      },
      transport,
    );
    const preflight = log[0];
    assert.equal(preflight?.method, 'OPTIONS');
    assert.equal(preflight?.headers.get('origin'), PAGE);
    assert.equal(preflight?.headers.get('access-control-request-method'), 'PUT');
    assert.equal(preflight?.headers.get('access-control-request-headers'), 'content-type,x-api-key');
    assert.equal(preflight?.headers.get('x-api-key'), null, 'the preflight does not carry the request headers');
    assert.equal(log[1]?.headers.get('x-api-key'), 'k');
  });

  test("the message reads like Chromium's console line", async () => {
    const { transport } = recording(allowAll);
    const verdict = await simulateFetch({ url: `${API}/items`, origin: PAGE, headers: { 'X-Trace': '1' } }, transport);
    assert.equal(
      verdict.message,
      `Access to fetch at '${API}/items' from origin '${PAGE}' has been blocked by CORS policy: Request header field x-trace is not allowed by Access-Control-Allow-Headers in preflight response.`,
    );
  });

  test('a shared cache spares the second preflight (Chromium: per origin + URL)', async () => {
    const cache = new PreflightCache();
    const { log, transport } = recording(allowAll);
    const request = { url: `${API}/items`, origin: PAGE, method: 'PUT' };
    const first = await simulateFetch(request, transport, { cache });
    const second = await simulateFetch(request, transport, { cache });
    assert.equal(first.preflight?.cached, false);
    assert.equal(second.preflight?.cached, true);
    assert.deepEqual(
      log.map((entry) => entry.method),
      ['OPTIONS', 'PUT', 'PUT'],
    );
  });

  test('301 turns POST into GET and drops Content-Type; Authorization does not follow to another origin', async () => {
    const { log, transport } = recording((request) =>
      request.url.startsWith(API)
        ? request.method === 'OPTIONS'
          ? {
              status: 204,
              headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-headers': 'authorization' },
            }
          : { status: 301, headers: { location: 'https://cdn.example/done', 'access-control-allow-origin': PAGE } }
        : { headers: { 'access-control-allow-origin': '*' } },
    );
    const verdict = await simulateFetch(
      {
        url: `${API}/items`,
        origin: PAGE,
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: 'Bearer t' },
      },
      transport,
    );
    assert.equal(verdict.allowed, true, verdict.message);
    const last = log.at(-1);
    assert.equal(last?.method, 'GET');
    assert.equal(last?.headers.get('content-type'), null);
    assert.equal(last?.headers.get('authorization'), null);
    assert.equal(last?.headers.get('origin'), 'null');
  });

  test('a transport failure is a network error', async () => {
    const verdict = await simulateFetch({ url: `${API}/items`, origin: PAGE }, async () => {
      throw new Error('connect ECONNREFUSED');
    });
    assert.equal(verdict.reason, 'network-error');
    assert.match(verdict.message ?? '', /ECONNREFUSED/);
  });

  test('a plain record, a Headers object and pairs give the same verdict', async () => {
    const inputs = [
      { 'x-api-key': 'k' },
      new Headers({ 'x-api-key': 'k' }),
      [['x-api-key', 'k']] as [string, string][],
    ];
    for (const headers of inputs) {
      const { transport } = recording(allowAll);
      const verdict = await simulateFetch({ url: `${API}/items`, origin: PAGE, headers }, transport);
      assert.equal(verdict.preflight?.headers, 'x-api-key');
      assert.equal(verdict.allowed, true);
    }
  });

  test('exposedHeaders lists what script can read', async () => {
    const { transport } = recording(() => ({
      headers: {
        'access-control-allow-origin': PAGE,
        'content-type': 'text/plain',
        'x-secret': '1',
        'x-total': '2',
        'access-control-expose-headers': 'x-total',
      },
    }));
    const verdict = await simulateFetch({ url: `${API}/items`, origin: PAGE }, transport);
    assert.deepEqual(verdict.exposedHeaders, ['content-type', 'x-total']);
  });

  describe('Chromium deviations (model: chromium) against the standard (model: fetch)', () => {
    const wildcard: Server = (request) =>
      request.method === 'OPTIONS'
        ? {
            status: 204,
            headers: {
              'access-control-allow-origin': PAGE,
              'access-control-allow-headers': '*',
              'access-control-max-age': '600',
            },
          }
        : { headers: { 'access-control-allow-origin': PAGE } };
    const request = { url: `${API}/items`, origin: PAGE, headers: { authorization: 'Bearer t' } };

    test("'*' lets Authorization through in Chromium, with a warning; the standard refuses", async () => {
      const chromium = await simulateFetch(request, recording(wildcard).transport);
      assert.equal(chromium.allowed, true);
      assert.match(chromium.warnings.join(' '), /Fetch standard does not/);
      const standard = await simulateFetch(request, recording(wildcard).transport, { model: 'fetch' });
      assert.equal(standard.reason, 'authorization-not-covered-by-wildcard');
      assert.deepEqual(standard.fix?.options, { allowedHeaders: ['authorization', '*'] });
    });

    test("Chromium's cache does not serve Authorization through '*': the second fetch preflights again", async () => {
      const cache = new PreflightCache();
      const { log, transport } = recording(wildcard);
      await simulateFetch(request, transport, { cache });
      await simulateFetch(request, transport, { cache });
      assert.deepEqual(
        log.map((entry) => entry.method),
        ['OPTIONS', 'GET', 'OPTIONS', 'GET'],
      );
    });

    const viaCdn: Server = (req) =>
      req.url.startsWith(API)
        ? { status: 301, headers: { location: 'https://cdn.example/x', 'access-control-allow-origin': PAGE } }
        : req.method === 'OPTIONS'
          ? {
              status: 204,
              headers: {
                'access-control-allow-origin': '*',
                'access-control-allow-methods': 'PATCH',
                'access-control-max-age': '600',
              },
            }
          : { headers: { 'access-control-allow-origin': '*' } };

    for (const row of [
      // api preflight, api PATCH (301), cdn preflight with Origin: null, cdn PATCH; then again.
      {
        model: 'chromium' as const,
        rule: 'is never cached',
        methods: ['OPTIONS', 'PATCH', 'OPTIONS', 'PATCH', 'PATCH', 'OPTIONS', 'PATCH'],
      },
      {
        model: 'fetch' as const,
        rule: "is cached under 'null'",
        methods: ['OPTIONS', 'PATCH', 'OPTIONS', 'PATCH', 'PATCH', 'PATCH'],
      },
    ]) {
      test(`[${row.model}] a redirect-tainted preflight ${row.rule}`, async () => {
        const cache = new PreflightCache({ model: row.model });
        const { log, transport } = recording((req) =>
          req.url.startsWith(API) && req.method === 'OPTIONS'
            ? {
                status: 204,
                headers: {
                  'access-control-allow-origin': PAGE,
                  'access-control-allow-methods': 'PATCH',
                  'access-control-max-age': '600',
                },
              }
            : viaCdn(req),
        );
        for (let i = 0; i < 2; i++) {
          const verdict = await simulateFetch({ url: `${API}/items`, origin: PAGE, method: 'PATCH' }, transport, {
            cache,
          });
          assert.equal(verdict.allowed, true, verdict.message);
        }
        assert.deepEqual(
          log.map((entry) => entry.method),
          row.methods,
        );
      });
    }

    test('Chromium drops client hints on a redirect away from the page; the standard keeps them', async () => {
      const redirect: Server = (req) =>
        req.method === 'OPTIONS'
          ? { status: 204, headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-headers': '*' } }
          : req.url.endsWith('/items')
            ? { status: 302, headers: { location: '/next', 'access-control-allow-origin': PAGE } }
            : { headers: { 'access-control-allow-origin': PAGE } };
      for (const [model, expected] of [
        ['chromium', null],
        ['fetch', '2'],
      ] as const) {
        const { log, transport } = recording(redirect);
        const verdict = await simulateFetch(
          { url: `${API}/items`, origin: PAGE, headers: { dpr: '2', 'save-data': 'on' } },
          transport,
          { model },
        );
        assert.equal(verdict.allowed, true, verdict.message);
        assert.equal(
          log.find((entry) => entry.url.endsWith('/items') && entry.method === 'GET')?.headers.get('dpr'),
          '2',
        );
        const last = log.at(-1);
        assert.equal(last?.headers.get('dpr'), expected, model);
        assert.equal(last?.headers.get('save-data'), 'on');
      }
    });
  });
});
