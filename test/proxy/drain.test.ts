// `corsguard proxy` stopping (SIGTERM): the drain is bounded even with a WebSocket open, which
// never finishes on its own; requests shorter than the drain still complete.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import WebSocket, { WebSocketServer } from 'ws';
import { startProxyCommand, type RunningProxyCommand } from '../../src/cli/proxy.ts';
import { listen, type RunningServer } from '../support/servers.ts';
import { APP } from './support/harness.ts';

const DRAIN_MS = 300;
let upstream: RunningServer;

before(async () => {
  const server = createServer((incoming, response) => {
    incoming.resume();
    setTimeout(() => response.end('done'), 100);
  });
  new WebSocketServer({ server }).on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
  upstream = await listen(server);
});
after(() => upstream.close());

async function start(): Promise<RunningProxyCommand> {
  const io = { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false };
  const started = await startProxyCommand(['--upstream', upstream.url, '--origin', APP, '--port', '0', '--websockets'], io, DRAIN_MS);
  assert.notEqual(typeof started, 'number');
  return started as RunningProxyCommand;
}

function openWebSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace('http:', 'ws:'), { headers: { origin: APP } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Milliseconds until `promise` settles, or 'unbounded' after `limit`. */
async function timed(promise: Promise<unknown>, limit: number): Promise<number | 'unbounded'> {
  const start = performance.now();
  const settled = await Promise.race([promise.then(() => true), sleep(limit, false)]);
  return settled ? performance.now() - start : 'unbounded';
}

describe('stop() is bounded by the drain time', () => {
  test('an open WebSocket is closed at the deadline; the command exits 0', async () => {
    const running = await start();
    const socket = await openWebSocket(running.url);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const took = await timed(running.stop(), DRAIN_MS + 2_000);
    socket.terminate();
    assert.notEqual(took, 'unbounded');
    assert.ok((took as number) >= DRAIN_MS - 20, `stopped after ${String(took)}ms, before the drain time`);
    assert.deepEqual([await timed(closed, 1_000) !== 'unbounded', await running.exited], [true, 0]);
  });

  test('a request in flight shorter than the drain completes; new connections are refused', async () => {
    const running = await start();
    const inFlight = request(`${running.url}/slow`, { headers: { origin: APP } });
    await sleep(30);
    const stopped = running.stop();
    const response = await inFlight;
    assert.deepEqual([response.statusCode, await response.body.text()], [200, 'done']);
    assert.notEqual(await timed(stopped, DRAIN_MS + 2_000), 'unbounded');
    await assert.rejects(request(`${running.url}/after`));
  });
});
