// Errors a front end can see (problem+json with CORS headers), and faults that abort instead of
// truncating: upstream refusing, silent, answering garbage, resetting mid-body; clients aborting.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import { after, describe, test } from 'node:test';
import { request } from 'undici';
import { listen } from '../support/servers.ts';
import { APP, EVIL, startGateway, type Gateway } from './support/harness.ts';
import { startRawUpstream } from './support/raw-upstream.ts';

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

async function gatewayTo(upstream: string, timeout = 5_000): Promise<Gateway> {
  const gateway = await startGateway({ upstream, cors: { origin: APP }, timeout });
  closers.push(() => gateway.close());
  return gateway;
}

async function closedPort(): Promise<number> {
  const server = await listen(createServer());
  await server.close();
  return server.port;
}

async function rawUpstream(answer: Parameters<typeof startRawUpstream>[0]) {
  const upstream = await startRawUpstream(answer);
  closers.push(() => upstream.close());
  return upstream;
}

describe('errors answered as problem+json with the CORS headers', () => {
  const rows: Array<{
    rule: string;
    upstream: () => Promise<string>;
    timeout?: number;
    status: number;
    code: string;
    outcome: string;
  }> = [
    {
      rule: 'an upstream refusing connections is a 502',
      upstream: async () => `http://127.0.0.1:${await closedPort()}`,
      status: 502,
      code: 'upstream-unreachable',
      outcome: 'upstream-unreachable',
    },
    {
      rule: 'an upstream answering garbage is a 502',
      upstream: async () => (await rawUpstream((socket) => socket.end('SPAM SPAM SPAM\r\n\r\n'))).url,
      status: 502,
      code: 'upstream-unreachable',
      outcome: 'upstream-unreachable',
    },
    {
      rule: 'an upstream closing without an answer is a 502',
      upstream: async () => (await rawUpstream((socket) => socket.end())).url,
      status: 502,
      code: 'upstream-unreachable',
      outcome: 'upstream-unreachable',
    },
    {
      rule: 'an upstream that never answers is a 504 after the timeout',
      upstream: async () => (await rawUpstream(() => {})).url,
      timeout: 200,
      status: 504,
      code: 'upstream-timeout',
      outcome: 'upstream-timeout',
    },
  ];
  for (const row of rows) {
    for (const [origin, acao] of [
      [APP, APP],
      [EVIL, undefined],
    ] as const) {
      test(`${row.rule} (origin ${origin === APP ? 'allowed' : 'not allowed'})`, async () => {
        const gateway = await gatewayTo(await row.upstream(), row.timeout);
        const response = await request(`${gateway.url}/x`, { headers: { origin } });
        const body = (await response.body.json()) as Record<string, unknown>;
        assert.equal(response.statusCode, row.status);
        assert.equal(response.headers['content-type'], 'application/problem+json');
        assert.equal(response.headers['access-control-allow-origin'], acao);
        assert.match(String(response.headers.vary), /Origin/);
        assert.deepEqual(
          { status: body.status, code: body.code, type: body.type },
          {
            status: row.status,
            code: row.code,
            type: `https://corsguard.github.io/corsguard/codes/gateway/${row.code}`,
          },
        );
        assert.equal(gateway.logs.at(-1)?.outcome, row.outcome);
      });
    }
  }
});

describe('faults after the headers abort the client connection', () => {
  const rows: Array<{
    rule: string;
    answer: Parameters<typeof startRawUpstream>[0];
    timeout?: number;
    outcome: string;
  }> = [
    {
      rule: 'an upstream resetting mid-body (Content-Length)',
      answer: (socket) => {
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n${'x'.repeat(100)}`);
        setTimeout(() => socket.resetAndDestroy(), 50);
      },
      outcome: 'upstream-aborted',
    },
    {
      rule: 'an upstream closing mid-body (chunked)',
      answer: (socket) => {
        socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
        setTimeout(() => socket.destroy(), 50);
      },
      outcome: 'upstream-aborted',
    },
    {
      rule: 'an upstream going idle mid-body for longer than the timeout',
      answer: (socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nxx'),
      timeout: 300,
      outcome: 'upstream-timeout',
    },
  ];
  for (const row of rows) {
    test(`${row.rule}: the client's body errors, never looks complete`, async () => {
      const upstream = await rawUpstream(row.answer);
      const gateway = await gatewayTo(upstream.url, row.timeout);
      const response = await request(`${gateway.url}/x`, { headers: { origin: APP } });
      assert.equal(response.statusCode, 200);
      await assert.rejects(response.body.text());
      await waitFor(() => gateway.logs.length === 1);
      assert.equal(gateway.logs[0]!.outcome, row.outcome);
    });
  }
});

describe('clients aborting abort the upstream request', () => {
  async function recordingUpstream(respond: (incoming: IncomingMessage, write: (text: string) => void) => void) {
    const closed: Array<{ complete: boolean; responseFinished: boolean }> = [];
    const upstream = await listen(
      createServer((incoming, response) => {
        response.on('close', () =>
          closed.push({ complete: incoming.complete, responseFinished: response.writableFinished }),
        );
        respond(incoming, (text) => response.write(text));
      }),
    );
    closers.push(() => upstream.close());
    return { upstream, closed };
  }

  test('mid-download: the upstream response is cut off', async () => {
    const { upstream, closed } = await recordingUpstream((_incoming, write) => {
      write('first chunk');
      // …and never finishes.
    });
    const gateway = await gatewayTo(upstream.url);
    const socket = connect(gateway.port, '127.0.0.1');
    socket.write(`GET /download HTTP/1.1\r\nHost: g\r\nOrigin: ${APP}\r\n\r\n`);
    await once(socket, 'data');
    socket.destroy();
    await waitFor(() => closed.length === 1);
    assert.equal(closed[0]!.responseFinished, false);
    await waitFor(() => gateway.logs.length === 1);
    assert.equal(gateway.logs[0]!.outcome, 'client-aborted');
  });

  test('mid-upload: the upstream sees an incomplete request', async () => {
    const { upstream, closed } = await recordingUpstream((incoming) => incoming.resume());
    const gateway = await gatewayTo(upstream.url);
    const socket = connect(gateway.port, '127.0.0.1');
    socket.write(`POST /upload HTTP/1.1\r\nHost: g\r\nContent-Length: 1000000\r\n\r\n${'x'.repeat(10_000)}`);
    await waitFor(() => closed.length === 0 && gateway.logs.length === 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await waitFor(() => closed.length === 1);
    assert.equal(closed[0]!.complete, false);
    await waitFor(() => gateway.logs.length === 1);
    assert.equal(gateway.logs[0]!.outcome, 'client-aborted');
  });
});

async function waitFor(condition: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
