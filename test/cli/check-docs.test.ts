// `corsguard check` links a blocked verdict's reason to its page on the documentation site (issue 22).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOCS_BASE_URL } from '../../src/core/docs-url.ts';
import { checkJson, invoke } from './cli-harness.ts';
import { fixedServer, type TestServer } from './servers.ts';
import { hasDocsPage } from '../support/docs-pages.ts';

const ORIGIN = 'https://app.example';
const servers: Record<string, TestServer> = {};
const reasonOf = (link: string): string => {
  const prefix = `${DOCS_BASE_URL}codes/simulate/`;
  assert.ok(link.startsWith(prefix), link);
  const reason = decodeURIComponent(link.slice(prefix.length));
  assert.ok(hasDocsPage('simulate', reason), `no page for ${link}`);
  return reason;
};

before(async () => {
  servers.noCors = await fixedServer(200, []);
  servers.other = await fixedServer(200, [['access-control-allow-origin', 'https://other.example']]);
  servers.exact = await fixedServer(200, [['access-control-allow-origin', ORIGIN]]);
});
after(() => Promise.all(Object.values(servers).map((server) => server.close())));

const rows = [
  { rule: 'no Access-Control-Allow-Origin: missing-allow-origin', server: 'noCors', reason: 'missing-allow-origin' },
  { rule: 'another origin allowed: allow-origin-mismatch', server: 'other', reason: 'allow-origin-mismatch' },
];

describe('corsguard check: a blocked verdict links its reason page', () => {
  for (const row of rows) {
    test(`--json docs: ${row.rule}`, async () => {
      const { code, verdict } = await checkJson([servers[row.server]?.url ?? '', '--origin', ORIGIN]);
      assert.equal(code, 1);
      assert.equal(verdict.reason, row.reason);
      assert.equal(reasonOf(String(verdict.docs)), row.reason);
    });
    test(`text docs line after the reason: ${row.rule}`, async () => {
      const { stdout } = await invoke(['check', servers[row.server]?.url ?? '', '--origin', ORIGIN]);
      const lines = stdout.split('\n');
      const blocked = lines.indexOf(`Blocked (${row.reason}).`);
      assert.ok(blocked >= 0, stdout);
      assert.equal(reasonOf(lines[blocked + 1]?.replace(/^ {2}docs: /, '') ?? ''), row.reason);
    });
  }

  test('an allowed verdict has no docs link', async () => {
    const { code, verdict } = await checkJson([servers.exact?.url ?? '', '--origin', ORIGIN]);
    assert.equal(code, 0);
    assert.equal(verdict.docs, undefined);
    assert.doesNotMatch((await invoke(['check', servers.exact?.url ?? '', '--origin', ORIGIN])).stdout, /^ {2}docs: /m);
  });

  test('--browser all --json: each blocked engine verdict carries docs', async () => {
    const { verdict } = await checkJson([servers.noCors?.url ?? '', '--origin', ORIGIN, '--browser', 'all']);
    const verdicts = Object.values(verdict.verdicts as Record<string, { reason?: string; docs?: string }>);
    assert.ok(verdicts.length > 1);
    for (const engine of verdicts) assert.equal(reasonOf(engine.docs ?? ''), engine.reason);
  });
});
