// CORS from the policy alone: preflights answered by the gateway, the upstream's own CORS headers
// removed, its Vary kept and merged, CSRF rejections never forwarded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { APP, EVIL, startGateway, startUpstream, type Gateway, type Upstream } from './support/harness.ts';

/** An upstream with CORS headers of its own (a wildcard, reflected methods) and a Vary of its own. */
function permissiveUpstream() {
  return startUpstream((incoming, response) => {
    incoming.resume();
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-methods', 'GET, PUT, DELETE');
    response.setHeader('access-control-expose-headers', '*');
    response.setHeader('vary', 'Accept-Encoding');
    response.setHeader('x-total-count', '3');
    response.end('upstream body');
  });
}

describe('CORS through the gateway', () => {
  let upstream: Upstream;
  let gateway: Gateway;
  before(async () => {
    upstream = await permissiveUpstream();
    gateway = await startGateway({
      upstream: upstream.url,
      cors: {
        origin: APP,
        methods: ['PUT'],
        allowedHeaders: ['Content-Type'],
        exposedHeaders: ['X-Total-Count'],
        credentials: true,
        maxAge: 600,
        csrf: true,
      },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const call = (method: string, headers: Record<string, string>, body?: string) =>
    request(`${gateway.url}/items`, { method: method as 'GET', headers, ...(body === undefined ? {} : { body }) });

  const rows: Array<{
    rule: string;
    method: string;
    headers: Record<string, string>;
    body?: string;
    status: number;
    reachesUpstream: boolean;
    acao: string | undefined;
    varyIncludes: string[];
    reason: string;
  }> = [
    {
      rule: 'a granted preflight is answered by the gateway and never forwarded',
      method: 'OPTIONS',
      headers: {
        origin: APP,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
      status: 204,
      reachesUpstream: false,
      acao: APP,
      varyIncludes: ['Origin', 'Access-Control-Request-Method'],
      reason: 'preflight-allowed',
    },
    {
      rule: 'a refused preflight (method) is 403 and never forwarded',
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'DELETE' },
      status: 403,
      reachesUpstream: false,
      acao: undefined,
      varyIncludes: ['Origin'],
      reason: 'method-not-allowed',
    },
    {
      rule: 'a preflight from a disallowed origin is 403 and never forwarded',
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'PUT' },
      status: 403,
      reachesUpstream: false,
      acao: undefined,
      varyIncludes: ['Origin'],
      reason: 'origin-not-allowed',
    },
    {
      rule: "an allowed origin gets the policy's headers, the upstream's Vary kept and merged",
      method: 'GET',
      headers: { origin: APP },
      status: 200,
      reachesUpstream: true,
      acao: APP,
      varyIncludes: ['Accept-Encoding', 'Origin'],
      reason: 'origin-allowed',
    },
    {
      rule: "a disallowed origin is forwarded without CORS headers (the upstream's wildcard removed)",
      method: 'GET',
      headers: { origin: EVIL },
      status: 200,
      reachesUpstream: true,
      acao: undefined,
      varyIncludes: ['Accept-Encoding', 'Origin'],
      reason: 'origin-not-allowed',
    },
    {
      rule: 'with csrf, a cross-site POST from a disallowed origin is 403 and never forwarded',
      method: 'POST',
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      body: 'transfer=all',
      status: 403,
      reachesUpstream: false,
      acao: undefined,
      varyIncludes: [],
      reason: 'csrf-rejected',
    },
    {
      rule: 'with csrf, a cross-site POST from the allowed origin is forwarded',
      method: 'POST',
      headers: { origin: APP, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      body: 'ok',
      status: 200,
      reachesUpstream: true,
      acao: APP,
      varyIncludes: ['Origin'],
      reason: 'origin-allowed',
    },
    {
      rule: 'an OPTIONS request that is not a preflight is forwarded',
      method: 'OPTIONS',
      headers: {},
      status: 200,
      reachesUpstream: true,
      acao: undefined,
      varyIncludes: ['Accept-Encoding'],
      reason: 'not-cors',
    },
  ];

  for (const row of rows) {
    test(row.rule, async () => {
      const before = upstream.received.length;
      const response = await call(row.method, row.headers, row.body);
      await response.body.text();
      assert.equal(response.statusCode, row.status);
      assert.equal(upstream.received.length - before, row.reachesUpstream ? 1 : 0);
      assert.equal(response.headers['access-control-allow-origin'], row.acao);
      // The upstream's own CORS headers never cross.
      assert.notEqual(response.headers['access-control-allow-methods'], 'GET, PUT, DELETE');
      assert.notEqual(response.headers['access-control-expose-headers'], '*');
      const vary = String(response.headers.vary ?? '')
        .split(',')
        .map((name) => name.trim());
      for (const name of row.varyIncludes) assert.ok(vary.includes(name), `Vary ${vary.join(', ')} lacks ${name}`);
      assert.equal(gateway.logs.at(-1)?.reason, row.reason);
    });
  }

  test("an allowed actual response carries exactly the policy's expose and credentials headers", async () => {
    const response = await call('GET', { origin: APP });
    assert.equal(await response.body.text(), 'upstream body');
    assert.equal(response.headers['access-control-expose-headers'], 'X-Total-Count');
    assert.equal(response.headers['access-control-allow-credentials'], 'true');
    assert.equal(response.headers['access-control-allow-methods'], undefined);
  });
});
