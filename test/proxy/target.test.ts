// Never an open proxy: request targets map onto the one upstream, below its base path.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { upstreamTarget, type TargetRefusal } from '../../src/proxy/target.ts';
import {
  APP,
  echoed,
  rawExchange,
  startGateway,
  startUpstream,
  type Gateway,
  type Upstream,
} from './support/harness.ts';

describe('upstreamTarget', () => {
  const rows: Array<[rule: string, target: string, expected: string | TargetRefusal]> = [
    ['a path goes below the base path', '/users/7?x=1', '/v1/users/7?x=1'],
    ['the root maps to the base path', '/', '/v1/'],
    [
      'the query passes as it is, slashes and dots included',
      '/a?next=//evil.example/../x',
      '/v1/a?next=//evil.example/../x',
    ],
    ['`//other.host/x` is a path on the upstream', '//other.host/x', '/v1/other.host/x'],
    ['runs of slashes are merged', '/a///b', '/v1/a/b'],
    ['absolute-form is refused', 'http://other.host/x', 'target-not-origin-form'],
    ['authority-form is refused', 'other.host:443', 'target-not-origin-form'],
    ['asterisk-form is refused', '*', 'target-not-origin-form'],
    ['a fragment is refused', '/a#b', 'target-not-origin-form'],
    ['`..` is refused', '/a/../../admin', 'target-dot-segment'],
    ['`.` is refused', '/a/./b', 'target-dot-segment'],
    ['`%2e%2e` is refused', '/a/%2e%2e/admin', 'target-dot-segment'],
    ['`%2E.` is refused', '/%2E./admin', 'target-dot-segment'],
    ['`..;` (servlet path parameters) is refused', '/a/..;/admin', 'target-dot-segment'],
    ['`%2F` is refused', '/a%2F..%2Fadmin', 'target-encoded-separator'],
    ['`%2f` is refused', '/a%2fb', 'target-encoded-separator'],
    ['`%5C` is refused', '/a%5C..%5Cadmin', 'target-encoded-separator'],
    ['a raw backslash is refused', '/a\\..\\admin', 'target-backslash'],
    ['a bad percent escape is refused', '/a%zz', 'target-bad-encoding'],
    ['a dot inside a name is fine', '/a/..b/c.', '/v1/a/..b/c.'],
    ['a name starting with a dot is fine', '/.well-known/x/.env', '/v1/.well-known/x/.env'],
    ['a segment of spaces alone is fine', '/a/%20/b', '/v1/a/%20/b'],
    ['`..%20` (dots and a trailing space) is refused', '/a/..%20/admin', 'target-dot-segment'],
    ['`%20..` (dots and a leading space) is refused', '/a/%20../admin', 'target-dot-segment'],
    ['`..%09` (dots and a tab) is refused', '/a/..%09/admin', 'target-dot-segment'],
    ['`. .` (dots around a space) is refused', '/a/.%20./admin', 'target-dot-segment'],
    ['`...` (three dots) is refused', '/a/.../admin', 'target-dot-segment'],
    ['`....` (four dots) is refused', '/a/..../admin', 'target-dot-segment'],
    ['fullwidth dots `．．` are refused', '/a/%EF%BC%8E%EF%BC%8E/admin', 'target-dot-segment'],
    ['a two-dot leader `‥` is refused', '/a/%E2%80%A5/admin', 'target-dot-segment'],
    ['`;..;` (dots between path parameters) is refused', '/a/;..;/admin', 'target-dot-segment'],
    ['`x;..` (dots as a path parameter) is refused', '/a/x;../admin', 'target-dot-segment'],
    ['`;jsessionid=1` is fine', '/a;jsessionid=1/b', '/v1/a;jsessionid=1/b'],
    ['a double-encoded dot `%252e` is refused', '/a/%252e%252e/admin', 'target-double-encoded'],
    ['a double-encoded dot in upper case `%252E` is refused', '/a/%252E%252E/admin', 'target-double-encoded'],
    ['a double-encoded slash `%252f` is refused', '/a%252f..%252fadmin', 'target-double-encoded'],
    ['a double-encoded backslash `%255C` is refused', '/a%255C..%255Cadmin', 'target-double-encoded'],
    ['an encoded percent sign before anything else is fine', '/100%25/a%2541', '/v1/100%25/a%2541'],
    ['`%00` is refused', '/a/..%00/x', 'target-bad-encoding'],
    ['`%00` at the end of a name is refused', '/file.txt%00.png', 'target-bad-encoding'],
  ];
  for (const [rule, target, expected] of rows) {
    test(rule, () => {
      const result = upstreamTarget(target, '/v1');
      assert.deepEqual(typeof result === 'string' ? result : result.path, expected);
    });
  }
});

describe('SSRF attempts over real sockets', () => {
  let upstream: Upstream;
  let other: Upstream;
  let gateway: Gateway;
  before(async () => {
    upstream = await startUpstream();
    other = await startUpstream();
    gateway = await startGateway({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
    await other.close();
  });

  const send = (target: string, host = `127.0.0.1:${gateway.port}`) =>
    rawExchange(gateway.port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

  const refused: Array<[rule: string, target: () => string, status: number]> = [
    ['absolute-form target naming another host', () => `http://127.0.0.1:${other.port}/secret`, 400],
    ['absolute-form target naming the gateway itself', () => `http://127.0.0.1:${gateway.port}/x`, 400],
    ['encoded slash climbing out', () => '/a%2F..%2F..%2Fsecret', 400],
    ['encoded dot segments', () => '/%2e%2e/%2e%2e/secret', 400],
    ['plain dot segments', () => '/../secret', 400],
    ['encoded backslash', () => '/..%5Csecret', 400],
    ['dots and a space', () => '/..%20/..%20/secret', 400],
    ['three dots', () => '/.../secret', 400],
    ['fullwidth dots', () => '/%EF%BC%8E%EF%BC%8E/secret', 400],
    ['dots between path parameters', () => '/;..;/secret', 400],
  ];
  for (const [rule, target, status] of refused) {
    test(`${rule}: ${status} problem+json, nothing reaches any server`, async () => {
      const before = upstream.received.length;
      const response = await send(target());
      assert.equal(response.status, status);
      assert.equal(response.headers['content-type']?.[0], 'application/problem+json');
      assert.equal((JSON.parse(response.body) as { status: number }).status, status);
      assert.equal(upstream.received.length, before);
      assert.equal(other.received.length, 0);
    });
  }

  test('authority-form (CONNECT) is refused with 405 and tunnels nowhere', async () => {
    const response = await rawExchange(
      gateway.port,
      `CONNECT 127.0.0.1:${other.port} HTTP/1.1\r\nHost: 127.0.0.1:${other.port}\r\n\r\n`,
    );
    assert.equal(response.status, 405);
    assert.equal(other.received.length, 0);
  });

  test('a Host header naming another server changes nothing: the upstream receives it with its own Host', async () => {
    const response = await send('/x', `127.0.0.1:${other.port}`);
    assert.equal(response.status, 200);
    const seen = echoed(response.body.slice(response.body.indexOf('{')));
    assert.equal(seen.url, '/v1/x');
    assert.equal(seen.headers.host, `127.0.0.1:${upstream.port}`);
    assert.equal(seen.headers['x-forwarded-host'], `127.0.0.1:${other.port}`);
    assert.equal(other.received.length, 0);
  });

  test('`//other.host/…` stays on the upstream, below the base path', async () => {
    const response = await send(`//127.0.0.1:${other.port}/secret`);
    assert.equal(response.status, 200);
    assert.equal(upstream.received.at(-1)!.url, `/v1/127.0.0.1:${other.port}/secret`);
    assert.equal(other.received.length, 0);
  });
});
