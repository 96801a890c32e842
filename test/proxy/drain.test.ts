// `corsguard proxy` stopping (SIGTERM): the drain is bounded even with a WebSocket open, which
// never finishes on its own; requests shorter than the drain still complete; it says how many
// requests it is draining, then that it stopped.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import WebSocket, { WebSocketServer } from 'ws';
import { startProxyCommand, type RunningProxyCommand } from '../../src/cli/proxy/proxy.ts';
import { listen, type RunningServer } from '../support/servers.ts';
import { APP } from './support/harness.ts';

const DRAIN_MS = 300;
let upstream: RunningServer;
/** Requests that reached the upstream: one in flight is one that arrived and is not answered yet. */
let arrived = 0;

async function untilArrived(count: number): Promise<void> {
  const deadline = performance.now() + 5_000;
  while (arrived < count && performance.now() < deadline) await sleep(5);
}

before(async () => {
  const server = createServer((incoming, response) => {
    arrived++;
    incoming.resume();
    setTimeout(() => response.end('done'), 100);
  });
  new WebSocketServer({ server }).on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
  upstream = await listen(server);
});
after(() => upstream.close());

async function start(output: string[] = [], extra: string[] = []): Promise<RunningProxyCommand> {
  const io = {
    stdout: (text: string) => output.push(...text.trimEnd().split('\n')),
    stderr: () => {},
    env: {},
    isTTY: false,
  };
  const started = await startProxyCommand(
    ['--upstream', upstream.url, '--origin', APP, '--port', '0', '--websockets', ...extra],
    io,
    DRAIN_MS,
  );
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
    assert.deepEqual([(await timed(closed, 1_000)) !== 'unbounded', await running.exited], [true, 0]);
  });

  test('a request in flight shorter than the drain completes; new connections are refused', async () => {
    const running = await start();
    const before = arrived;
    const inFlight = request(`${running.url}/slow`, { headers: { origin: APP } });
    // In flight: it reached the upstream (a fixed pause could stop the gateway before it connected).
    await untilArrived(before + 1);
    const stopped = running.stop();
    const response = await inFlight;
    assert.deepEqual([response.statusCode, await response.body.text()], [200, 'done']);
    assert.notEqual(await timed(stopped, DRAIN_MS + 2_000), 'unbounded');
    await assert.rejects(request(`${running.url}/after`));
  });
});

describe('stopping says what it does', () => {
  const rows: Array<[rule: string, open: (url: string) => Promise<() => void>, expected: string[]]> = [
    ['nothing in flight', async () => () => {}, ['corsguard proxy draining 0 requests', 'corsguard proxy stopped']],
    [
      'one request in flight: draining, its log line when it completes, then stopped',
      async (url) => {
        const before = arrived;
        void request(`${url}/slow`, { headers: { origin: APP } }).then((response) => response.body.text());
        await untilArrived(before + 1);
        return () => {};
      },
      ['corsguard proxy draining 1 request', 'GET /slow 200', 'corsguard proxy stopped'],
    ],
    [
      'two requests and a WebSocket in flight',
      async (url) => {
        const before = arrived;
        for (const path of ['/a', '/b'])
          void request(`${url}${path}`, { headers: { origin: APP } }).then((response) => response.body.text());
        const socket = await openWebSocket(url);
        await untilArrived(before + 2);
        return () => socket.terminate();
      },
      ['corsguard proxy draining 3 requests', 'GET /a 200', 'GET /b 200', 'corsguard proxy stopped'],
    ],
  ];
  for (const [rule, open, expected] of rows) {
    test(rule, async () => {
      const output: string[] = [];
      const running = await start(output);
      const cleanup = await open(running.url);
      await running.stop();
      assert.equal(await running.exited, 0);
      cleanup();
      const lines = output
        .slice(1)
        .map((line) => (line.startsWith('GET ') ? line.split(' ').slice(0, 3).join(' ') : line));
      assert.deepEqual(
        lines.filter((line) => !line.startsWith('GET /') || expected.includes(line)),
        expected,
      );
    });
  }

  test('with --json-logs, as JSON objects with an event', async () => {
    const output: string[] = [];
    const running = await start(output, ['--json-logs']);
    await running.stop();
    await running.exited;
    const events = output.slice(1).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      events.map(({ event, requests }) => ({ event, requests })),
      [
        { event: 'draining', requests: 0 },
        { event: 'stopped', requests: undefined },
      ],
    );
    assert.ok(events.every((event) => typeof event.time === 'string'));
  });
});
