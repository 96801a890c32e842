// The playground's servers over real HTTP: the page with its origins, live policy swaps validated
// by CorsConfigError, the API's record of each exchange, and the simulator's transport (only to the
// playground's own APIs, byte for byte, never changing state).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { startPlayground, type Playground } from '../../examples/playground/playground.ts';
import type { ExchangeResponse, PlaygroundConfig, WireLog } from '../../examples/playground/wire.ts';

describe('playground servers', () => {
  let playground: Playground;
  let page = '';
  const loopback = (origin: string) => origin.replace(/\/\/[^/:]+/, '//127.0.0.1');
  const json = async (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, raw?: string) => {
    const response = await request(`${page}${path}`, { method, ...(body !== undefined || raw !== undefined ? { body: raw ?? JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };

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

  test('PUT /policy with bad JSON is a 400, not a crash', async () => {
    const response = await json('PUT', '/policy', undefined, '{"origin":');
    assert.equal(response.status, 400);
  });

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
    { rule: 'another host', request: { method: 'GET', url: 'http://127.0.0.1:1/', headers: [] } },
    { rule: 'the page server itself', request: { method: 'GET', url: 'PAGE', headers: [] } },
    { rule: 'a method that is not a token', request: { method: 'GET /x', url: 'API', headers: [] } },
    { rule: 'a header value with CR LF', request: { method: 'GET', url: 'API', headers: [['x-a', 'b\r\nhost: evil']] } },
    { rule: 'no request at all', request: null },
  ];
  for (const row of refusedExchanges) {
    test(`POST /exchange refuses ${row.rule} (502) and the server keeps serving`, async () => {
      const body = row.request && { ...row.request, url: row.request.url.replace('PAGE', playground.pageOrigin).replace('API', playground.apiOrigin) };
      const response = await json('POST', '/exchange', body);
      assert.equal(response.status, 502);
      assert.equal((await request(page)).statusCode, 200);
    });
  }
});
