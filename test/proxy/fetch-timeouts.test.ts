// The fetch handler (in Node) bounds every idle gap in the upstream's body by the timeout, not only
// the wait for its headers, and a client that goes away (request.signal) aborts the upstream exchange.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createFetchProxy } from '../../src/proxy/fetch.ts';
import { listen, type RunningServer } from '../support/servers.ts';
import { APP } from './support/harness.ts';
import { limitFor } from '../support/time-limits.ts';

const TIMEOUT = 300;
// The client aborts once the stalled upstream's headers are in (a few ms on a quiet machine; at
// 150 ms a loaded one sometimes had not got them yet, and the abort hit the wait for headers).
const ABORT_AFTER = limitFor(150);

/** How the upstream answers a request to each path; `closed` records whether its connection closed. */
const ANSWERS: Record<string, (socket: Socket) => void> = {
  // Part of a 10-byte body, then silence.
  '/stall': (socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc'),
  // Five bytes, one every TIMEOUT / 4: idle gaps a quarter of the timeout (so a loaded machine's
  // late timers do not reach it), all of it longer.
  '/trickle': (socket) => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n');
    let sent = 0;
    const tick = setInterval(() => {
      socket.write('x');
      if (++sent === 5) clearInterval(tick);
    }, TIMEOUT / 4);
    socket.once('close', () => clearInterval(tick));
  },
  // Never answers.
  '/silent': () => {},
};

let upstream: RunningServer;
const closed = new Map<string, boolean>();

before(async () => {
  upstream = await listen(
    createServer((socket) => {
      socket.on('error', () => {});
      // Each request head (a pooled connection carries several); none of these requests has a body.
      socket.on('data', (chunk: Buffer) => {
        const path = chunk.toString('latin1').split(' ')[1]!.replace(/^\/v1/, '');
        closed.set(path, false);
        socket.once('close', () => closed.set(path, true));
        ANSWERS[path]!(socket);
      });
    }),
  );
});
after(() => upstream.close());

type Outcome = { status: number | 'aborted'; body: 'complete' | 'errored' | 'none'; upstreamClosed: boolean };

/** Runs one request through the handler; `abortAfter` aborts the client's signal after that many ms. */
async function exchange(path: string, abortAfter?: number): Promise<Outcome> {
  const handler = createFetchProxy({
    upstream: `${upstream.url}/v1`,
    cors: { origin: APP },
    timeout: abortAfter === undefined ? TIMEOUT : 60_000,
  });
  const client = new AbortController();
  if (abortAfter !== undefined) setTimeout(() => client.abort(), abortAfter);
  const response = await handler(
    new Request(`http://gateway.test${path}`, { headers: { origin: APP }, signal: client.signal }),
  );
  let body: Outcome['body'] = 'none';
  if (response.body !== null) {
    try {
      await response.arrayBuffer();
      body = 'complete';
    } catch {
      body = 'errored';
    }
  }
  // Give the upstream socket a moment to see the abort.
  await sleep(100);
  return {
    status: client.signal.aborted ? 'aborted' : response.status,
    body,
    upstreamClosed: closed.get(path) === true,
  };
}

describe('fetch handler: idle bodies and client aborts', () => {
  const rows: Array<[rule: string, path: string, abortAfter: number | undefined, expected: Outcome]> = [
    [
      'a body idle for longer than the timeout errors, and the upstream request is aborted',
      '/stall',
      undefined,
      { status: 200, body: 'errored', upstreamClosed: true },
    ],
    [
      'a body whose every gap is shorter than the timeout completes, however long it takes',
      '/trickle',
      undefined,
      { status: 200, body: 'complete', upstreamClosed: false },
    ],
    [
      'a client abort while waiting for the headers aborts the upstream request',
      '/silent',
      ABORT_AFTER,
      { status: 'aborted', body: 'complete', upstreamClosed: true },
    ],
    [
      'a client abort mid-body aborts the upstream response and errors the body',
      '/stall',
      ABORT_AFTER,
      { status: 'aborted', body: 'errored', upstreamClosed: true },
    ],
  ];
  for (const [rule, path, abortAfter, expected] of rows) {
    // Without the bounds, these hang: the test's own timeout makes that a failure.
    test(rule, { timeout: 5_000 }, async () => {
      assert.deepEqual(await exchange(path, abortAfter), expected);
    });
  }
});
