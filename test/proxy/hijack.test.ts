// Request hijack through a body the upstream does not read: an upstream that ignores Content-Length
// on GET (DELETE, OPTIONS, …) reads an attacker's body as the start of the next request on its
// connection. On a pooled connection that next request is another user's: `GET /me` with their
// cookie would run the attacker's `/admin/export`. By default a body goes only with POST, PUT and
// PATCH (400 otherwise); a method allowed one by dangerouslyAllowBodyMethods sends it over a
// connection of its own, closed after the answer. (What such a body can still do on that own
// connection: body-methods.test.ts.)
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { createFetchProxy } from '../../src/proxy/fetch.ts';
import { APP, parseRaw, rawExchange, startGateway, type Gateway } from './support/harness.ts';
import { startNaiveUpstream, type NaiveUpstream } from './support/naive-upstream.ts';

/** An incomplete head: the upstream completes it with whatever arrives next on the connection. */
const PREFIX = 'GET /admin/export HTTP/1.1\r\nX-Swallow: ';
const OPT_IN = ['DELETE', 'OPTIONS'];

let upstream: NaiveUpstream;
const gateways: Record<'default' | 'opt-in', Gateway> = {} as never;
before(async () => {
  upstream = await startNaiveUpstream();
  const cors = { origin: APP, credentials: true, methods: ['DELETE', 'PATCH'] };
  gateways.default = await startGateway({ upstream: upstream.url, cors });
  gateways['opt-in'] = await startGateway({ upstream: upstream.url, cors, dangerouslyAllowBodyMethods: OPT_IN });
});
after(async () => {
  for (const gateway of Object.values(gateways)) await gateway.close();
  await upstream.close();
});

const attack = (method: string, framing: 'length' | 'chunked') =>
  framing === 'length'
    ? `${method} /x HTTP/1.1\r\nHost: g\r\nConnection: close\r\nContent-Length: ${PREFIX.length}\r\n\r\n${PREFIX}`
    : `${method} /x HTTP/1.1\r\nHost: g\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n${PREFIX.length.toString(16)}\r\n${PREFIX}\r\n0\r\n\r\n`;

/** The victim's request after the attacker's, through the same gateway (and so the same upstream pool). */
async function victim(gateway: Gateway): Promise<string> {
  const response = await request(`${gateway.url}/me`, { headers: { origin: APP, cookie: 'session=victim' } });
  return response.body.text();
}

describe('the node handler', () => {
  type Row = [
    rule: string,
    gateway: keyof typeof gateways,
    method: string,
    framing: 'length' | 'chunked',
    status: number,
  ];
  const rows: Row[] = [
    ['a GET body (Content-Length) is refused with 400, nothing is forwarded', 'default', 'GET', 'length', 400],
    ['a GET body (chunked) is refused with 400, nothing is forwarded', 'default', 'GET', 'chunked', 400],
    ['a HEAD body is refused with 400, nothing is forwarded', 'default', 'HEAD', 'length', 400],
    ['a DELETE body is refused with 400 by default', 'default', 'DELETE', 'length', 400],
    ['a chunked DELETE body is refused with 400 by default', 'default', 'DELETE', 'chunked', 400],
    ['an OPTIONS body (not a preflight) is refused with 400 by default', 'default', 'OPTIONS', 'length', 400],
    ['an extension method body (PROPFIND) is refused with 400 by default', 'default', 'PROPFIND', 'length', 400],
    ['a GET body is refused even with the opt-in', 'opt-in', 'GET', 'length', 400],
    ['opt-in: a DELETE body goes over a connection of its own', 'opt-in', 'DELETE', 'length', 200],
    ['opt-in: a chunked DELETE body goes over a connection of its own', 'opt-in', 'DELETE', 'chunked', 200],
    ['opt-in: an OPTIONS body goes over a connection of its own', 'opt-in', 'OPTIONS', 'length', 200],
    ['opt-in: a method not listed (PROPFIND) is still refused', 'opt-in', 'PROPFIND', 'length', 400],
  ];
  for (const [rule, name, method, framing, status] of rows) {
    test(`${rule}; the next user's request is theirs`, async () => {
      const gateway = gateways[name];
      // A warm pooled connection, as on a busy gateway.
      await victim(gateway);
      const from = upstream.seen.length;
      const answer = await rawExchange(gateway.port, attack(method, framing), 2_000).catch(() =>
        parseRaw('HTTP/1.1 0 none\r\n\r\n'),
      );
      await sleep(50);
      const answered = await victim(gateway);
      const seen = upstream.seen.slice(from);
      const last = seen.at(-1);
      // What the upstream made of the attacker's bytes stays on the attacker's own connection.
      const attacker = seen.slice(0, -1);
      const onVictimsConnection = attacker.filter((s) => s.connection === last?.connection).map((s) => s.line);
      const refused = status === 400 && method !== 'HEAD';
      // Forwarded, the body is parsed as requests on the attacker's own connection (a chunked one's
      // size line becomes a request line); the prefix never completes there.
      const forwarded =
        status === 200 ? [`${method} /x HTTP/1.1`, ...(framing === 'chunked' ? [PREFIX.length.toString(16)] : [])] : [];
      assert.deepEqual(
        {
          status: answer.status,
          code: refused ? (JSON.parse(answer.body) as { code: string }).code : undefined,
          forwarded: attacker.map((s) => s.line),
          onVictimsConnection,
          victim: [last?.line, last?.cookie, answered],
        },
        {
          status,
          code: refused ? 'request-body-not-allowed' : undefined,
          forwarded,
          onVictimsConnection: [],
          victim: ['GET /me HTTP/1.1', 'session=victim', 'GET /me HTTP/1.1'],
        },
      );
    });
  }

  test('POST, PUT and PATCH bodies keep using the pooled connection', async () => {
    const gateway = gateways.default;
    await victim(gateway);
    const before = upstream.connections();
    for (const method of ['POST', 'PUT', 'PATCH']) {
      const response = await request(`${gateway.url}/y`, { method, body: 'data', headers: { origin: APP } });
      assert.equal(await response.body.text(), `${method} /y HTTP/1.1`);
    }
    await victim(gateway);
    assert.equal(upstream.connections() - before, 0);
  });
});

describe('the fetch handler', () => {
  type Row = [
    rule: string,
    optIn: readonly string[],
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    status: number,
  ];
  const rows: Row[] = [
    ['a GET announcing a body is refused with 400', [], 'GET', { 'content-length': '5' }, undefined, 400],
    [
      'a GET announcing a chunked body is refused with 400',
      [],
      'GET',
      { 'transfer-encoding': 'chunked' },
      undefined,
      400,
    ],
    ['a HEAD announcing a body is refused with 400', [], 'HEAD', { 'content-length': '5' }, undefined, 400],
    ['a GET with Content-Length: 0 is forwarded', [], 'GET', { 'content-length': '0' }, undefined, 200],
    [
      'a DELETE announcing a body is refused with 400 by default',
      [],
      'DELETE',
      { 'content-length': '5' },
      'hello',
      400,
    ],
    [
      'an OPTIONS announcing a chunked body is refused with 400 by default',
      [],
      'OPTIONS',
      { 'transfer-encoding': 'chunked' },
      undefined,
      400,
    ],
    ['a DELETE with Content-Length: 0 is forwarded', [], 'DELETE', { 'content-length': '0' }, undefined, 200],
    ['opt-in: a DELETE body is forwarded', OPT_IN, 'DELETE', { 'content-length': '5' }, 'hello', 200],
    ['opt-in: a GET body is still refused', OPT_IN, 'GET', { 'content-length': '5' }, undefined, 400],
  ];
  for (const [rule, optIn, method, headers, body, status] of rows) {
    test(rule, async () => {
      const from = upstream.seen.length;
      const handler = createFetchProxy({
        upstream: upstream.url,
        cors: { origin: APP },
        dangerouslyAllowBodyMethods: optIn,
      });
      const response = await handler(
        new Request('https://gateway.example/x', { method, headers, body, duplex: 'half' } as RequestInit),
      );
      const text = await response.text();
      assert.deepEqual(
        [
          response.status,
          status === 400 ? (JSON.parse(text) as { code: string }).code : undefined,
          upstream.seen.length - from,
        ],
        [status, status === 400 ? 'request-body-not-allowed' : undefined, status === 400 ? 0 : 1],
      );
    });
  }

  test('a body the head does not announce is not sent on a method not allowed one', async () => {
    const handler = createFetchProxy({ upstream: upstream.url, cors: { origin: APP } });
    // The naive upstream reads no DELETE body: a body sent would arrive as a second request line.
    const from = upstream.seen.length;
    const response = await handler(
      new Request('https://gateway.example/x', { method: 'DELETE', body: 'GET /smuggled HTTP/1.1\r\n\r\n' }),
    );
    assert.equal(await response.text(), 'DELETE /x HTTP/1.1');
    await sleep(100);
    assert.deepEqual(
      upstream.seen.slice(from).map((s) => s.line),
      ['DELETE /x HTTP/1.1'],
    );
  });
});
