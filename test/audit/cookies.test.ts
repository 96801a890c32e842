// The session cookies of a credentialed policy, judged per engine by the simulator's cookie model
// (issue 21): real servers on loopback, audited as http://api.example.localhost:PORT/data.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { audit, type AuditReport, type Finding, type FindingId } from '../../src/audit/index.ts';
import { toSarif } from '../../src/cli/audit/audit-sarif.ts';
import { MODELS } from '../../src/simulate/engines/model.ts';
import { nodeTransport } from '../../src/transport/node-transport.ts';
import { listen, type Running } from './support/listen.ts';
import { loopbackLookup } from './support/loopback.ts';
import { runAuditCli } from './support/run-audit.ts';
import { cookieApi, SAME_SITE_FRONT_END, TRUSTED } from './support/zoo.ts';

const transport = nodeTransport({ lookup: loopbackLookup, timeout: 5000 });
const running: Running[] = [];
after(() => Promise.all(running.map((server) => server.close())));

const COOKIE_IDS: readonly FindingId[] = [
  'cookie-not-sent-cross-site',
  'cookie-samesite-none-insecure',
  'cookie-third-party-withheld',
];

async function serve(frontEnd: string, attributes: string): Promise<string> {
  const server = await listen(cookieApi(frontEnd, attributes));
  running.push(server);
  return `http://api.example.localhost:${server.port}/data`;
}

async function cookieAudit(frontEnd: string, attributes: string): Promise<{ findings: Finding[]; noted: string[] }> {
  const report = await audit([await serve(frontEnd, attributes)], { origins: [frontEnd], transport });
  const target = report.targets[0];
  assert.equal(target?.error, undefined);
  return {
    findings: (target?.findings ?? []).filter((finding) => COOKIE_IDS.includes(finding.id)),
    noted: (target?.notes ?? []).flatMap((note) => (note.code === 'cookie-same-site' ? note.cookies : [])),
  };
}

// The engines as the cookie model labels them.
const [CHROMIUM, FIREFOX, WEBKIT] = [MODELS.chromium.label, MODELS.firefox.label, MODELS.webkit.label];

describe('audit: the session cookie of a credentialed policy, per engine', () => {
  const rows: {
    rule: string;
    frontEnd: string;
    attributes: string;
    id?: FindingId;
    /** The finding's severity when it is not low. */
    severity?: 'info';
    /** Engines named in the title (the cookie model's labels); absent engines must not be. */
    engines?: readonly string[];
    /** Cookies the cookie-same-site note names: withheld from other sites, sent to this same-site front end. */
    noted?: readonly string[];
  }[] = [
    {
      rule: 'SameSite=Lax is withheld from a cross-site front end by every engine',
      frontEnd: TRUSTED,
      attributes: '; SameSite=Lax',
      id: 'cookie-not-sent-cross-site',
      engines: [CHROMIUM, FIREFOX, WEBKIT],
    },
    {
      rule: 'SameSite=Strict is withheld by every engine',
      frontEnd: TRUSTED,
      attributes: '; SameSite=Strict; Secure',
      id: 'cookie-not-sent-cross-site',
      engines: [CHROMIUM, FIREFOX, WEBKIT],
    },
    {
      rule: 'no SameSite is Lax by default in Chromium only',
      frontEnd: TRUSTED,
      attributes: '',
      id: 'cookie-not-sent-cross-site',
      engines: [CHROMIUM],
    },
    {
      rule: 'SameSite=None without Secure is rejected by Chromium and Firefox',
      frontEnd: TRUSTED,
      attributes: '; SameSite=None',
      id: 'cookie-samesite-none-insecure',
      engines: [CHROMIUM, FIREFOX],
    },
    {
      rule: 'SameSite=None; Secure, not Partitioned: Chromium blocks it as a third-party cookie however it is set',
      frontEnd: TRUSTED,
      attributes: '; SameSite=None; Secure',
      id: 'cookie-third-party-withheld',
      severity: 'info',
      engines: [CHROMIUM],
    },
    {
      rule: 'SameSite=None; Secure; Partitioned reaches every engine when set in answer to the front end',
      frontEnd: TRUSTED,
      attributes: '; SameSite=None; Secure; Partitioned',
    },
    {
      rule: 'a same-site front end gets a SameSite=Lax cookie',
      frontEnd: SAME_SITE_FRONT_END,
      attributes: '; SameSite=Lax',
      noted: ['session'],
    },
    {
      rule: 'a same-site front end gets a SameSite=Strict cookie',
      frontEnd: SAME_SITE_FRONT_END,
      attributes: '; SameSite=Strict',
      noted: ['session'],
    },
    {
      rule: 'SameSite=None without Secure is rejected for a same-site front end too',
      frontEnd: SAME_SITE_FRONT_END,
      attributes: '; SameSite=None',
      id: 'cookie-samesite-none-insecure',
      engines: [CHROMIUM, FIREFOX],
    },
    {
      rule: 'a same-site front end with a SameSite=None; Secure cookie: nothing to note',
      frontEnd: SAME_SITE_FRONT_END,
      attributes: '; SameSite=None; Secure',
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const { findings, noted } = await cookieAudit(row.frontEnd, row.attributes);
      assert.deepEqual(noted, row.noted ?? []);
      assert.deepEqual(
        findings.map((finding) => finding.id),
        row.id ? [row.id] : [],
      );
      const finding = findings[0];
      if (finding === undefined) return;
      assert.equal(finding.severity, row.severity ?? 'low');
      assert.equal(finding.origin, row.frontEnd);
      assert.match(finding.title, /\bsession \(/);
      assert.doesNotMatch(JSON.stringify(finding), /s3cr3t/);
      const named = [CHROMIUM, FIREFOX, WEBKIT].filter((engine) => finding.title.includes(engine));
      assert.deepEqual(named, row.engines);
    });
  }
});

describe('audit: a cookie finding needs a cross-site origin allowed with credentials', () => {
  test('a cross-site origin allowed without credentials: no cookie finding', async () => {
    const server = await listen((request, response) => {
      response.setHeader('set-cookie', 'session=x; SameSite=Lax');
      if (request.headers.origin === TRUSTED) response.setHeader('access-control-allow-origin', TRUSTED);
      response.end('ok');
    });
    running.push(server);
    const report = await audit([`http://api.example.localhost:${server.port}/data`], { origins: [TRUSTED], transport });
    const ids = report.targets[0]?.findings.map((finding) => finding.id) ?? [];
    assert.deepEqual(
      ids.filter((id) => COOKIE_IDS.includes(id)),
      [],
    );
  });
});

describe('audit: cookie findings in JSON and SARIF, fingerprints stable', () => {
  test('--json carries the finding; SARIF a result with the same fingerprint on every run', async () => {
    const url = await serve(TRUSTED, '; SameSite=Lax');
    const reports: AuditReport[] = [];
    for (let run = 0; run < 2; run++) reports.push(await audit([url], { origins: [TRUSTED], transport }));
    const fingerprints = reports.map(
      (report) =>
        report.targets[0]?.findings.find((finding) => finding.id === 'cookie-not-sent-cross-site')?.fingerprint,
    );
    assert.ok(fingerprints[0]);
    assert.equal(fingerprints[0], fingerprints[1]);
    const sarif = toSarif(reports[0] as AuditReport) as {
      runs: { results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[];
    };
    const result = sarif.runs[0]?.results.find((entry) => entry.ruleId === 'cookie-not-sent-cross-site');
    assert.ok(result);
    assert.ok(Object.values(result.partialFingerprints).includes(fingerprints[0] as string));
  });

  test('the CLI writes the finding to --json and --sarif (127.0.0.1, cross-site to https://app.example.com)', async () => {
    const server = await listen(cookieApi(TRUSTED, '; SameSite=None'));
    running.push(server);
    const sarifPath = join(mkdtempSync(join(tmpdir(), 'corsguard-cookies-')), 'out.sarif');
    const run = await runAuditCli([
      `http://127.0.0.1:${server.port}/data`,
      '-o',
      TRUSTED,
      '--json',
      '--sarif',
      sarifPath,
    ]);
    const report = JSON.parse(run.stdout) as AuditReport;
    assert.ok(report.targets[0]?.findings.some((finding) => finding.id === 'cookie-samesite-none-insecure'));
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.ok(sarif.runs[0]?.results.some((result) => result.ruleId === 'cookie-samesite-none-insecure'));
  });
});
