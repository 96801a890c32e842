// Your own origins: --untrusted (must never be allowed) and --origins-file (trusted and untrusted).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Finding } from '../../src/audit/index.ts';
import { parseOriginsFile } from '../../src/cli/audit/origins-file.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';

const TRUSTED = 'https://app.example.com';
const RETIRED = 'https://old.example.com';
const dir = mkdtempSync(join(tmpdir(), 'corsguard-origins-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('parseOriginsFile', () => {
  const rows: { rule: string; text: string; trusted: string[]; untrusted: string[]; problems: string[] }[] = [
    {
      rule: 'lines before any section are trusted',
      text: `${TRUSTED}\n`,
      trusted: [TRUSTED],
      untrusted: [],
      problems: [],
    },
    {
      rule: 'sections decide',
      text: `[trusted]\n${TRUSTED}\n[untrusted]\n${RETIRED}\nhttp://app.example.com\n`,
      trusted: [TRUSTED],
      untrusted: [RETIRED, 'http://app.example.com'],
      problems: [],
    },
    {
      rule: 'prefixes decide for one line',
      text: `[untrusted]\ntrusted: ${TRUSTED}\nuntrusted:${RETIRED}\n`,
      trusted: [TRUSTED],
      untrusted: [RETIRED],
      problems: [],
    },
    {
      rule: 'comments and blank lines are skipped',
      text: `# ours\n\n${TRUSTED} # the app\n  # indented\n`,
      trusted: [TRUSTED],
      untrusted: [],
      problems: [],
    },
    {
      rule: 'a duplicate is kept once',
      text: `${TRUSTED}\n${TRUSTED}\n`,
      trusted: [TRUSTED],
      untrusted: [],
      problems: [],
    },
    {
      rule: 'a path is refused with the origin meant',
      text: `${TRUSTED}/\n`,
      trusted: [],
      untrusted: [],
      problems: ['f:1'],
    },
    {
      rule: 'a non-origin is refused',
      text: `x\n${TRUSTED}\nftp://a.example\n`,
      trusted: [TRUSTED],
      untrusted: [],
      problems: ['f:1', 'f:3'],
    },
    {
      rule: 'an unknown section is refused',
      text: `[blocked]\n${RETIRED}\n`,
      trusted: [RETIRED],
      untrusted: [],
      problems: ['f:1'],
    },
    {
      rule: 'an origin on both sides is refused',
      text: `${TRUSTED}\nuntrusted: ${TRUSTED}\n`,
      trusted: [TRUSTED],
      untrusted: [],
      problems: ['f:2'],
    },
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const { lists, problems } = parseOriginsFile(row.text, 'f');
      assert.deepEqual(lists, { trusted: row.trusted, untrusted: row.untrusted });
      assert.deepEqual(
        problems.map((problem) => problem.split(': ')[0]),
        row.problems,
      );
    });
  }
});

const servers: Record<string, Running> = {};
before(async () => {
  servers.both = await listen(allowWhen((o) => o === TRUSTED || o === RETIRED, { credentials: true }));
  servers.bothPlain = await listen(allowWhen((o) => o === TRUSTED || o === RETIRED));
  servers.exact = await listen(allowWhen((o) => o === TRUSTED, { credentials: true }));
  servers.retiredOnly = await listen(allowWhen((o) => o === RETIRED, { credentials: true }));
});
after(() => Promise.all(Object.values(servers).map((server) => server.close())));
const url = (name: string) => `http://127.0.0.1:${servers[name]?.port}/data`;

describe('corsguard audit --untrusted / --origins-file', () => {
  const rows: {
    rule: string;
    argv: () => string[];
    code: number;
    found?: Record<string, string>;
    absent?: string[];
    stderr?: RegExp;
  }[] = [
    {
      rule: 'an untrusted origin allowed with credentials is high',
      argv: () => [url('both'), '-o', TRUSTED, '--untrusted', RETIRED],
      code: 1,
      found: { 'untrusted-origin-allowed': 'high' },
    },
    {
      rule: 'an untrusted origin allowed without credentials is medium',
      argv: () => [url('bothPlain'), '--untrusted', RETIRED, '--untrusted', 'http://app.example.com'],
      code: 1,
      found: { 'untrusted-origin-allowed': 'medium' },
    },
    {
      rule: 'an untrusted origin refused is no finding',
      argv: () => [url('exact'), '-o', TRUSTED, '--untrusted', RETIRED],
      code: 0,
      absent: ['untrusted-origin-allowed'],
    },
    {
      rule: 'the file: untrusted allowed and trusted refused',
      argv: () => [
        url('retiredOnly'),
        '--origins-file',
        file('sections.txt', `[trusted]\n${TRUSTED}\n[untrusted]\n${RETIRED}\n`),
      ],
      code: 1,
      found: { 'untrusted-origin-allowed': 'high', 'trusted-origin-blocked': 'low' },
    },
    {
      rule: 'the file with prefixes',
      argv: () => [url('both'), '--origins-file', file('prefixes.txt', `trusted: ${TRUSTED}\nuntrusted: ${RETIRED}\n`)],
      code: 1,
      found: { 'untrusted-origin-allowed': 'high' },
      absent: ['trusted-origin-blocked'],
    },
    {
      rule: 'a bad line names file and line',
      argv: () => [url('both'), '--origins-file', file('bad.txt', `${TRUSTED}\nnot an origin\n`)],
      code: 2,
      stderr: /bad\.txt:2: 'not an origin' is not an origin/,
    },
    {
      rule: '--origin and an untrusted line for the same origin is a usage error',
      argv: () => [url('both'), '-o', RETIRED, '--origins-file', file('clash.txt', `untrusted: ${RETIRED}\n`)],
      code: 2,
      stderr: /both trusted and untrusted/,
    },
    {
      rule: 'a --untrusted that is not an origin is a usage error',
      argv: () => [url('both'), '--untrusted', `${RETIRED}/path`],
      code: 2,
      stderr: /did you mean https:\/\/old\.example\.com\?/,
    },
    {
      rule: 'a missing file is a usage error',
      argv: () => [url('both'), '--origins-file', join(dir, 'missing.txt')],
      code: 2,
      stderr: /cannot read --origins-file/,
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const run = await runAuditCli([...row.argv(), '--json']);
      assert.equal(run.code, row.code, run.stdout + run.stderr);
      if (row.stderr) assert.match(run.stderr, row.stderr);
      if (row.code === 2) return;
      const findings: Finding[] = JSON.parse(run.stdout).targets[0].findings;
      for (const [id, severity] of Object.entries(row.found ?? {}))
        assert.equal(findings.find((finding) => finding.id === id)?.severity, severity, id);
      for (const id of row.absent ?? []) assert.ok(!findings.some((finding) => finding.id === id), id);
    });
  }
});
