// WebSockets through the gateway: proxied when the policy allows the Origin, 403 otherwise (CORS
// does not cover WebSockets; this is the defence against cross-site WebSocket hijacking).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { listen, type RunningServer } from '../support/servers.ts';
import { APP, EVIL, startGateway, type Gateway } from './support/harness.ts';

let upstream: RunningServer;
const upgrades: Array<{
  url: string;
  origin: string | undefined;
  host: string | undefined;
  cookie: string | undefined;
}> = [];
let gateway: Gateway;
let plainGateway: Gateway;

before(async () => {
  const server = createServer((_request, response) => response.end('plain http'));
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, request) => {
    upgrades.push({
      url: request.url ?? '',
      origin: request.headers.origin,
      host: request.headers.host,
      cookie: request.headers.cookie,
    });
    socket.on('message', (data) => socket.send(`echo ${data.toString()}`));
  });
  upstream = await listen(server);
  gateway = await startGateway({
    upstream: `${upstream.url}/v1`,
    cors: { origin: APP, credentials: true },
    websockets: true,
  });
  plainGateway = await startGateway({ upstream: upstream.url, cors: { origin: APP } });
});
after(async () => {
  await gateway.close();
  await plainGateway.close();
  await upstream.close();
});

type Result = { opened: true; reply: string } | { opened: false; status: number | undefined };

function connect(url: string, headers: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => socket.send('ping'));
    socket.on('message', (data) => {
      resolve({ opened: true, reply: data.toString() });
      socket.close();
    });
    socket.on('unexpected-response', (_request, response) => {
      resolve({ opened: false, status: response.statusCode });
      response.resume();
      socket.terminate();
    });
    socket.on('error', () => resolve({ opened: false, status: undefined }));
  });
}

describe('WebSocket upgrades', () => {
  const rows: Array<[rule: string, headers: Record<string, string>, expected: Result]> = [
    ['an allowed Origin is proxied, both ways', { origin: APP, cookie: 'sid=1' }, { opened: true, reply: 'echo ping' }],
    [
      'a disallowed Origin is refused with 403 and never reaches the upstream',
      { origin: EVIL },
      { opened: false, status: 403 },
    ],
    ["the Origin 'null' is refused with 403", { origin: 'null' }, { opened: false, status: 403 }],
    ['no Origin (not a browser) is proxied', {}, { opened: true, reply: 'echo ping' }],
  ];
  for (const [rule, headers, expected] of rows) {
    test(rule, async () => {
      const before = upgrades.length;
      const result = await connect(`ws://127.0.0.1:${gateway.port}/socket?room=1`, headers);
      assert.deepEqual(result, expected);
      assert.equal(upgrades.length - before, expected.opened ? 1 : 0);
      if (expected.opened) {
        const seen = upgrades.at(-1)!;
        assert.equal(seen.url, '/v1/socket?room=1');
        assert.equal(seen.host, `127.0.0.1:${upstream.port}`);
        assert.equal(seen.cookie, headers.cookie);
      }
      assert.equal(gateway.logs.at(-1)?.outcome, expected.opened ? 'websocket-proxied' : 'websocket-refused');
    });
  }

  test('an upgrade with an encoded slash is refused with 400', async () => {
    const before = upgrades.length;
    assert.deepEqual(await connect(`ws://127.0.0.1:${gateway.port}/a%2F..%2Fadmin`, { origin: APP }), {
      opened: false,
      status: 400,
    });
    assert.equal(upgrades.length, before);
  });

  test('without websockets, no upgrade reaches the upstream', async () => {
    const before = upgrades.length;
    const result = await connect(`ws://127.0.0.1:${plainGateway.port}/socket`, { origin: APP });
    assert.equal(result.opened, false);
    assert.equal(upgrades.length, before);
  });
});
