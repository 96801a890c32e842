// Results people can act on in bulk: stable fingerprints, --baseline, SARIF partialFingerprints.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AuditReport, Finding } from '../../src/audit/index.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';

const dir = mkdtempSync(join(tmpdir(), 'corsguard-baseline-'));
const servers: Running[] = [];
let first = '';
let second = '';
before(async () => {
  for (let i = 0; i < 2; i++) servers.push(await listen(allowWhen(() => true, { credentials: true, vary: false })));
  first = `http://127.0.0.1:${servers[0]?.port}/data`;
  second = `http://127.0.0.1:${servers[1]?.port}/data`;
});
after(() => Promise.all(servers.map((server) => server.close())));

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const findingsOf = (stdout: string): Finding[] =>
  (JSON.parse(stdout) as AuditReport).targets.flatMap((target) => [...target.findings]);

describe('fingerprints', () => {
  test('the same finding at the same URL has the same fingerprint on every run, the SARIF one included', async () => {
    const sarif = join(dir, 'run.sarif');
    const runs = [await runAuditCli([first, '--json', '--sarif', sarif]), await runAuditCli([first, '--json'])];
    const [a, b] = runs.map((run) => findingsOf(run.stdout).map((finding) => [finding.id, finding.fingerprint]));
    assert.ok((a?.length ?? 0) >= 2);
    assert.deepEqual(a, b);
    for (const finding of findingsOf(runs[0]?.stdout ?? '')) {
      assert.equal(finding.fingerprint, createHash('sha256').update(`${finding.id}\n${finding.url}`).digest('hex'));
    }
    const results: { partialFingerprints: Record<string, string> }[] = JSON.parse(readFileSync(sarif, 'utf8')).runs[0]
      .results;
    assert.deepEqual(
      results.map((result) => result.partialFingerprints['corsguardFinding/v1']),
      a?.map(([, fingerprint]) => fingerprint),
    );
  });

  test('another URL gives other fingerprints', async () => {
    const [a, b] = [await runAuditCli([first, '--json']), await runAuditCli([second, '--json'])].map(
      (run) => new Set(findingsOf(run.stdout).map((finding) => finding.fingerprint)),
    );
    assert.deepEqual(
      [...(a ?? [])].filter((fingerprint) => b?.has(fingerprint)),
      [],
    );
  });
});

describe('corsguard audit --baseline', () => {
  let previousJson = '';
  let previousSarif = '';
  let oldFormat = '';
  before(async () => {
    previousSarif = join(dir, 'previous.sarif');
    const run = await runAuditCli([first, '--json', '--sarif', previousSarif]);
    previousJson = write('previous.json', run.stdout);
    // A report from before fingerprints: derived from id and url.
    const report = JSON.parse(run.stdout);
    for (const target of report.targets) for (const finding of target.findings) delete finding.fingerprint;
    oldFormat = write('old.json', JSON.stringify(report));
  });

  const rows: { rule: string; argv: () => string[]; code: number; urls?: () => string[]; suppressed?: number }[] = [
    {
      rule: 'a JSON baseline leaves nothing new: exit 0',
      argv: () => [first, '--baseline', previousJson, '--json'],
      code: 0,
      urls: () => [],
    },
    {
      rule: 'a SARIF baseline does the same',
      argv: () => [first, '--baseline', previousSarif, '--json'],
      code: 0,
      urls: () => [],
    },
    {
      rule: 'a report without fingerprints matches by id and url',
      argv: () => [first, '--baseline', oldFormat, '--json'],
      code: 0,
      urls: () => [],
    },
    {
      rule: "a new URL's findings are reported",
      argv: () => [first, second, '--baseline', previousJson, '--json'],
      code: 1,
      urls: () => [second],
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const run = await runAuditCli(row.argv());
      assert.equal(run.code, row.code, run.stdout + run.stderr);
      const report = JSON.parse(run.stdout);
      assert.deepEqual([...new Set(findingsOf(run.stdout).map((finding) => finding.url))], row.urls?.());
      assert.ok(report.baseline.suppressed >= 2);
      assert.equal(report.summary.high, findingsOf(run.stdout).filter((finding) => finding.severity === 'high').length);
    });
  }

  test('SARIF after a baseline: only new results, each marked new', async () => {
    const sarif = join(dir, 'after.sarif');
    await runAuditCli([first, second, '--baseline', previousJson, '--sarif', sarif]);
    const results: { baselineState: string; properties: { url: string } }[] = JSON.parse(readFileSync(sarif, 'utf8'))
      .runs[0].results;
    assert.ok(results.length >= 2);
    assert.deepEqual(
      new Set(results.map((result) => `${result.baselineState} ${result.properties.url}`)),
      new Set([`new ${second}`]),
    );
  });

  test('text and streamed --urls output leave baseline findings out too', async () => {
    const urls = write('urls.txt', `${first}\n`);
    const run = await runAuditCli(['--urls', urls, '--baseline', previousJson]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(!run.stdout.includes('reflects-any-origin'));
    assert.match(run.stdout, /\d+ findings? already in --baseline/);
  });

  test('an untrusted origin newly allowed is new, though the finding id and URL are not', async () => {
    const lists = await listen(
      allowWhen((origin) => origin === 'https://old.example.com' || origin === 'https://older.example.com'),
    );
    try {
      const url = `http://127.0.0.1:${lists.port}/data`;
      const baseline = write(
        'untrusted.json',
        (await runAuditCli([url, '--untrusted', 'https://old.example.com', '--json'])).stdout,
      );
      const ids = async (...untrusted: string[]) => {
        const run = await runAuditCli([
          url,
          ...untrusted.flatMap((origin) => ['--untrusted', origin]),
          '--baseline',
          baseline,
          '--json',
        ]);
        return findingsOf(run.stdout).map((finding) => finding.id);
      };
      assert.deepEqual(await ids('https://old.example.com'), []);
      assert.deepEqual(await ids('https://old.example.com', 'https://older.example.com'), ['untrusted-origin-allowed']);
    } finally {
      await lists.close();
    }
  });

  const bad: { rule: string; text?: string; stderr: RegExp }[] = [
    { rule: 'not JSON', text: '{', stderr: /--baseline .*not JSON/ },
    {
      rule: 'JSON of another shape',
      text: '{"results": []}',
      stderr: /neither a corsguard audit --json report nor a SARIF log/,
    },
    { rule: 'a missing file', stderr: /cannot read --baseline/ },
  ];
  for (const row of bad) {
    test(`a bad baseline stops before anything is sent: ${row.rule}`, async () => {
      const path = row.text === undefined ? join(dir, 'missing.json') : write(`bad-${bad.indexOf(row)}.json`, row.text);
      const run = await runAuditCli([first, '--baseline', path]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, row.stderr);
      assert.equal(run.stdout, '');
    });
  }
});
