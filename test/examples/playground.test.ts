// The playground's servers over real HTTP: the page with its origins, live policy swaps validated
// by CorsConfigError, the API's record of each exchange, and the simulator's transport (only to the
// playground's own APIs, byte for byte, never changing state).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { startPlayground, type Playground } from '../../examples/playground/playground.ts';
import type { ExchangeResponse, PageError, PlaygroundConfig, WireLog } from '../../examples/playground/wire.ts';

describe('playground servers', () => {
  let playground: Playground;
  let page = '';
  const loopback = (origin: string) => origin.replace(/\/\/[^/:]+/, '//127.0.0.1');
  type Method = 'GET' | 'PUT' | 'POST';
  /** A request to the page server; `headers` are added to (or replace) content-type: application/json. */
  const call = async (method: Method, path: string, { raw, headers = {} }: { raw?: string; headers?: Record<string, string> } = {}) => {
    const response = await request(`${page}${path}`, { method, headers: { ...(raw !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(raw !== undefined ? { body: raw } : {}) });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };
  const json = (method: Method, path: string, body?: unknown, raw?: string) => call(method, path, body !== undefined || raw !== undefined ? { raw: raw ?? JSON.stringify(body) } : {});
  const pagePort = () => new URL(playground.pageOrigin).port;

  before(async () => {
    playground = await startPlayground({ pagePort: 0, apiPort: 0, sitePort: 0 });
    page = loopback(playground.pageOrigin);
  });
  after(() => playground.close());

  test('the page carries the three origins; the script is bundled from the TypeScript at start', async () => {
    const html = await (await request(page)).body.text();
    const config = JSON.parse(/<script id="config" type="application\/json">(.*?)<\/script>/.exec(html)![1]!) as PlaygroundConfig;
    assert.deepEqual(config, { pageOrigin: playground.pageOrigin, apiOrigin: playground.apiOrigin, siteOrigin: playground.siteOrigin });
    assert.match(playground.apiOrigin, /^http:\/\/api\.localhost:\d+$/);
    assert.equal(new URL(playground.siteOrigin).hostname, new URL(playground.pageOrigin).hostname, 'same site: same host, another port');
    const script = await request(`${page}/app.js`);
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(await script.body.text(), /simulateFetch|PreflightCache/);
  });

  const invalid = [
    { rule: 'a trailing slash on an origin', policy: { origin: ['http://page.localhost:1/'] }, codes: ['origin-trailing-slash'] },
    { rule: "credentials with '*'", policy: { origin: '*', credentials: true }, codes: ['origin-any-with-credentials'] },
    { rule: 'every problem at once', policy: { origin: [], maxAge: -1, allowOrigin: 'x' }, codes: ['origin-empty-array', 'max-age-invalid', 'option-renamed'] },
    { rule: 'not an object', policy: 'cors', codes: ['options-not-object'] },
  ];
  for (const row of invalid) {
    test(`PUT /policy refuses ${row.rule} with every issue and keeps the running policy`, async () => {
      const running = playground.api.policy;
      const response = await json('PUT', '/policy', row.policy);
      assert.equal(response.status, 400);
      assert.deepEqual((response.body.issues as Array<{ code: string }>).map((issue) => issue.code).sort(), [...row.codes].sort());
      assert.equal(playground.api.policy, running);
    });
  }

  const badBodies = [
    { rule: 'a body that is not JSON is invalid-json, not options-not-object', raw: () => '{"origin":', status: 400, code: 'invalid-json' },
    { rule: 'a 3 MB body is body-too-large (413), not an internal error', raw: () => JSON.stringify({ origin: ['x'.repeat(3 * 1024 * 1024)] }), status: 413, code: 'body-too-large' },
  ];
  for (const row of badBodies) {
    test(`PUT /policy: ${row.rule}; the running policy stays`, async () => {
      const running = playground.api.policy;
      const response = await json('PUT', '/policy', undefined, row.raw());
      assert.deepEqual([response.status, (response.body as unknown as PageError).code], [row.status, row.code]);
      assert.equal(playground.api.policy, running);
      assert.equal((await request(page)).statusCode, 200);
    });
  }

  // Only the page itself may use the page server: a site the developer visits can send a simple
  // (text/plain, no preflight) cross-origin write, and a DNS-rebinding page reaches it under its own Host.
  const policyBody = () => JSON.stringify({ origin: ['https://evil.example'] });
  const exchangeBody = () => JSON.stringify({ method: 'POST', url: `${playground.apiOrigin}/transfer`, headers: [] });
  const foreign = [
    { rule: 'a write from another origin', method: 'PUT', path: '/policy', body: policyBody, headers: () => ({ origin: 'https://evil.example' }), status: 403, code: 'origin-not-allowed' },
    { rule: 'an exchange from another origin', method: 'POST', path: '/exchange', body: exchangeBody, headers: () => ({ origin: 'https://evil.example' }), status: 403, code: 'origin-not-allowed' },
    { rule: 'a write from an opaque origin', method: 'PUT', path: '/policy', body: policyBody, headers: () => ({ origin: 'null' }), status: 403, code: 'origin-not-allowed' },
    { rule: 'a write from the API origin', method: 'PUT', path: '/policy', body: policyBody, headers: () => ({ origin: playground.apiOrigin }), status: 403, code: 'origin-not-allowed' },
    { rule: 'a text/plain write (a simple request, no preflight)', method: 'PUT', path: '/policy', body: policyBody, headers: () => ({ 'content-type': 'text/plain' }), status: 415, code: 'content-type-not-json' },
    { rule: 'a text/plain exchange', method: 'POST', path: '/exchange', body: exchangeBody, headers: () => ({ 'content-type': 'text/plain;charset=UTF-8' }), status: 415, code: 'content-type-not-json' },
    { rule: 'a form-encoded write', method: 'PUT', path: '/policy', body: policyBody, headers: () => ({ 'content-type': 'application/x-www-form-urlencoded' }), status: 415, code: 'content-type-not-json' },
    { rule: 'a rebinding Host reading /wire', method: 'GET', path: '/wire', headers: () => ({ host: `evil.example:${pagePort()}` }), status: 421, code: 'host-not-allowed' },
    { rule: 'a rebinding Host reading the policy', method: 'GET', path: '/policy', headers: () => ({ host: `evil.example:${pagePort()}` }), status: 421, code: 'host-not-allowed' },
    { rule: 'a rebinding Host writing with its own origin', method: 'PUT', path: '/policy', body: policyBody, headers: () => ({ host: `evil.example:${pagePort()}`, origin: `http://evil.example:${pagePort()}` }), status: 421, code: 'host-not-allowed' },
    { rule: 'the page name on another port', method: 'GET', path: '/wire', headers: () => ({ host: 'page.localhost:1' }), status: 421, code: 'host-not-allowed' },
  ] as const;
  for (const row of foreign) {
    test(`the page server refuses ${row.rule} (${row.status} ${row.code}) and nothing changes`, async () => {
      const running = playground.api.policy;
      const transfers = playground.api.transfers;
      const { last } = (await json('GET', '/wire?after=999999999')).body as unknown as WireLog;
      const response = await call(row.method, row.path, { ...('body' in row ? { raw: row.body() } : {}), headers: row.headers() });
      assert.deepEqual([response.status, (response.body as unknown as PageError).code], [row.status, row.code]);
      assert.equal(playground.api.policy, running);
      assert.equal(playground.api.transfers, transfers);
      assert.equal(playground.api.lastId, last, 'no exchange reached the API');
    });
  }

  const own = [
    { rule: 'as page.localhost with its origin', host: () => `page.localhost:${pagePort()}`, origin: () => playground.pageOrigin },
    { rule: 'as localhost with its origin', host: () => `localhost:${pagePort()}`, origin: () => `http://localhost:${pagePort()}` },
    { rule: 'as 127.0.0.1 with no Origin (a same-origin fetch may omit it)', host: () => `127.0.0.1:${pagePort()}`, origin: () => undefined },
  ];
  for (const row of own) {
    test(`the page's own requests work ${row.rule}: read the wire, write the policy, send an exchange`, async () => {
      const origin = row.origin();
      const headers = { host: row.host(), ...(origin ? { origin } : {}) };
      const policy = { origin: [playground.pageOrigin], maxAge: 7 };
      assert.equal((await call('GET', '/wire', { headers: { host: headers.host } })).status, 200);
      const put = await call('PUT', '/policy', { raw: JSON.stringify(policy), headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
      assert.deepEqual([put.status, put.body], [200, policy]);
      const exchange = await call('POST', '/exchange', { raw: JSON.stringify({ method: 'GET', url: `${playground.apiOrigin}/items`, headers: [['origin', playground.pageOrigin]] }), headers });
      assert.deepEqual([exchange.status, (exchange.body as unknown as ExchangeResponse).status], [200, 200]);
    });
  }

  test('PUT /policy swaps the API policy live; the record shows what arrived, the decision and whether the handler ran', async () => {
    const policy = { origin: [playground.pageOrigin], methods: ['PUT'], maxAge: 5 };
    assert.equal((await json('PUT', '/policy', policy)).status, 200);
    assert.deepEqual((await json('GET', '/policy')).body, policy);
    const { last } = (await json('GET', '/wire?after=999999999')).body as unknown as WireLog;
    const api = loopback(playground.apiOrigin);
    const granted = await request(`${api}/items/1`, { method: 'OPTIONS', headers: { origin: playground.pageOrigin, 'access-control-request-method': 'PUT' } });
    await granted.body.text();
    const refused = await request(`${api}/items/1`, { method: 'OPTIONS', headers: { origin: playground.pageOrigin, 'access-control-request-method': 'DELETE' } });
    await refused.body.text();
    const records = ((await json('GET', `/wire?after=${last}`)).body as unknown as WireLog).records;
    assert.deepEqual(
      records.map((record) => [record.status, record.handled, record.decision?.reason, record.responseHeaders.find(([name]) => name === 'access-control-max-age')?.[1]]),
      [
        [204, false, 'preflight-allowed', '5'],
        [403, false, 'method-not-allowed', undefined],
      ],
    );
  });

  test('POST /exchange sends a lower-case method as typed, marked as the simulator, and moves no money', async () => {
    await json('PUT', '/policy', { origin: [playground.pageOrigin] });
    const transfers = playground.api.transfers;
    const { last } = (await json('GET', '/wire?after=999999999')).body as unknown as WireLog;
    const exchange = (method: string) => json('POST', '/exchange', { method, url: `${playground.apiOrigin}/transfer`, headers: [['origin', playground.pageOrigin]] });
    const post = await exchange('POST');
    assert.equal(post.status, 200);
    const answer = post.body as unknown as ExchangeResponse;
    assert.deepEqual([answer.status, answer.headers.find(([name]) => name === 'access-control-allow-origin')?.[1]], [200, playground.pageOrigin]);
    await exchange('patch');
    const records = ((await json('GET', `/wire?after=${last}`)).body as unknown as WireLog).records;
    assert.deepEqual(records.map((record) => [record.method, record.simulator]), [['POST', true]], "node:http's parser refuses 'patch'; it never reaches the API's handler");
    assert.equal(playground.api.transfers, transfers);
  });

  const refusedExchanges = [
    { rule: 'another host', request: { method: 'GET', url: 'http://127.0.0.1:1/', headers: [] }, code: 'not-an-api-origin' },
    { rule: 'the page server itself', request: { method: 'GET', url: 'PAGE', headers: [] }, code: 'not-an-api-origin' },
    { rule: 'a method that is not a token', request: { method: 'GET /x', url: 'API', headers: [] }, code: 'invalid-exchange' },
    { rule: 'a header value with CR LF', request: { method: 'GET', url: 'API', headers: [['x-a', 'b\r\nhost: evil']] }, code: 'invalid-exchange' },
    { rule: 'a header pair without a value', request: { method: 'GET', url: 'API', headers: [['a']] }, code: 'invalid-exchange' },
    { rule: 'a header value that is not a string', request: { method: 'GET', url: 'API', headers: [['a', 1]] }, code: 'invalid-exchange' },
    { rule: 'headers that are not a list', request: { method: 'GET', url: 'API', headers: { a: 'b' } }, code: 'invalid-exchange' },
    { rule: 'a URL that does not parse', request: { method: 'GET', url: 'not a url', headers: [] }, code: 'invalid-exchange' },
    { rule: 'no request at all', request: null, code: 'invalid-exchange' },
  ];
  for (const row of refusedExchanges) {
    test(`POST /exchange refuses ${row.rule} (400 ${row.code}), sends nothing, and the server keeps serving`, async () => {
      const { last } = (await json('GET', '/wire?after=999999999')).body as unknown as WireLog;
      const body = row.request && { ...row.request, url: row.request.url.replace('PAGE', playground.pageOrigin).replace('API', playground.apiOrigin) };
      const response = await json('POST', '/exchange', body);
      assert.deepEqual([response.status, (response.body as unknown as PageError).code], [400, row.code]);
      assert.equal(playground.api.lastId, last);
      assert.equal((await request(page)).statusCode, 200);
    });
  }
});
