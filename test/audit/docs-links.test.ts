// Audit output links each finding to its page on the documentation site (issue 22).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CATALOGUE, type AuditReport } from '../../src/audit/index.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { DOCS_BASE_URL } from '../../src/core/docs-url.ts';
import { hasDocsPage } from '../support/docs-pages.ts';
import { allowWhen, handwritten } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';

const TRUSTED = 'https://app.example.com';
const servers: Record<string, Running> = {};
const url = (name: string) => `http://127.0.0.1:${servers[name]?.port}/data`;
/** The page a link names must exist in docs/ (the site generator writes one per id). */
const pageOf = (link: string, kind: string): string => {
  assert.ok(link.startsWith(`${DOCS_BASE_URL}codes/${kind}/`), link);
  const id = decodeURIComponent(link.slice(`${DOCS_BASE_URL}codes/${kind}/`.length));
  assert.ok(hasDocsPage(kind, id), `no page for ${link}`);
  return id;
};

before(async () => {
  servers.reflecting = await listen(allowWhen(() => true, { credentials: true, vary: false }));
  servers.wildcardWithCredentials = await listen(
    handwritten(() => ({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' })),
  );
});
after(() => Promise.all(Object.values(servers).map((server) => server.close())));

describe('corsguard audit: links to the finding pages', () => {
  test('SARIF: every rule has helpUri, the page of its id', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'corsguard-docs-')), 'audit.sarif');
    await runAuditCli([url('reflecting'), '-o', TRUSTED, '--sarif', file]);
    const rules = JSON.parse(readFileSync(file, 'utf8')).runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    assert.deepEqual(
      rules.map((rule) => rule.id),
      Object.keys(CATALOGUE),
    );
    for (const rule of rules) assert.equal(pageOf(rule.helpUri, 'audit'), rule.id);
    assert.equal(
      rules.find((rule) => rule.id === 'reflects-any-origin')?.helpUri,
      'https://corsguard.github.io/corsguard/codes/audit/reflects-any-origin',
    );
  });

  test('--json: every finding carries docs, the page of its id', async () => {
    const run = await runAuditCli([url('reflecting'), '-o', TRUSTED, '--json']);
    const findings = (JSON.parse(run.stdout) as AuditReport).targets.flatMap((target) => target.findings) as {
      id: string;
      docs?: string;
    }[];
    assert.ok(findings.some((finding) => finding.id === 'reflects-any-origin'));
    for (const finding of findings) assert.equal(pageOf(finding.docs ?? '', 'audit'), finding.id);
  });

  test('text: each finding block ends with its docs line', async () => {
    const run = await runAuditCli([url('reflecting'), '-o', TRUSTED]);
    const ids = [...run.stdout.matchAll(/^ {2}(?:HIGH|MEDIUM|LOW|INFO)\s+([a-z-]+)\s/gm)].map((match) => match[1]);
    const linked = [...run.stdout.matchAll(/^ +docs: (\S+)$/gm)].map((match) => pageOf(match[1] ?? '', 'audit'));
    assert.ok(ids.length > 0);
    assert.deepEqual(linked, ids);
  });
});

async function check(args: readonly string[]) {
  let stdout = '';
  await runCli(['check', ...args, '--json'], {
    stdout: (text) => (stdout += text),
    stderr: () => {},
    env: {},
    isTTY: false,
  });
  return JSON.parse(stdout) as { exchangeWarnings: { id: string; docs?: string }[] };
}

describe('corsguard check --json: exchange warnings link to the audit finding pages', () => {
  const rows = [
    {
      rule: 'a finding id links its page; origin-allowed-with-credentials (no finding) has no link',
      server: 'reflecting',
      docs: { 'missing-vary-origin': true, 'origin-allowed-with-credentials': false },
    },
    {
      rule: 'wildcard-with-credentials links its page',
      server: 'wildcardWithCredentials',
      docs: { 'wildcard-with-credentials': true },
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const { exchangeWarnings } = await check([url(row.server), '--origin', 'https://evil.example', '--credentials']);
      assert.deepEqual(Object.fromEntries(exchangeWarnings.map((w) => [w.id, w.docs !== undefined])), row.docs);
      for (const warning of exchangeWarnings)
        if (warning.docs !== undefined) assert.equal(pageOf(warning.docs, 'audit'), warning.id);
    });
  }
});
