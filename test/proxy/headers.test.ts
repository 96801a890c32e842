// A correct reverse proxy: hop-by-hop headers removed both ways, Host and X-Forwarded-* set,
// cookies and Location rewritten, redirects passed through, compressed bodies untouched.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import {
  APP,
  echoed,
  rawExchange,
  startGateway,
  startUpstream,
  type Gateway,
  type Upstream,
} from './support/harness.ts';
import { headLines, startRawUpstream, type RawUpstream } from './support/raw-upstream.ts';

const HOP_BY_HOP_RESPONSE = [
  'HTTP/1.1 200 OK',
  'Connection: keep-alive, X-Upstream-Hop',
  'X-Upstream-Hop: secret',
  'Keep-Alive: timeout=5',
  'Proxy-Authenticate: Basic',
  'Proxy-Connection: keep-alive',
  'Trailer: X-Checksum',
  'Upgrade: h2c',
  'Transfer-Encoding: chunked',
  'X-Kept: yes',
  '',
  '2\r\nok\r\n0\r\nX-Checksum: 1\r\n\r\n',
].join('\r\n');

describe('hop-by-hop headers', () => {
  let upstream: RawUpstream;
  let gateway: Gateway;
  before(async () => {
    upstream = await startRawUpstream((socket) => socket.write(HOP_BY_HOP_RESPONSE));
    gateway = await startGateway({ upstream: upstream.url, cors: { origin: APP } });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('removed from the request: Connection and the names it lists, Keep-Alive, Proxy-*, TE, Trailer, Upgrade', async () => {
    const response = await rawExchange(
      gateway.port,
      [
        'GET /x HTTP/1.1',
        `Host: 127.0.0.1:${gateway.port}`,
        'Connection: close, X-Client-Hop',
        'X-Client-Hop: secret',
        'Keep-Alive: timeout=9',
        'Proxy-Authorization: Basic Zm9vOmJhcg==',
        'Proxy-Connection: keep-alive',
        'TE: trailers',
        'Trailer: X-Foo',
        'Upgrade: h2c',
        'X-Kept: yes',
        '',
        '',
      ].join('\r\n'),
    );
    assert.equal(response.status, 200);
    const seen = headLines(upstream.heads.at(-1)!);
    for (const name of [
      'x-client-hop',
      'keep-alive',
      'proxy-authorization',
      'proxy-connection',
      'te',
      'trailer',
      'upgrade',
    ]) {
      assert.equal(seen.has(name), false, `${name} reached the upstream`);
    }
    assert.notEqual(seen.get('connection'), 'close, X-Client-Hop');
    assert.equal(seen.get('x-kept'), 'yes');
  });

  test('removed from the response, and the body re-framed intact', async () => {
    const response = await rawExchange(gateway.port, `GET /x HTTP/1.1\r\nHost: g\r\nConnection: close\r\n\r\n`);
    assert.equal(response.status, 200);
    for (const name of ['x-upstream-hop', 'proxy-authenticate', 'proxy-connection', 'trailer', 'upgrade']) {
      assert.equal(response.headers[name], undefined, `${name} reached the client`);
    }
    assert.deepEqual(response.headers.connection, ['close']);
    assert.equal(response.headers['keep-alive'], undefined);
    assert.deepEqual(response.headers['x-kept'], ['yes']);
    assert.match(response.body, /^2\r\nok\r\n0\r\n\r\n$/);
  });
});

describe('Host, X-Forwarded-*, cookies, Location, redirects, compression', () => {
  let upstream: Upstream;
  let withCredentials: Gateway;
  let withoutCredentials: Gateway;
  const gzipped = gzipSync('compressed body '.repeat(100));
  before(async () => {
    upstream = await startUpstream((incoming, response) => {
      incoming.resume();
      const path = incoming.url ?? '';
      if (path.startsWith('/v1/cookie')) {
        response.setHeader('set-cookie', [
          `sid=1; Domain=127.0.0.1; Path=/v1/account; HttpOnly; SameSite=None; Secure`,
          `pref=dark; Path=/v1`,
          `other=1; Path=/elsewhere; domain=api.example.com`,
        ]);
        response.end(JSON.stringify({ cookie: incoming.headers.cookie ?? null }));
      } else if (path.startsWith('/v1/redirect-in')) {
        response.writeHead(302, { location: `${upstream.url}/v1/login?next=%2Fhome` }).end();
      } else if (path.startsWith('/v1/redirect-relative')) {
        response.writeHead(307, { location: '/v1/moved' }).end();
      } else if (path.startsWith('/v1/redirect-out')) {
        response.writeHead(301, { location: 'https://sso.example.com/login' }).end();
      } else if (path.startsWith('/v1/gzip')) {
        response
          .writeHead(200, {
            'content-encoding': 'gzip',
            'content-length': gzipped.length,
            'content-type': 'text/plain',
          })
          .end(gzipped);
      } else {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ url: incoming.url, headers: incoming.headers }));
      }
    });
    withCredentials = await startGateway({ upstream: `${upstream.url}/v1/`, cors: { origin: APP, credentials: true } });
    withoutCredentials = await startGateway({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
  });
  after(async () => {
    await withCredentials.close();
    await withoutCredentials.close();
    await upstream.close();
  });

  test("Host is the upstream's; X-Forwarded-For appends the peer, -Proto and -Host describe the client's request", async () => {
    const response = await request(`${withCredentials.url}/echo`, {
      headers: {
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'spoofed.example',
      },
    });
    const seen = echoed(await response.body.text());
    assert.equal(seen.headers.host, `127.0.0.1:${upstream.port}`);
    assert.equal(seen.headers['x-forwarded-for'], '203.0.113.9, 127.0.0.1');
    assert.equal(seen.headers['x-forwarded-proto'], 'http');
    assert.equal(seen.headers['x-forwarded-host'], `127.0.0.1:${withCredentials.port}`);
  });

  const cookieRows: Array<[rule: string, gateway: () => Gateway, cookieSent: string | null, setCookies: string[]]> = [
    [
      'with credentials: Cookie passes; Set-Cookie loses Domain, and a Path under the base path loses the base',
      () => withCredentials,
      'sid=1',
      ['sid=1; Path=/account; HttpOnly; SameSite=None; Secure', 'pref=dark; Path=/', 'other=1; Path=/elsewhere'],
    ],
    ['without credentials: Cookie and Set-Cookie are dropped', () => withoutCredentials, null, []],
  ];
  for (const [rule, gateway, cookieSent, setCookies] of cookieRows) {
    test(rule, async () => {
      const response = await request(`${gateway().url}/cookie`, { headers: { origin: APP, cookie: 'sid=1' } });
      assert.deepEqual(JSON.parse(await response.body.text()), { cookie: cookieSent });
      const received = response.headers['set-cookie'];
      assert.deepEqual(received === undefined ? [] : [received].flat(), setCookies);
    });
  }

  const redirectRows: Array<[rule: string, path: string, status: number, location: string]> = [
    [
      'a Location into the upstream points at the gateway, without the base path',
      '/redirect-in',
      302,
      '/login?next=%2Fhome',
    ],
    ['a relative Location under the base path loses the base path', '/redirect-relative', 307, '/moved'],
    ['a Location elsewhere is passed as it is', '/redirect-out', 301, 'https://sso.example.com/login'],
  ];
  for (const [rule, path, status, location] of redirectRows) {
    test(`${rule}; the redirect is passed on, never followed`, async () => {
      const before = upstream.received.length;
      const response = await request(`${withCredentials.url}${path}`, { headers: { origin: APP } });
      await response.body.text();
      assert.equal(response.statusCode, status);
      assert.equal(response.headers.location, location);
      assert.equal(response.headers['access-control-allow-origin'], APP);
      assert.equal(upstream.received.length - before, 1);
    });
  }

  test('a compressed body passes byte for byte with its Content-Encoding and Content-Length', async () => {
    const response = await request(`${withCredentials.url}/gzip`, { headers: { 'accept-encoding': 'gzip' } });
    const body = Buffer.from(await response.body.arrayBuffer());
    assert.equal(response.headers['content-encoding'], 'gzip');
    assert.equal(response.headers['content-length'], String(gzipped.length));
    assert.deepEqual(body, gzipped);
  });
});
