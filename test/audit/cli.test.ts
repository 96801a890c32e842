import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AuditReport } from '../../src/audit/index.ts';
import { allowWhen, handwritten } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';

const TRUSTED = 'https://app.example.com';
const dir = mkdtempSync(join(tmpdir(), 'corsguard-audit-'));
const servers: Record<string, Running> = {};
let closedPort = 0;
let countedHits = 0;
const url = (name: string) => `http://127.0.0.1:${servers[name]?.port}/data`;

before(async () => {
  servers.reflecting = await listen(allowWhen(() => true, { credentials: true }));
  servers.reflectingPlain = await listen(allowWhen(() => true));
  servers.exact = await listen(allowWhen((origin) => origin === TRUSTED, { credentials: true }));
  servers.subdomains = await listen(allowWhen((origin) => /^https:\/\/[a-z0-9-]+\.example\.com$/.test(origin)));
  servers.public = await listen(handwritten(() => ({ 'access-control-allow-origin': '*' })));
  const counting = allowWhen((origin) => origin === TRUSTED);
  servers.counted = await listen((request, response) => {
    countedHits++;
    counting(request, response);
  });
  const closed = await listen(handwritten(() => ({})));
  closedPort = closed.port;
  await closed.close();
});
after(() => Promise.all(Object.values(servers).map((server) => server.close())));

const unreachable = () => `http://127.0.0.1:${closedPort}/`;

describe('corsguard audit: exit status', () => {
  const rows: { rule: string; argv: () => string[]; code: number }[] = [
    {
      rule: 'a high finding fails at the default --fail-on medium',
      argv: () => [url('reflecting'), '-o', TRUSTED],
      code: 1,
    },
    { rule: 'a low finding passes --fail-on medium', argv: () => [url('subdomains'), '-o', TRUSTED], code: 0 },
    {
      rule: 'a low finding fails --fail-on low',
      argv: () => [url('subdomains'), '-o', TRUSTED, '--fail-on', 'low'],
      code: 1,
    },
    { rule: 'an info finding fails --fail-on info', argv: () => [url('public'), '--fail-on', 'info'], code: 1 },
    {
      rule: '--fail-on none never fails on findings',
      argv: () => [url('reflecting'), '-o', TRUSTED, '--fail-on', 'none'],
      code: 0,
    },
    {
      rule: '--fail-on high passes a medium finding',
      argv: () => [url('reflectingPlain'), '--fail-on', 'high'],
      code: 0,
    },
    { rule: 'a correct server passes', argv: () => [url('exact'), '-o', TRUSTED, '--credentials'], code: 0 },
    { rule: 'an unreachable URL exits 2', argv: () => [url('exact'), unreachable()], code: 2 },
    {
      rule: 'a failing finding wins over an unreachable URL',
      argv: () => [url('reflecting'), unreachable(), '-o', TRUSTED],
      code: 1,
    },
    { rule: 'no URL is a usage error', argv: () => ['-o', TRUSTED], code: 2 },
    { rule: 'an unknown --fail-on is a usage error', argv: () => [url('exact'), '--fail-on', 'critical'], code: 2 },
    { rule: 'an --origin with a path is a usage error', argv: () => [url('exact'), '-o', `${TRUSTED}/`], code: 2 },
    { rule: '--origin null is a usage error', argv: () => [url('exact'), '-o', 'null'], code: 2 },
    { rule: 'a zero --concurrency is a usage error', argv: () => [url('exact'), '--concurrency', '0'], code: 2 },
    { rule: 'a missing --urls file is a usage error', argv: () => ['--urls', join(dir, 'missing.txt')], code: 2 },
    { rule: 'an unknown option is a usage error', argv: () => [url('exact'), '--follow'], code: 2 },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const run = await runAuditCli(row.argv());
      assert.equal(run.code, row.code, run.stdout + run.stderr);
    });
  }
});

describe('corsguard audit: command-line mistakes are one line and exit 2, before any request', () => {
  const rows: { rule: string; argv: () => string[] }[] = [
    { rule: '-H name not a token', argv: () => [url('counted'), '-H', 'Bad Name: v'] },
    { rule: '-H value with a line break', argv: () => [url('counted'), '-H', 'X-A: a\r\nX-B: b'] },
    { rule: '-H value with another control character', argv: () => [url('counted'), '-H', 'X-A: a\u0001b'] },
    { rule: '-H value with a character past U+00FF', argv: () => [url('counted'), '-H', 'X-A: caf\u00e9 \u2713'] },
    { rule: '--cookie with a control character', argv: () => [url('counted'), '--cookie', 'a=b\u007f'] },
    { rule: '-H without a colon', argv: () => [url('counted'), '-H', 'X-A'] },
    { rule: '-X not a token', argv: () => [url('counted'), '-X', 'GET /'] },
    { rule: '--timeout past what a timer holds', argv: () => [url('counted'), '--timeout', '2147483648'] },
    { rule: '--timeout 0', argv: () => [url('counted'), '--timeout', '0'] },
    { rule: '--concurrency absurdly large', argv: () => [url('counted'), '--concurrency', '99999999999999999999'] },
    {
      rule: '--sarif in a directory that does not exist',
      argv: () => [url('counted'), '--sarif', join(dir, 'missing', 'out.sarif')],
    },
    { rule: '--sarif naming a directory', argv: () => [url('counted'), '--sarif', dir] },
    { rule: '--urls file that does not exist', argv: () => ['--urls', join(dir, 'missing.txt')] },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      countedHits = 0;
      const run = await runAuditCli(row.argv());
      assert.equal(run.code, 2);
      assert.match(run.stderr.split('\n')[0] ?? '', /^corsguard audit: \S/);
      assert.doesNotMatch(run.stderr, /^\s+at /m);
      assert.equal(run.stdout, '');
      assert.equal(countedHits, 0);
    });
  }
});

describe('corsguard audit: output', () => {
  test('--json is one report document with the public shape', async () => {
    const run = await runAuditCli([url('reflecting'), unreachable(), '-o', TRUSTED, '--json']);
    const report = JSON.parse(run.stdout) as AuditReport;
    assert.equal(report.tool, 'corsguard');
    assert.match(report.version, /^\d+\.\d+\.\d+/);
    assert.ok(!Number.isNaN(Date.parse(report.startedAt)));
    assert.deepEqual(
      report.targets.map((target) => target.url),
      [url('reflecting'), unreachable()],
    );
    const [reflecting, down] = report.targets;
    const finding = reflecting?.findings.find((f) => f.id === 'reflects-any-origin');
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.url, url('reflecting'));
    assert.equal(finding?.evidence.request.method, 'GET');
    assert.equal(finding?.evidence.request.headers.origin, finding?.origin);
    assert.equal(finding?.evidence.response.headers['access-control-allow-origin'], finding?.origin);
    assert.equal(finding?.evidence.response.headers['access-control-allow-credentials'], 'true');
    assert.match(down?.error ?? '', /^not audited: .*ECONNREFUSED/);
    assert.deepEqual(down?.findings, []);
    const counted = { high: 0, medium: 0, low: 0, info: 0 };
    for (const f of reflecting?.findings ?? []) counted[f.severity]++;
    assert.deepEqual(report.summary, counted);
  });

  test('human output: one block per URL, findings worst first, evidence as request and response lines', async () => {
    const run = await runAuditCli([url('subdomains'), url('reflecting'), '-o', TRUSTED]);
    assert.doesNotMatch(run.stdout, /\u001b\[/);
    const blocks = run.stdout.split('\n\n');
    // URLs worst first: the reflecting server's high finding before the subdomain server's low one.
    assert.deepEqual(
      blocks.slice(0, 2).map((block) => block.split('\n')[0]),
      [url('reflecting'), url('subdomains')],
    );
    const reflecting = blocks.find((block) => block.startsWith(url('reflecting'))) ?? '';
    const severities = [...reflecting.matchAll(/^ {2}(HIGH|MEDIUM|LOW|INFO)\s/gm)].map((match) => match[1]);
    const order = ['HIGH', 'MEDIUM', 'LOW', 'INFO'];
    assert.ok(severities.length > 0);
    assert.deepEqual(
      severities,
      [...severities].sort((a, b) => order.indexOf(a ?? '') - order.indexOf(b ?? '')),
    );
    assert.match(reflecting, /^ {2}HIGH\s+reflects-any-origin/m);
    assert.match(reflecting, /^ +> GET http:\/\/127\.0\.0\.1:\d+\/data$/m);
    assert.match(reflecting, /^ +> origin: https:\/\/cg[a-z]+\.[a-z]+$/m);
    assert.match(reflecting, /^ +< 200$/m);
    assert.match(reflecting, /^ +< access-control-allow-credentials: true$/m);
    assert.match(blocks.find((block) => block.startsWith(url('subdomains'))) ?? '', /any-subdomain/);
    assert.match(run.stdout, /^Summary: 1 high, \d+ medium, \d+ low, \d+ info \(2 URLs\)$/m);
  });

  const colourRows: { rule: string; isTTY: boolean; env: Record<string, string>; coloured: boolean }[] = [
    { rule: 'colours on a terminal', isTTY: true, env: {}, coloured: true },
    { rule: 'NO_COLOR turns them off on a terminal', isTTY: true, env: { NO_COLOR: '1' }, coloured: false },
    { rule: 'no colours when not a terminal', isTTY: false, env: {}, coloured: false },
  ];
  for (const row of colourRows) {
    test(row.rule, async () => {
      const run = await runAuditCli([url('reflecting')], { isTTY: row.isTTY, env: row.env });
      assert.equal(/\u001b\[/.test(run.stdout), row.coloured);
    });
  }

  test('--urls reads a file, streams each URL, and shows progress on a terminal only', async () => {
    const file = join(dir, 'urls.txt');
    writeFileSync(file, `# endpoints\n${url('exact')}  # the API\n\n${url('public')}\n${unreachable()}\n`);
    const tty = await runAuditCli(['--urls', file, '-o', TRUSTED], { isTTY: true, env: { NO_COLOR: '1' } });
    assert.equal(tty.code, 2);
    for (const u of [url('exact'), url('public'), unreachable()])
      assert.match(tty.stdout, new RegExp(`^${u.replace(/[.]/g, '\\.')}$`, 'm'));
    assert.match(tty.stderr, /\] 3\/3 URLs/);
    const piped = await runAuditCli(['--urls', file, '-o', TRUSTED]);
    assert.equal(piped.stderr, '');
    // The progress line follows stderr, not stdout: `corsguard audit --urls f > out.txt` on a terminal shows it.
    const redirected = await runAuditCli(['--urls', file, '-o', TRUSTED], {
      isTTY: false,
      stderrIsTTY: true,
      env: { NO_COLOR: '1' },
    });
    assert.match(redirected.stderr, /\] 3\/3 URLs/);
    const stderrPiped = await runAuditCli(['--urls', file, '-o', TRUSTED], {
      isTTY: true,
      stderrIsTTY: false,
      env: { NO_COLOR: '1' },
    });
    assert.equal(stderrPiped.stderr, '');
  });

  const progressRows = [
    {
      rule: '--json > file, stderr a terminal: progress',
      args: () => [url('exact'), url('public'), '--json'],
      isTTY: false,
      stderrIsTTY: true,
      shown: true,
    },
    {
      rule: 'URLs as arguments, both terminals: progress',
      args: () => [url('exact'), url('public')],
      isTTY: true,
      stderrIsTTY: true,
      shown: true,
    },
    {
      rule: '--json, stderr piped: none',
      args: () => [url('exact'), url('public'), '--json'],
      isTTY: true,
      stderrIsTTY: false,
      shown: false,
    },
  ];
  for (const row of progressRows) {
    test(`progress follows stderr: ${row.rule}`, async () => {
      const run = await runAuditCli([...row.args(), '-o', TRUSTED], {
        isTTY: row.isTTY,
        stderrIsTTY: row.stderrIsTTY,
        env: { NO_COLOR: '1' },
      });
      assert.equal(/\] 2\/2 URLs/.test(run.stderr), row.shown);
      // stdout stays the report alone.
      assert.doesNotMatch(run.stdout, /\r|URLs {2}\d/);
      if (row.args().includes('--json')) assert.equal((JSON.parse(run.stdout) as AuditReport).targets.length, 2);
    });
  }

  test('--sarif writes a SARIF 2.1.0 log: one rule per id, one result per finding', async () => {
    const file = join(dir, 'audit.sarif');
    const run = await runAuditCli([url('reflecting'), unreachable(), '-o', TRUSTED, '--sarif', file, '--json']);
    const report = JSON.parse(run.stdout) as AuditReport;
    const sarif = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const [runLog] = sarif.runs;
    assert.equal(runLog.tool.driver.name, 'corsguard');
    assert.ok(runLog.tool.driver.rules.some((rule: { id: string }) => rule.id === 'reflects-any-origin'));
    const findings = report.targets.flatMap((target) => target.findings);
    assert.deepEqual(
      runLog.results.map((result: { ruleId: string }) => result.ruleId),
      findings.map((f) => f.id),
    );
    for (const result of runLog.results) assert.equal(runLog.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.equal(runLog.results[0].level, 'error');
    assert.equal(runLog.results[0].properties.url, url('reflecting'));
    assert.equal(runLog.invocations[0].executionSuccessful, false);
    assert.match(runLog.invocations[0].toolExecutionNotifications[0].message.text, /ECONNREFUSED/);
  });

  test('the corsguard binary runs audit end to end (spawned)', async () => {
    // Asynchronously: the server answering it runs in this process.
    const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'audit', url('reflecting'), '-o', TRUSTED, '--json'],
        { cwd: join(import.meta.dirname, '../..'), timeout: 60_000 },
        (_, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
      );
    });
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as AuditReport;
    assert.ok(
      report.targets[0]?.findings.some(
        (finding) => finding.id === 'reflects-any-origin' && finding.severity === 'high',
      ),
    );
  });
});
