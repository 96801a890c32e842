// Request hijack through a body the upstream does not read: an upstream that ignores Content-Length
// on GET (DELETE, OPTIONS, …) reads an attacker's body as the start of the next request on its
// connection. On a pooled connection that next request is another user's: `GET /me` with their
// cookie would run the attacker's `/admin/export`. GET and HEAD bodies are refused; other bodies
// outside POST, PUT and PATCH go over a connection of their own, closed after the answer.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { createFetchProxy } from '../../src/proxy/fetch.ts';
import { listen, type RunningServer } from '../support/servers.ts';
import { APP, parseRaw, rawExchange, startGateway, type Gateway } from './support/harness.ts';

/** An incomplete head: the upstream completes it with whatever arrives next on the connection. */
const PREFIX = 'GET /admin/export HTTP/1.1\r\nX-Swallow: ';

interface Seen {
  readonly line: string;
  readonly cookie: string | undefined;
  readonly connection: number;
}

/** An upstream that reads a body only for POST, PUT and PATCH, as some servers do: the vulnerable kind. */
async function startNaiveUpstream(): Promise<RunningServer & { seen: Seen[]; connections: () => number }> {
  const seen: Seen[] = [];
  let connections = 0;
  const server = createServer((socket: Socket) => {
    const id = ++connections;
    socket.on('error', () => {});
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const lines = head.split('\r\n');
        const [method] = lines[0]!.split(' ');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        const skip = ['POST', 'PUT', 'PATCH'].includes(method!) ? length : 0;
        if (buffered.length < end + 4 + skip) return;
        buffered = buffered.subarray(end + 4 + skip);
        seen.push({ line: lines[0]!, cookie: /\r\ncookie: *([^\r]*)/i.exec(head)?.[1], connection: id });
        const body = lines[0]!;
        socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      }
    });
  });
  return Object.assign(await listen(server), { seen, connections: () => connections });
}

let upstream: Awaited<ReturnType<typeof startNaiveUpstream>>;
let gateway: Gateway;
before(async () => {
  upstream = await startNaiveUpstream();
  gateway = await startGateway({ upstream: upstream.url, cors: { origin: APP, credentials: true, methods: ['DELETE', 'PATCH'] } });
});
after(async () => {
  await gateway.close();
  await upstream.close();
});

const attack = (method: string, framing: 'length' | 'chunked') =>
  framing === 'length'
    ? `${method} /x HTTP/1.1\r\nHost: g\r\nConnection: close\r\nContent-Length: ${PREFIX.length}\r\n\r\n${PREFIX}`
    : `${method} /x HTTP/1.1\r\nHost: g\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n${PREFIX.length.toString(16)}\r\n${PREFIX}\r\n0\r\n\r\n`;

/** The victim's request after the attacker's, through the same gateway (and so the same upstream pool). */
async function victim(): Promise<string> {
  const response = await request(`${gateway.url}/me`, { headers: { origin: APP, cookie: 'session=victim' } });
  return response.body.text();
}

describe('the node handler', () => {
  const rows: Array<[rule: string, method: string, framing: 'length' | 'chunked', status: number, reached: [string?]]> = [
    ['a GET body (Content-Length) is refused with 400, nothing is forwarded', 'GET', 'length', 400, []],
    ['a GET body (chunked) is refused with 400, nothing is forwarded', 'GET', 'chunked', 400, []],
    ['a HEAD body is refused with 400, nothing is forwarded', 'HEAD', 'length', 400, []],
    ['a DELETE body goes over a connection of its own', 'DELETE', 'length', 200, ['DELETE /x HTTP/1.1']],
    ['a chunked DELETE body goes over a connection of its own', 'DELETE', 'chunked', 200, ['DELETE /x HTTP/1.1']],
    ['an OPTIONS body (not a preflight) goes over a connection of its own', 'OPTIONS', 'length', 200, ['OPTIONS /x HTTP/1.1']],
  ];
  for (const [rule, method, framing, status, reached] of rows) {
    test(`${rule}; the next user's request is theirs`, async () => {
      // A warm pooled connection, as on a busy gateway.
      await victim();
      const before = upstream.seen.length;
      const answer = await rawExchange(gateway.port, attack(method, framing), 2_000).catch(() => parseRaw('HTTP/1.1 0 none\r\n\r\n'));
      await sleep(50);
      const answered = await victim();
      const seen = upstream.seen.slice(before);
      const last = seen.at(-1);
      // What the upstream made of the attacker's bytes stays on the attacker's own connection.
      const onVictimsConnection = seen.slice(0, -1).filter((s) => s.connection === last?.connection).map((s) => s.line);
      const code = status === 400 && method !== 'HEAD' ? (JSON.parse(answer.body) as { code: string }).code : undefined;
      assert.deepEqual(
        { status: answer.status, code, first: seen.length > 1 ? seen[0]!.line : undefined, onVictimsConnection, victim: [last?.line, last?.cookie, answered] },
        { status, code: status === 400 && method !== 'HEAD' ? 'request-body-not-allowed' : undefined, first: reached[0], onVictimsConnection: [], victim: ['GET /me HTTP/1.1', 'session=victim', 'GET /me HTTP/1.1'] },
      );
    });
  }

  test('POST, PUT and PATCH bodies keep using the pooled connection', async () => {
    await victim();
    const before = upstream.connections();
    for (const method of ['POST', 'PUT', 'PATCH']) {
      const response = await request(`${gateway.url}/y`, { method, body: 'data', headers: { origin: APP } });
      assert.equal(await response.body.text(), `${method} /y HTTP/1.1`);
    }
    await victim();
    assert.equal(upstream.connections() - before, 0);
  });
});

describe('the fetch handler', () => {
  const rows: Array<[rule: string, method: string, headers: Record<string, string>, status: number]> = [
    ['a GET announcing a body is refused with 400', 'GET', { 'content-length': '5' }, 400],
    ['a GET announcing a chunked body is refused with 400', 'GET', { 'transfer-encoding': 'chunked' }, 400],
    ['a HEAD announcing a body is refused with 400', 'HEAD', { 'content-length': '5' }, 400],
    ['a GET with Content-Length: 0 is forwarded', 'GET', { 'content-length': '0' }, 200],
  ];
  for (const [rule, method, headers, status] of rows) {
    test(rule, async () => {
      const before = upstream.seen.length;
      const handler = createFetchProxy({ upstream: upstream.url, cors: { origin: APP } });
      const response = await handler(new Request('https://gateway.example/x', { method, headers }));
      const body = await response.text();
      assert.deepEqual(
        [response.status, status === 400 ? (JSON.parse(body) as { code: string }).code : undefined, upstream.seen.length - before],
        [status, status === 400 ? 'request-body-not-allowed' : undefined, status === 400 ? 0 : 1],
      );
    });
  }
});
