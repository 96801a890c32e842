// The playground's servers over real HTTP: the page with its origins, live policy swaps validated
// by CorsConfigError, the API's record of each exchange, and the simulator's transport (only to the
// playground's own APIs, byte for byte, never changing state).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from 'node:net';
import { request } from 'undici';
import { startPlayground, type Playground } from '../../examples/playground/playground.ts';
import type { ExchangeResponse, PageError, PlaygroundConfig, WireLog } from '../../examples/playground/wire.ts';

describe('playground servers', () => {
  let playground: Playground;
  let page = '';
  const loopback = (origin: string) => origin.replace(/\/\/[^/:]+/, '//127.0.0.1');
  type Method = 'GET' | 'PUT' | 'POST';
  /** A request to the page server; `headers` are added to (or replace) content-type: application/json. */
  const call = async (
    method: Method,
    path: string,
    { raw, headers = {} }: { raw?: string; headers?: Record<string, string> } = {},
  ) => {
    const response = await request(`${page}${path}`, {
      method,
      headers: { ...(raw !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(raw !== undefined ? { body: raw } : {}),
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };
  const json = (method: Method, path: string, body?: unknown, raw?: string) =>
    call(method, path, body !== undefined || raw !== undefined ? { raw: raw ?? JSON.stringify(body) } : {});
  const pagePort = () => new URL(playground.pageOrigin).port;
  /** GET / as the browser asks for it at the page's printed origin (Node does not resolve *.localhost). */
  const pageHtml = () => request(page, { headers: { host: new URL(playground.pageOrigin).host } });

  before(async () => {
    playground = await startPlayground({ pagePort: 0, apiPort: 0, sitePort: 0 });
    page = loopback(playground.pageOrigin);
  });
  after(() => playground.close());

  test('the page carries the three origins; the script is bundled from the TypeScript at start', async () => {
    const html = await (await pageHtml()).body.text();
    const config = JSON.parse(
      /<script id="config" type="application\/json">(.*?)<\/script>/.exec(html)![1]!,
    ) as PlaygroundConfig;
    assert.deepEqual(config, {
      pageOrigin: playground.pageOrigin,
      apiOrigin: playground.apiOrigin,
      siteOrigin: playground.siteOrigin,
    });
    assert.match(playground.apiOrigin, /^http:\/\/api\.localhost:\d+$/);
    assert.equal(
      new URL(playground.siteOrigin).hostname,
      new URL(playground.pageOrigin).hostname,
      'same site: same host, another port',
    );
    const script = await request(`${page}/app.js`);
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(await script.body.text(), /simulateFetch|PreflightCache/);
  });

  // Opened under another loopback name the page would have another origin than the one the API
  // trusts and the simulator reasons about: every preset would disagree with the browser.
  const canonical = [
    {
      rule: 'localhost',
      host: () => `localhost:${pagePort()}`,
      path: '/',
      location: () => `${playground.pageOrigin}/`,
    },
    {
      rule: '127.0.0.1, keeping the query',
      host: () => `127.0.0.1:${pagePort()}`,
      path: '/?x=1',
      location: () => `${playground.pageOrigin}/?x=1`,
    },
    {
      rule: 'LOCALHOST in upper case',
      host: () => `LOCALHOST:${pagePort()}`,
      path: '/',
      location: () => `${playground.pageOrigin}/`,
    },
  ];
  for (const row of canonical) {
    test(`GET / as ${row.rule} redirects (302, not cached) to the canonical page origin`, async () => {
      const response = await request(`${page}${row.path}`, { headers: { host: row.host() } });
      await response.body.text();
      assert.deepEqual(
        [response.statusCode, response.headers.location, response.headers['cache-control']],
        [302, row.location(), 'no-store'],
      );
    });
  }

  test('GET / at the canonical origin is the page, not a redirect', async () => {
    const response = await pageHtml();
    assert.equal(response.statusCode, 200);
    assert.match(await response.body.text(), /corsguard playground/);
  });

  const invalid = [
    {
      rule: 'a trailing slash on an origin',
      policy: { origin: ['http://page.localhost:1/'] },
      codes: ['origin-trailing-slash'],
    },
    {
      rule: "credentials with '*'",
      policy: { origin: '*', credentials: true },
      codes: ['origin-any-with-credentials'],
    },
    {
      rule: 'every problem at once',
      policy: { origin: [], maxAge: -1, allowOrigin: 'x' },
      codes: ['origin-empty-array', 'max-age-invalid', 'option-renamed'],
    },
    { rule: 'not an object', policy: 'cors', codes: ['options-not-object'] },
  ];
  for (const row of invalid) {
    test(`PUT /policy refuses ${row.rule} with every issue and keeps the running policy`, async () => {
      const running = playground.api.policy;
      const response = await json('PUT', '/policy', row.policy);
      assert.equal(response.status, 400);
      assert.deepEqual(
        (response.body.issues as Array<{ code: string }>).map((issue) => issue.code).sort(),
        [...row.codes].sort(),
      );
      assert.equal(playground.api.policy, running);
    });
  }

  const badBodies = [
    {
      rule: 'a body that is not JSON is invalid-json, not options-not-object',
      raw: () => '{"origin":',
      status: 400,
      code: 'invalid-json',
    },
    {
      rule: 'a 3 MB body is body-too-large (413), not an internal error',
      raw: () => JSON.stringify({ origin: ['x'.repeat(3 * 1024 * 1024)] }),
      status: 413,
      code: 'body-too-large',
    },
  ];
  for (const row of badBodies) {
    test(`PUT /policy: ${row.rule}; the running policy stays`, async () => {
      const running = playground.api.policy;
      const response = await json('PUT', '/policy', undefined, row.raw());
      assert.deepEqual([response.status, (response.body as unknown as PageError).code], [row.status, row.code]);
      assert.equal(playground.api.policy, running);
      assert.equal((await pageHtml()).statusCode, 200);
    });
  }

  // Only the page itself may use the page server: a site the developer visits can send a simple
  // (text/plain, no preflight) cross-origin write, and a DNS-rebinding page reaches it under its own Host.
  const policyBody = () => JSON.stringify({ origin: ['https://evil.example'] });
  const exchangeBody = () => JSON.stringify({ method: 'POST', url: `${playground.apiOrigin}/transfer`, headers: [] });
  const foreign = [
    {
      rule: 'a write from another origin',
      method: 'PUT',
      path: '/policy',
      body: policyBody,
      headers: () => ({ origin: 'https://evil.example' }),
      status: 403,
      code: 'origin-not-allowed',
    },
    {
      rule: 'an exchange from another origin',
      method: 'POST',
      path: '/exchange',
      body: exchangeBody,
      headers: () => ({ origin: 'https://evil.example' }),
      status: 403,
      code: 'origin-not-allowed',
    },
    {
      rule: 'a write from an opaque origin',
      method: 'PUT',
      path: '/policy',
      body: policyBody,
      headers: () => ({ origin: 'null' }),
      status: 403,
      code: 'origin-not-allowed',
    },
    {
      rule: 'a write from the API origin',
      method: 'PUT',
      path: '/policy',
      body: policyBody,
      headers: () => ({ origin: playground.apiOrigin }),
      status: 403,
      code: 'origin-not-allowed',
    },
    {
      rule: 'a text/plain write (a simple request, no preflight)',
      method: 'PUT',
      path: '/policy',
      body: policyBody,
      headers: () => ({ 'content-type': 'text/plain' }),
      status: 415,
      code: 'content-type-not-json',
    },
    {
      rule: 'a text/plain exchange',
      method: 'POST',
      path: '/exchange',
      body: exchangeBody,
      headers: () => ({ 'content-type': 'text/plain;charset=UTF-8' }),
      status: 415,
      code: 'content-type-not-json',
    },
    {
      rule: 'a form-encoded write',
      method: 'PUT',
      path: '/policy',
      body: policyBody,
      headers: () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
      status: 415,
      code: 'content-type-not-json',
    },
    {
      rule: 'a rebinding Host reading /wire',
      method: 'GET',
      path: '/wire',
      headers: () => ({ host: `evil.example:${pagePort()}` }),
      status: 421,
      code: 'host-not-allowed',
    },
    {
      rule: 'a rebinding Host reading the policy',
      method: 'GET',
      path: '/policy',
      headers: () => ({ host: `evil.example:${pagePort()}` }),
      status: 421,
      code: 'host-not-allowed',
    },
    {
      rule: 'a rebinding Host writing with its own origin',
      method: 'PUT',
      path: '/policy',
      body: policyBody,
      headers: () => ({ host: `evil.example:${pagePort()}`, origin: `http://evil.example:${pagePort()}` }),
      status: 421,
      code: 'host-not-allowed',
    },
    {
      rule: 'the page name on another port',
      method: 'GET',
      path: '/wire',
      headers: () => ({ host: 'page.localhost:1' }),
      status: 421,
      code: 'host-not-allowed',
    },
  ] as const;
  for (const row of foreign) {
    test(`the page server refuses ${row.rule} (${row.status} ${row.code}) and nothing changes`, async () => {
      const running = playground.api.policy;
      const transfers = playground.api.transfers;
      const { last } = (await json('GET', '/wire?after=999999999')).body as unknown as WireLog;
      const response = await call(row.method, row.path, {
        ...('body' in row ? { raw: row.body() } : {}),
        headers: row.headers(),
      });
      assert.deepEqual([response.status, (response.body as unknown as PageError).code], [row.status, row.code]);
      assert.equal(playground.api.policy, running);
      assert.equal(playground.api.transfers, transfers);
      assert.equal(playground.api.lastId, last, 'no exchange reached the API');
    });
  }

  const own = [
    {
      rule: 'as page.localhost with its origin',
      host: () => `page.localhost:${pagePort()}`,
      origin: () => playground.pageOrigin,
    },
    {
      rule: 'as localhost with its origin',
      host: () => `localhost:${pagePort()}`,
      origin: () => `http://localhost:${pagePort()}`,
    },
    {
      rule: 'as 127.0.0.1 with no Origin (a same-origin fetch may omit it)',
      host: () => `127.0.0.1:${pagePort()}`,
      origin: () => undefined,
    },
  ];
  for (const row of own) {
    test(`the page's own requests work ${row.rule}: read the wire, write the policy, send an exchange`, async () => {
      const origin = row.origin();
      const headers = { host: row.host(), ...(origin ? { origin } : {}) };
      const policy = { origin: [playground.pageOrigin], maxAge: 7 };
      assert.equal((await call('GET', '/wire', { headers: { host: headers.host } })).status, 200);
      const put = await call('PUT', '/policy', {
        raw: JSON.stringify(policy),
        headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      });
      assert.deepEqual([put.status, put.body], [200, policy]);
      const exchange = await call('POST', '/exchange', {
        raw: JSON.stringify({
          method: 'GET',
          url: `${playground.apiOrigin}/items`,
          headers: [['origin', playground.pageOrigin]],
        }),
        headers,
      });
      assert.deepEqual([exchange.status, (exchange.body as unknown as ExchangeResponse).status], [200, 200]);
    });
  }

  test('PUT /policy swaps the API policy live; the record shows what arrived, the decision and whether the handler ran', async () => {
    const policy = { origin: [playground.pageOrigin], methods: ['PUT'], maxAge: 5 };
    assert.equal((await json('PUT', '/policy', policy)).status, 200);
    assert.deepEqual((await json('GET', '/policy')).body, policy);
    const { last } = (await json('GET', '/wire?after=999999999')).body as unknown as WireLog;
    const api = loopback(playground.apiOrigin);
    const granted = await request(`${api}/items/1`, {
      method: 'OPTIONS',
      headers: { origin: playground.pageOrigin, 'access-control-request-method': 'PUT' },
    });
    await granted.body.text();
    const refused = await request(`${api}/items/1`, {
      method: 'OPTIONS',
      headers: { origin: playground.pageOrigin, 'access-control-request-method': 'DELETE' },
    });
    await refused.body.text();
    const records = ((await json('GET', `/wire?after=${last}`)).body as unknown as WireLog).records;
    assert.deepEqual(
      records.map((record) => [
        record.status,
        record.handled,
        record.decision?.reason,
        record.responseHeaders.find(([name]) => name === 'access-control-max-age')?.[1],
      ]),
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
    const exchange = (method: string) =>
      json('POST', '/exchange', {
        method,
        url: `${playground.apiOrigin}/transfer`,
        headers: [['origin', playground.pageOrigin]],
      });
    const post = await exchange('POST');
    assert.equal(post.status, 200);
    const answer = post.body as unknown as ExchangeResponse;
    assert.deepEqual(
      [answer.status, answer.headers.find(([name]) => name === 'access-control-allow-origin')?.[1]],
      [200, playground.pageOrigin],
    );
    const patch = await exchange('patch');
    assert.equal((patch.body as unknown as ExchangeResponse).status, 400);
    const records = ((await json('GET', `/wire?after=${last}`)).body as unknown as WireLog).records;
    assert.deepEqual(
      records.map((record) => [record.method, record.simulator, record.status, record.handled, record.parserError]),
      [
        ['POST', true, 200, true, undefined],
        ['patch', true, 400, false, 'HPE_INVALID_METHOD'],
      ],
      "node:http's parser refuses 'patch' with 400 before the handler; the record says so",
    );
    assert.equal(playground.api.transfers, transfers);
  });

  // What Node's parser refuses never reaches a listener; the page must still show the answer the browser got.
  const parserRefusals = [
    {
      rule: 'a lower-case method is HPE_INVALID_METHOD, 400',
      head: (host: string) => `patch /items HTTP/1.1\r\nhost: ${host}\r\norigin: http://page.localhost:1\r\n\r\n`,
      method: 'patch',
      status: 400,
      code: 'HPE_INVALID_METHOD',
    },
    {
      rule: 'a head over 16 KiB is HPE_HEADER_OVERFLOW, 431',
      head: (host: string) => `GET /items HTTP/1.1\r\nhost: ${host}\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
      method: 'GET',
      status: 431,
      code: 'HPE_HEADER_OVERFLOW',
    },
  ];
  for (const row of parserRefusals) {
    test(`the API records what its HTTP parser refused: ${row.rule}`, async () => {
      const last = playground.api.lastId;
      const api = new URL(playground.apiOrigin);
      const answer = await rawExchange(Number(api.port), row.head(api.host));
      assert.match(answer, new RegExp(`^HTTP/1\\.1 ${row.status} `));
      const records = playground.api.recordsAfter(last);
      assert.deepEqual(
        records.map((record) => [
          record.method,
          record.target,
          record.status,
          record.handled,
          record.parserError,
          record.simulator,
        ]),
        [[row.method, '/items', row.status, false, row.code, false]],
      );
    });
  }

  // A DNS-rebinding page reaches the API ports under its own name: it would read the API's
  // answers same-origin, CORS or not.
  const apiHosts = [
    {
      rule: 'the API under a rebinding name',
      server: () => playground.apiOrigin,
      host: (port: string) => `evil.example:${port}`,
      status: 421,
    },
    {
      rule: 'the same-site API under a rebinding name',
      server: () => playground.siteOrigin,
      host: (port: string) => `evil.example:${port}`,
      status: 421,
    },
    {
      rule: 'the API under the page name of another port',
      server: () => playground.apiOrigin,
      host: () => `api.localhost:1`,
      status: 421,
    },
    {
      rule: 'the API under its own name',
      server: () => playground.apiOrigin,
      host: (port: string) => `api.localhost:${port}`,
      status: 200,
    },
    {
      rule: 'the same-site API under the page name',
      server: () => playground.siteOrigin,
      host: (port: string) => `page.localhost:${port}`,
      status: 200,
    },
    {
      rule: 'the API as 127.0.0.1',
      server: () => playground.apiOrigin,
      host: (port: string) => `127.0.0.1:${port}`,
      status: 200,
    },
    {
      rule: 'the API as localhost',
      server: () => playground.apiOrigin,
      host: (port: string) => `localhost:${port}`,
      status: 200,
    },
  ];
  for (const row of apiHosts) {
    test(`Host check on the API ports: ${row.rule} gets ${row.status}`, async () => {
      const transfers = playground.api.transfers;
      const last = playground.api.lastId;
      const port = new URL(row.server()).port;
      const response = await request(`${loopback(row.server())}/transfer`, {
        method: 'POST',
        headers: { host: row.host(port), 'content-type': 'text/plain' },
        body: 'x',
      });
      const body = (await response.body.json()) as Record<string, unknown>;
      assert.equal(response.statusCode, row.status);
      if (row.status === 421) {
        assert.equal(body.code, 'host-not-allowed');
        assert.deepEqual(
          [playground.api.transfers, playground.api.lastId],
          [transfers, last],
          'nothing ran, nothing recorded',
        );
      } else assert.equal(playground.api.transfers, transfers + 1);
    });
  }

  const refusedExchanges = [
    {
      rule: 'another host',
      request: { method: 'GET', url: 'http://127.0.0.1:1/', headers: [] },
      code: 'not-an-api-origin',
    },
    { rule: 'the page server itself', request: { method: 'GET', url: 'PAGE', headers: [] }, code: 'not-an-api-origin' },
    {
      rule: 'a method that is not a token',
      request: { method: 'GET /x', url: 'API', headers: [] },
      code: 'invalid-exchange',
    },
    {
      rule: 'a header value with CR LF',
      request: { method: 'GET', url: 'API', headers: [['x-a', 'b\r\nhost: evil']] },
      code: 'invalid-exchange',
    },
    {
      rule: 'a header pair without a value',
      request: { method: 'GET', url: 'API', headers: [['a']] },
      code: 'invalid-exchange',
    },
    {
      rule: 'a header value that is not a string',
      request: { method: 'GET', url: 'API', headers: [['a', 1]] },
      code: 'invalid-exchange',
    },
    {
      rule: 'headers that are not a list',
      request: { method: 'GET', url: 'API', headers: { a: 'b' } },
      code: 'invalid-exchange',
    },
    {
      rule: 'a URL that does not parse',
      request: { method: 'GET', url: 'not a url', headers: [] },
      code: 'invalid-exchange',
    },
    { rule: 'no request at all', request: null, code: 'invalid-exchange' },
  ];
  for (const row of refusedExchanges) {
    test(`POST /exchange refuses ${row.rule} (400 ${row.code}), sends nothing, and the server keeps serving`, async () => {
      const { last } = (await json('GET', '/wire?after=999999999')).body as unknown as WireLog;
      const body = row.request && {
        ...row.request,
        url: row.request.url.replace('PAGE', playground.pageOrigin).replace('API', playground.apiOrigin),
      };
      const response = await json('POST', '/exchange', body);
      assert.deepEqual([response.status, (response.body as unknown as PageError).code], [400, row.code]);
      assert.equal(playground.api.lastId, last);
      assert.equal((await pageHtml()).statusCode, 200);
    });
  }
});

/** Writes `head` to 127.0.0.1:`port` as it is and returns the whole answer. */
function rawExchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head, 'latin1'));
    let answer = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => (answer += chunk));
    socket.on('error', (error) => (answer === '' ? reject(error) : resolve(answer))).on('close', () => resolve(answer));
  });
}
