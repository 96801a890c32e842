// maxConnections: past it a new connection is closed as soon as it is accepted, connections already
// open are served, and the gateway serves new ones again once some close. The default fits the
// process's descriptor limit, so a flood cannot take the descriptors upstream connections need.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { startProxyCommand, type RunningProxyCommand } from '../../src/cli/proxy/proxy.ts';
import { createProxyServer } from '../../src/proxy/index.ts';
import { defaultMaxConnections, DEFAULT_MAX_CONNECTIONS } from '../../src/proxy/max-connections.ts';
import { listen } from '../support/servers.ts';
import { APP, startUpstream, type Upstream } from './support/harness.ts';
import { openConnection, type KeepAliveConnection } from './support/keep-alive-client.ts';

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(() => upstream.close());

/** Opens a connection and asks once: the status, or 0 when the gateway closed it without an answer. */
async function tryOnce(port: number): Promise<{ status: number; connection: KeepAliveConnection }> {
  const connection = await openConnection(port);
  return { status: await connection.get('/try'), connection };
}

/** Retries new connections until one is served (the gateway sees closed sockets asynchronously). */
async function servedAgain(port: number, ms: number): Promise<KeepAliveConnection | undefined> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const { status, connection } = await tryOnce(port);
    if (status === 200) return connection;
    connection.close();
    await sleep(20);
  }
  return undefined;
}

test('past the cap new connections are refused, open ones are served, and the gateway recovers', {
  timeout: 30_000,
}, async () => {
  const server = createProxyServer({ upstream: upstream.url, cors: { origin: APP }, maxConnections: 3 });
  let dropped = 0;
  server.on('drop', () => dropped++);
  const running = await listen(server);
  try {
    const open = await Promise.all([1, 2, 3].map(() => openConnection(running.port)));
    const first = await Promise.all(open.map((connection) => connection.get('/a')));
    const beyond = await tryOnce(running.port);
    // Refused, it is closed at once; served, it would stay open (keep-alive) past this bound.
    const received = await Promise.race([beyond.connection.closed, sleep(2_000).then(() => 'still open')]);
    const again = await Promise.all(open.map((connection) => connection.get('/b')));
    open[0]!.close();
    const recovered = await servedAgain(running.port, 4_000);
    assert.deepEqual(
      { first, beyond: [beyond.status, received], again, recovered: recovered !== undefined, dropped: dropped >= 1 },
      { first: [200, 200, 200], beyond: [0, ''], again: [200, 200, 200], recovered: true, dropped: true },
    );
    recovered?.close();
    for (const connection of open) connection.close();
  } finally {
    await running.close();
  }
});

describe('the default', () => {
  const rows: Array<[rule: string, limit: number | undefined, expected: number]> = [
    ['an unknown descriptor limit gives the default', undefined, DEFAULT_MAX_CONNECTIONS],
    ['a high limit gives the default', 1_048_576, DEFAULT_MAX_CONNECTIONS],
    ['a limit of 256 leaves half (less a reserve) for upstream connections', 256, 112],
    ['a tiny limit still serves one connection', 10, 1],
  ];
  for (const [rule, limit, expected] of rows) {
    test(rule, () => assert.equal(defaultMaxConnections(limit), expected));
  }

  test('a flood against a gateway with 128 descriptors: open connections still reach the upstream, and it recovers', {
    timeout: 60_000,
  }, async () => {
    // Each request needs a fresh upstream connection (a descriptor): the upstream closes every one.
    const closing = await startUpstream((incoming, response) => {
      incoming.resume();
      response.setHeader('connection', 'close');
      response.end('ok');
    });
    const gateway = fileURLToPath(new URL('./runtimes/limited-gateway.ts', import.meta.url));
    const child = spawn(
      'sh',
      ['-c', `ulimit -n 128 && exec "${process.execPath}" --import tsx "${gateway}" "$0"`, closing.url],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const flood: Socket[] = [];
    try {
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      const deadline = Date.now() + 40_000;
      while (!stdout.includes('\n') && Date.now() < deadline) await sleep(20);
      const { port, maxConnections } = JSON.parse(stdout) as { port: number; maxConnections: number };
      const open = await openConnection(port);
      const first = await open.get('/a');
      for (let i = 0; i < 300; i++) flood.push(connect(port, '127.0.0.1').on('error', () => {}));
      await Promise.all(
        flood.map(
          (socket) =>
            new Promise((resolve) =>
              socket.connecting ? socket.once('connect', resolve).once('close', resolve) : resolve(undefined),
            ),
        ),
      );
      // Without the cap the flood takes every descriptor and this answer is a 502 (EMFILE upstream).
      const during = await open.get('/b');
      for (const socket of flood) socket.destroy();
      const recovered = await servedAgain(port, 8_000);
      assert.deepEqual(
        { maxConnections, first, during, recovered: recovered !== undefined },
        { maxConnections: 48, first: 200, during: 200, recovered: true },
      );
      recovered?.close();
      open.close();
    } finally {
      for (const socket of flood) socket.destroy();
      child.stdin.end();
      await new Promise((resolve) => (child.exitCode === null ? child.once('close', resolve) : resolve(undefined)));
      await closing.close();
    }
  });
});

describe('corsguard proxy --max-connections', () => {
  let running: RunningProxyCommand;
  let stdout = '';
  before(async () => {
    const started = await startProxyCommand(
      ['--upstream', upstream.url, '--origin', APP, '--port', '0', '--max-connections', '1'],
      { stdout: (text) => (stdout += text), stderr: (text) => (stdout += text), env: {}, isTTY: false },
    );
    assert.notEqual(typeof started, 'number', stdout);
    running = started as RunningProxyCommand;
  });
  after(() => running.stop());

  test('one connection is served, a second refused and logged once', { timeout: 30_000 }, async () => {
    const port = Number(new URL(running.url).port);
    const open = await openConnection(port);
    const served = await open.get('/one');
    const beyond = await tryOnce(port);
    const refusedAgain = await tryOnce(port);
    assert.deepEqual(
      [
        served,
        beyond.status,
        refusedAgain.status,
        stdout.split('\n').filter((line) => line.startsWith('corsguard proxy refused')),
      ],
      [200, 0, 0, ['corsguard proxy refused 1 connection over max-connections 1']],
    );
    for (const connection of [open, beyond.connection, refusedAgain.connection]) connection.close();
  });
});
