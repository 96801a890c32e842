// `corsguard proxy`: settings from flags and --config (flags win), every problem listed with exit 2,
// the listening line, log lines, and the real binary draining on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { runCli } from '../../src/cli/run-cli.ts';
import { startProxyCommand, type RunningProxyCommand } from '../../src/cli/proxy/proxy.ts';
import { OPTION_NAMES } from '../../src/core/options.ts';
import { APP, EVIL, startUpstream, type Upstream } from './support/harness.ts';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const SCHEMA = JSON.parse(readFileSync(new URL('../../schema.json', import.meta.url), 'utf8')) as {
  properties: Record<string, unknown>;
  $defs: { cors: { properties: Record<string, unknown> } };
};

let upstream: Upstream;
let work: string;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'corsguard-proxy-cli-'));
  upstream = await startUpstream((incoming, response) => {
    incoming.resume();
    setTimeout(() => response.end(`slow ${incoming.url}`), incoming.url?.startsWith('/slow') ? 400 : 0);
  });
});
after(async () => {
  await upstream.close();
  rmSync(work, { recursive: true, force: true });
});

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: (text: string) => (out.stdout += text),
    stderr: (text: string) => (out.stderr += text),
    env: {},
    isTTY: false,
  };
  return { out, io };
}

function configFile(name: string, content: unknown): string {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('invalid settings: every problem listed, exit 2', () => {
  const rows: Array<[rule: string, args: () => string[], codes: string[]]> = [
    ['no upstream', () => ['--origin', APP], ['upstream-required']],
    [
      'an origin with a trailing slash, and a bad max-age, both reported',
      () => ['--upstream', upstream.url, '--origin', `${APP}/`, '--max-age', 'soon'],
      ['origin-trailing-slash', 'max-age-invalid'],
    ],
    [
      'a method in lower case',
      () => ['--upstream', upstream.url, '--origin', APP, '--methods', 'put'],
      ['method-case'],
    ],
    [
      'an upstream with a query string',
      () => ['--upstream', `${upstream.url}/?key=1`, '--origin', APP],
      ['upstream-query'],
    ],
    ['a port out of range', () => ['--upstream', upstream.url, '--origin', APP, '--port', '70000'], ['port-invalid']],
    ['a timeout of zero', () => ['--upstream', upstream.url, '--origin', APP, '--timeout', '0'], ['timeout-invalid']],
    [
      'head and keep-alive timeouts that are not numbers',
      () => ['--upstream', upstream.url, '--origin', APP, '--headers-timeout', 'soon', '--keep-alive-timeout', '0'],
      ['timeout-invalid', 'timeout-invalid'],
    ],
    [
      'an unknown flag',
      () => ['--upstream', upstream.url, '--origin', APP, '--follow-redirects'],
      ['argument-invalid'],
    ],
    [
      'a config file that is not JSON',
      () => ['--config', configFile('broken.json', '{ nope')],
      ['config-file-invalid'],
    ],
    [
      'a config file with jsonLogs and websockets that are not booleans',
      () => [
        '--config',
        configFile('types.json', { upstream: upstream.url, cors: { origin: APP }, jsonLogs: 'yes', websockets: 'yes' }),
      ],
      ['json-logs-invalid', 'websockets-invalid'],
    ],
    [
      'a config file with an unknown setting and no origin',
      () => ['--config', configFile('unknown.json', { upstream: upstream.url, cors: {}, retries: 3 })],
      ['proxy-unknown-option', 'origin-required'],
    ],
  ];
  for (const [rule, args, codes] of rows) {
    test(rule, async () => {
      const { out, io } = capture();
      const code = await runCli(['proxy', ...args()], io);
      assert.equal(code, 2);
      const listed = [...out.stderr.matchAll(/^ {2}- .*\[([a-z-]+)\]$/gm)].map((match) => match[1]);
      assert.deepEqual(listed.sort(), [...codes].sort());
    });
  }
});

describe('running in-process', () => {
  let running: RunningProxyCommand;
  let out: { stdout: string; stderr: string };
  before(async () => {
    const file = configFile('corsguard.json', {
      $schema: './schema.json',
      upstream: 'http://127.0.0.1:1',
      cors: { origin: EVIL, methods: ['PUT'] },
      port: 8080,
      jsonLogs: true,
    });
    const captured = capture();
    out = captured.out;
    const started = await startProxyCommand(
      ['--config', file, '--upstream', upstream.url, '--origin', APP, '--port', '0'],
      captured.io,
    );
    assert.notEqual(typeof started, 'number', captured.out.stderr);
    running = started as RunningProxyCommand;
  });
  after(async () => {
    await running.stop();
  });

  test('prints one listening line with the URL and the upstream', () => {
    const first = out.stdout.split('\n')[0]!;
    assert.match(first, /listening on http:\/\/127\.0\.0\.1:[1-9][0-9]*/);
    assert.ok(first.includes(upstream.url));
    assert.ok(first.includes(running.url));
  });

  test('flags override the file: the flag origin is allowed, the file origin is not, the file methods stay', async () => {
    const allowed = await request(`${running.url}/a`, { headers: { origin: APP } });
    assert.equal(await allowed.body.text(), 'slow /a');
    assert.equal(allowed.headers['access-control-allow-origin'], APP);
    const replaced = await request(`${running.url}/a`, { headers: { origin: EVIL } });
    await replaced.body.text();
    assert.equal(replaced.headers['access-control-allow-origin'], undefined);
    const preflight = await request(`${running.url}/a`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PUT' },
    });
    await preflight.body.text();
    assert.equal(preflight.statusCode, 204);
  });

  test('one JSON log line per request (from the file), with the decision and the upstream status', async () => {
    await (await request(`${running.url}/logged?secret=1`, { headers: { origin: APP } })).body.text();
    const lines = out.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const entry = lines.find((line) => line.path === '/logged')!;
    assert.deepEqual(
      {
        method: entry.method,
        status: entry.status,
        origin: entry.origin,
        reason: entry.reason,
        upstreamStatus: entry.upstreamStatus,
      },
      { method: 'GET', status: 200, origin: APP, reason: 'origin-allowed', upstreamStatus: 200 },
    );
    assert.equal(typeof entry.ms, 'number');
    assert.ok(!out.stdout.includes('secret=1'), 'the query string is not logged');
  });
});

test('the schema names every file setting and every JSON-expressible CORS option', () => {
  assert.deepEqual(Object.keys(SCHEMA.properties).sort(), [
    '$schema',
    'cors',
    'dangerouslyAllowBodyMethods',
    'headersTimeout',
    'host',
    'jsonLogs',
    'keepAliveTimeout',
    'maxConnections',
    'port',
    'publicHost',
    'timeout',
    'upstream',
    'websockets',
  ]);
  const unsupported = ['preflightContinue', 'debug'];
  assert.deepEqual(
    Object.keys(SCHEMA.$defs.cors.properties).sort(),
    OPTION_NAMES.filter((name) => !unsupported.includes(name)).sort(),
  );
});

test('the real binary: text log lines, and SIGTERM says it drains the request in flight, then stopped, and exits 0', {
  timeout: 30_000,
}, async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'proxy', '--upstream', upstream.url, '--origin', APP, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!/listening on (http:\/\/\S+)/.test(stdout) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const url = /listening on (http:\/\/\S+)/.exec(stdout)![1]!;
  const inFlight = request(`${url}/slow`, { headers: { origin: APP } });
  await new Promise((resolve) => setTimeout(resolve, 150));
  child.kill('SIGTERM');
  const response = await inFlight;
  assert.equal(response.statusCode, 200);
  assert.equal(await response.body.text(), 'slow /slow');
  assert.equal(await exited, 0);
  assert.match(
    stdout,
    /^GET \/slow 200 origin="https:\/\/app\.example\.com" reason=origin-allowed upstream=200 [0-9.]+ms$/m,
  );
  assert.deepEqual(
    stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(' ').slice(0, 4).join(' ')),
    ['corsguard proxy draining 1', 'GET /slow 200 origin="https://app.example.com"', 'corsguard proxy stopped'],
  );
  await assert.rejects(request(`${url}/after`));
});
