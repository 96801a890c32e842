// Upgrades other than WebSocket never become tunnels: an h2c upgrade (h2c smuggling), a handshake
// missing its Sec-WebSocket-* headers, an upstream switching to another protocol, or a 101 answering
// a plain request would otherwise hand the client a raw connection to the upstream, or hang.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { listen, type RunningServer } from '../support/servers.ts';
import { APP, rawExchange, startGateway, type Gateway } from './support/harness.ts';
import { headLines } from './support/raw-upstream.ts';

const SWITCH_TO = (protocol: string) =>
  `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ${protocol}\r\n\r\n`;
/** Bytes a client sends after its handshake: they must reach the upstream only through a WebSocket tunnel. */
const FOLLOW_UP = 'GET /admin HTTP/1.1\r\nHost: internal\r\n\r\n';
const HANDSHAKE = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';

/** Every byte the upstream received in this test, and what it answers to the first chunk. */
let received = '';
let answer = SWITCH_TO('websocket');
let upstream: RunningServer;
let gateway: Gateway;

before(async () => {
  upstream = await listen(
    createServer((socket: Socket) => {
      socket.on('error', () => {});
      let first = true;
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (first) socket.write(answer);
        first = false;
      });
    }),
  );
  gateway = await startGateway({
    upstream: `${upstream.url}/v1`,
    cors: { origin: APP },
    websockets: true,
    timeout: 5_000,
  });
});
after(async () => {
  await gateway.close();
  await upstream.close();
});

function upgradeRequest(upgrade: string, extra: string): string {
  return `GET /ws HTTP/1.1\r\nHost: x\r\nOrigin: ${APP}\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: ${upgrade}\r\n${extra}\r\n${FOLLOW_UP}`;
}

describe('upgrade requests', () => {
  const rows: Array<
    [
      rule: string,
      request: string,
      upstreamAnswer: string,
      expected: { status: number; code?: string; reachesUpstream: boolean },
    ]
  > = [
    [
      'an h2c upgrade is refused with 400 and nothing reaches the upstream',
      upgradeRequest('h2c', 'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n'),
      SWITCH_TO('h2c'),
      { status: 400, code: 'websocket-upgrade-invalid', reachesUpstream: false },
    ],
    [
      'a WebSocket upgrade without Sec-WebSocket-Key is refused with 400',
      upgradeRequest('websocket', 'Sec-WebSocket-Version: 13\r\n'),
      SWITCH_TO('websocket'),
      { status: 400, code: 'websocket-upgrade-invalid', reachesUpstream: false },
    ],
    [
      'a WebSocket upgrade without Sec-WebSocket-Version is refused with 400',
      upgradeRequest('websocket', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'),
      SWITCH_TO('websocket'),
      { status: 400, code: 'websocket-upgrade-invalid', reachesUpstream: false },
    ],
    [
      'a list of upgrade tokens is refused with 400',
      upgradeRequest('websocket, h2c', HANDSHAKE),
      SWITCH_TO('websocket'),
      { status: 400, code: 'websocket-upgrade-invalid', reachesUpstream: false },
    ],
    [
      'Upgrade: WebSocket in any case is tunnelled, sent upstream as upgrade: websocket',
      upgradeRequest('WebSocket', HANDSHAKE),
      SWITCH_TO('websocket'),
      { status: 101, reachesUpstream: true },
    ],
    [
      'an upstream switching a WebSocket handshake to h2c is a 502, never a tunnel',
      upgradeRequest('websocket', HANDSHAKE),
      SWITCH_TO('h2c'),
      { status: 502, code: 'upstream-unreachable', reachesUpstream: false },
    ],
  ];
  for (const [rule, request, upstreamAnswer, expected] of rows) {
    test(rule, async () => {
      received = '';
      answer = upstreamAnswer;
      const response = await rawExchange(gateway.port, request, 600);
      assert.equal(response.status, expected.status);
      if (expected.code !== undefined)
        assert.equal((JSON.parse(response.body) as { code: string }).code, expected.code);
      assert.equal(received.includes('GET /admin'), expected.reachesUpstream, 'the bytes after the handshake');
      if (received !== '') {
        const head = headLines(received.slice(0, received.indexOf('\r\n\r\n')));
        assert.deepEqual(
          [head.get('upgrade'), head.get('connection'), head.has('http2-settings')],
          ['websocket', 'Upgrade', false],
        );
      }
    });
  }
});

describe('a 101 answering a request that asked for no upgrade', () => {
  for (const protocol of ['websocket', 'h2c']) {
    test(`Upgrade: ${protocol} is a 502 problem with the CORS headers, not a hang`, async () => {
      received = '';
      answer = SWITCH_TO(protocol);
      const response = await rawExchange(
        gateway.port,
        `GET /plain HTTP/1.1\r\nHost: x\r\nOrigin: ${APP}\r\nConnection: close\r\n\r\n`,
        2_000,
      );
      assert.deepEqual(
        [
          response.status,
          response.headers['content-type'],
          response.headers['access-control-allow-origin'],
          (JSON.parse(response.body) as { code: string }).code,
        ],
        [502, ['application/problem+json'], [APP], 'upstream-unreachable'],
      );
      const entry = gateway.logs.find((log) => log.path === '/plain');
      assert.deepEqual([entry?.status, entry?.upstreamStatus, entry?.outcome], [502, 101, 'upstream-unreachable']);
      gateway.logs.length = 0;
    });
  }
});
