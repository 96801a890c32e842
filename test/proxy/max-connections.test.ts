// maxConnections: past it a new connection is closed as soon as it is accepted, connections already
// open are served, and the gateway serves new ones again once some close. The default fits the
// process's descriptor limit, so a flood cannot take the descriptors upstream connections need.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { startProxyCommand, type RunningProxyCommand } from '../../src/cli/proxy.ts';
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

test('past the cap new connections are refused, open ones are served, and the gateway recovers', { timeout: 30_000 }, async () => {
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

  test('a process started with ulimit -n 256 reads its limit: maxConnections 112', { timeout: 60_000 }, async () => {
    const entry = fileURLToPath(new URL('../../src/proxy/index.ts', import.meta.url));
    const script = `import(${JSON.stringify(entry)}).then(({ createProxyServer }) => { const s = createProxyServer({ upstream: 'http://127.0.0.1:1', cors: { origin: '${APP}' } }); console.log(s.maxConnections); s.proxy.close(); })`;
    const child = spawn('sh', ['-c', `ulimit -n 256 && exec "${process.execPath}" --import tsx -e "$0"`, script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.deepEqual([code, stdout.trim()], [0, '112'], stderr);
  });
});

describe('corsguard proxy --max-connections', () => {
  let running: RunningProxyCommand;
  let stdout = '';
  before(async () => {
    const started = await startProxyCommand(['--upstream', upstream.url, '--origin', APP, '--port', '0', '--max-connections', '1'], { stdout: (text) => (stdout += text), stderr: (text) => (stdout += text), env: {}, isTTY: false });
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
      [served, beyond.status, refusedAgain.status, stdout.split('\n').filter((line) => line.startsWith('corsguard proxy refused'))],
      [200, 0, 0, ['corsguard proxy refused 1 connection over max-connections 1']],
    );
    for (const connection of [open, beyond.connection, refusedAgain.connection]) connection.close();
  });
});
