// Slow-header clients (Slowloris) cannot hold the gateway's connections: a request head must be
// complete within headersTimeout (408 after it), idle keep-alive connections close after
// keepAliveTimeout, and a body may still take much longer than either while bytes keep coming.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createProxyServer, DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_KEEP_ALIVE_TIMEOUT_MS } from '../../src/proxy/index.ts';
import { APP, startGateway, startUpstream, type Gateway, type Upstream } from './support/harness.ts';

const HEADERS_MS = 400;
const KEEP_ALIVE_MS = 400;
/** Four times the quiet-machine bound (the timeout plus Node's checking interval). */
const LIMIT_MS = 4 * (HEADERS_MS + 250);

let upstream: Upstream;
let gateway: Gateway;
before(async () => {
  upstream = await startUpstream((incoming, response) => {
    let size = 0;
    incoming.on('data', (chunk: Buffer) => (size += chunk.length));
    incoming.on('end', () => response.end(String(size)));
  });
  gateway = await startGateway({
    upstream: upstream.url,
    cors: { origin: APP },
    headersTimeout: HEADERS_MS,
    keepAliveTimeout: KEEP_ALIVE_MS,
  });
});
after(async () => {
  await gateway.close();
  await upstream.close();
});

interface Ended {
  readonly ms: number;
  readonly status: number | undefined;
  readonly statuses: number[];
}

/** Opens a connection, lets `drive` write to it, and resolves when the gateway closes it (or after `limit`). */
function connection(drive: (socket: Socket) => void, limit = LIMIT_MS + 2_000): Promise<Ended | 'still open'> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = connect(gateway.port, '127.0.0.1');
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('still open');
    }, limit);
    socket.on('close', () => {
      clearTimeout(timer);
      const statuses = [...raw.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => Number(match[1]));
      resolve({ ms: performance.now() - start, status: statuses.at(-1), statuses });
    });
    socket.on('connect', () => drive(socket));
  });
}

describe('request heads are bounded; bodies are not', () => {
  const rows: Array<[rule: string, drive: (socket: Socket) => void, expected: number[]]> = [
    ['a connection that sends nothing gets 408 and is closed', () => {}, [408]],
    [
      'half a request head gets 408 and is closed',
      (socket) => socket.write(`GET / HTTP/1.1\r\nHost: x\r\nOrigin: ${APP}\r\n`),
      [408],
    ],
    [
      'a head trickled one header at a time gets 408 and is closed',
      (socket) => {
        socket.write('GET / HTTP/1.1\r\n');
        const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('X-Slow: 1\r\n')), 50);
      },
      [408],
    ],
    [
      'an idle keep-alive connection after a complete answer is closed',
      (socket) => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
      [200],
    ],
  ];
  for (const [rule, drive, statuses] of rows) {
    test(rule, async () => {
      const ended = await connection(drive);
      assert.notEqual(ended, 'still open', `the connection was still open after ${LIMIT_MS + 2_000}ms`);
      const { ms, statuses: seen } = ended as Ended;
      assert.deepEqual(seen, statuses);
      assert.ok(ms < LIMIT_MS + KEEP_ALIVE_MS, `closed after ${Math.round(ms)}ms`);
    });
  }

  test('a body that takes three head timeouts to arrive, a byte at a time, is forwarded whole', async () => {
    const size = 12;
    const ended = await connection(
      (socket) => {
        socket.write(`POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${size}\r\n\r\n`);
        let sent = 0;
        const timer = setInterval(
          () => {
            socket.write('a');
            if (++sent === size) clearInterval(timer);
          },
          (3 * HEADERS_MS) / size,
        );
      },
      3 * HEADERS_MS + LIMIT_MS + 2_000,
    );
    assert.notEqual(ended, 'still open');
    assert.deepEqual((ended as Ended).statuses, [200]);
    assert.ok((ended as Ended).ms >= 3 * HEADERS_MS - 50);
  });

  test('many slow-header connections at once do not stop the gateway answering others', async () => {
    const slow = Array.from({ length: 50 }, () => connection((socket) => socket.write('GET / HTTP/1.1\r\n')));
    const response = await fetch(`${gateway.url}/x`, { headers: { origin: APP } });
    assert.equal(response.status, 200);
    await response.text();
    const ended = await Promise.all(slow);
    assert.deepEqual(new Set(ended.map((end) => (end === 'still open' ? end : end.status))), new Set([408]));
  });
});

describe('defaults and validation', () => {
  test('createProxyServer bounds request heads and idle connections by default', () => {
    const server = createProxyServer({ upstream: 'http://127.0.0.1:1', cors: { origin: APP } });
    assert.deepEqual(
      [server.headersTimeout, server.keepAliveTimeout, server.requestTimeout],
      [DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_KEEP_ALIVE_TIMEOUT_MS, 0],
    );
    server.proxy.close();
  });

  const invalid: Array<[rule: string, options: Record<string, unknown>, paths: string[]]> = [
    ['zero is not a head timeout', { headersTimeout: 0 }, ['headersTimeout']],
    ['a string is not a keep-alive timeout', { keepAliveTimeout: '5000' }, ['keepAliveTimeout']],
    [
      'both reported at once, with timeout',
      { headersTimeout: 1.5, keepAliveTimeout: -1, timeout: 'x' },
      ['headersTimeout', 'keepAliveTimeout', 'timeout'],
    ],
  ];
  for (const [rule, options, paths] of invalid) {
    test(rule, () => {
      assert.throws(
        () => createProxyServer({ upstream: 'http://127.0.0.1:1', cors: { origin: APP }, ...options } as never),
        (error: { issues: Array<{ code: string; path: string }> }) => {
          assert.deepEqual(
            error.issues.map((issue) => [issue.code, issue.path]).sort(),
            paths.map((path) => ['timeout-invalid', path]).sort(),
          );
          return true;
        },
      );
    });
  }
});
