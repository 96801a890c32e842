// Fault injection under load: 400 requests at 50 connections, 20 % of them faulted (upstream resets
// mid-body, silence, garbage; clients aborting mid-download and mid-upload). Every request gets a
// well-formed answer or an abort that matches its fault, the process survives, and open sockets
// return to their starting count.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { Pool } from 'undici';
import { APP, startGateway, type Gateway } from './support/harness.ts';
import { startRawUpstream, type RawUpstream } from './support/raw-upstream.ts';

const TOTAL = 400;
const CONNECTIONS = 50;
const FAULTS = [
  'upstream-reset',
  'upstream-silent',
  'upstream-garbage',
  'client-abort-download',
  'client-abort-upload',
] as const;
type Kind = 'ok' | (typeof FAULTS)[number];

/** What the gateway must log for each kind of request. */
const EXPECTED_OUTCOME: Record<Kind, string> = {
  ok: 'proxied',
  'upstream-reset': 'upstream-aborted',
  'upstream-silent': 'upstream-timeout',
  'upstream-garbage': 'upstream-unreachable',
  'client-abort-download': 'client-aborted',
  'client-abort-upload': 'client-aborted',
};

const BODY = 'hello world';
let upstream: RawUpstream;
let gateway: Gateway;

before(async () => {
  upstream = await startRawUpstream((socket, head) => {
    // Idle keep-alive connections are closed (after the gateway's timeout, so silence is a 504), so
    // the socket count can settle back.
    socket.setTimeout(1500, () => socket.destroy());
    const kind = head.split(' ')[1]!.split('/')[1] as Kind;
    switch (kind) {
      case 'upstream-reset':
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial');
        setTimeout(() => socket.resetAndDestroy(), 5);
        return;
      case 'upstream-silent':
      case 'client-abort-upload':
        return;
      case 'upstream-garbage':
        socket.end('\x00\x01 not http at all\r\n\r\n');
        return;
      case 'client-abort-download':
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nfirst bytes');
        return;
      default:
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nContent-Type: text/plain\r\n\r\n${BODY}`);
    }
  });
  gateway = await startGateway({ upstream: upstream.url, cors: { origin: APP }, timeout: 1000 });
});
after(async () => {
  await gateway.close();
  await upstream.close();
});

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

async function abortingClient(kind: 'client-abort-download' | 'client-abort-upload', id: number): Promise<void> {
  const socket: Socket = connect(gateway.port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  if (kind === 'client-abort-download') {
    socket.write(`GET /${kind}/${id} HTTP/1.1\r\nHost: g\r\nOrigin: ${APP}\r\n\r\n`);
    await once(socket, 'data');
  } else {
    socket.write(
      `POST /${kind}/${id} HTTP/1.1\r\nHost: g\r\nOrigin: ${APP}\r\nContent-Length: 1000000\r\n\r\n${'u'.repeat(4096)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  socket.destroy();
}

test(`${TOTAL} requests at ${CONNECTIONS} connections, 20 % faulted`, { timeout: 60_000 }, async () => {
  const startSockets = openSockets();
  const kinds: Kind[] = Array.from({ length: TOTAL }, (_, i) =>
    i % 5 === 0 ? FAULTS[(i / 5) % FAULTS.length]! : 'ok',
  );
  const pool = new Pool(gateway.url, { connections: CONNECTIONS });
  const mismatches: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < kinds.length) {
      const id = next++;
      const kind = kinds[id]!;
      if (kind === 'client-abort-download' || kind === 'client-abort-upload') {
        await abortingClient(kind, id);
        continue;
      }
      try {
        const response = await pool.request({ path: `/${kind}/${id}`, method: 'GET', headers: { origin: APP } });
        let body: string;
        try {
          body = await response.body.text();
        } catch {
          if (kind !== 'upstream-reset') mismatches.push(`${kind}/${id}: body aborted`);
          continue;
        }
        const expected: Record<string, [number, (text: string) => boolean]> = {
          ok: [200, (text) => text === BODY],
          'upstream-silent': [504, (text) => (JSON.parse(text) as { code: string }).code === 'upstream-timeout'],
          'upstream-garbage': [502, (text) => (JSON.parse(text) as { code: string }).code === 'upstream-unreachable'],
        };
        const [status, check] = expected[kind] ?? [0, () => false];
        if (response.statusCode !== status || !check(body) || response.headers['access-control-allow-origin'] !== APP) {
          mismatches.push(`${kind}/${id}: ${response.statusCode} ${body.slice(0, 80)}`);
        }
      } catch (error) {
        mismatches.push(`${kind}/${id}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  await pool.close();

  assert.deepEqual(mismatches, []);
  const deadline = Date.now() + 10_000;
  while (gateway.logs.length < TOTAL && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const wrong = gateway.logs.filter((entry) => entry.outcome !== EXPECTED_OUTCOME[entry.path.split('/')[1] as Kind]);
  assert.deepEqual(wrong, []);
  assert.equal(gateway.logs.length, TOTAL);

  while (openSockets() > startSockets && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(openSockets(), startSockets);
});
