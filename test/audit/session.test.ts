// Probing as a logged-in user: -H and --cookie on every probe of the audited URL (attacker origins
// included), never on preflights, never to another host; each finding says whether its probe carried them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { audit, type AuditOptions, type Finding } from '../../src/audit/index.ts';
import { nodeTransport } from '../../src/transport/node-transport.ts';
import { isPreflight } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';
import { authenticatedReflector, SESSION_COOKIE, TRUSTED } from './support/zoo.ts';

interface Seen {
  readonly method: string;
  readonly preflight: boolean;
  readonly headers: IncomingHttpHeaders;
}

/** A handler that records each request it gets before answering it. */
function recording(handler: RequestListener, log: Seen[]): RequestListener {
  return (request, response) => {
    log.push({ method: request.method ?? '', preflight: isPreflight(request), headers: request.headers });
    handler(request, response);
  };
}

const reflectorLog: Seen[] = [];
const elsewhereLog: Seen[] = [];
let reflector: Running;
let elsewhere: Running;
let redirecting: Running;
const transport = nodeTransport({ timeout: 5000 });

before(async () => {
  reflector = await listen(recording(authenticatedReflector(), reflectorLog));
  elsewhere = await listen(recording(authenticatedReflector(), elsewhereLog));
  // Sends every request (the simulator's too) to another host: localhost, not 127.0.0.1.
  redirecting = await listen((_request, response) => {
    response.writeHead(307, {
      location: `http://localhost:${elsewhere.port}/data`,
      'access-control-allow-origin': TRUSTED,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    response.end();
  });
});
after(async () => {
  transport.close();
  await Promise.all([reflector.close(), elsewhere.close(), redirecting.close()]);
});

const target = () => `http://127.0.0.1:${reflector.port}/data`;

async function findingsOf(options: AuditOptions): Promise<Finding[]> {
  const report = await audit([target()], { transport, concurrency: 4, ...options });
  assert.equal(report.targets[0]?.error, undefined);
  return [...(report.targets[0]?.findings ?? [])];
}

describe('audit as a logged-in user', () => {
  const rows: {
    rule: string;
    options: AuditOptions;
    reflects: 'high' | undefined;
    authenticated: boolean | undefined;
  }[] = [
    {
      rule: 'without credentials the authenticated-only hole stays hidden',
      options: { origins: [TRUSTED] },
      reflects: undefined,
      authenticated: undefined,
    },
    {
      rule: '--cookie: the reflection is found, high, seen with the credentials',
      options: { origins: [TRUSTED], cookie: SESSION_COOKIE },
      reflects: 'high',
      authenticated: true,
    },
    {
      rule: "-H 'Cookie: …' counts as the session cookie",
      options: { headers: [['Cookie', SESSION_COOKIE]] },
      reflects: 'high',
      authenticated: true,
    },
    {
      rule: '-H Authorization goes on attacker probes too',
      options: { headers: [['Authorization', 'Bearer t0ken']] },
      reflects: 'high',
      authenticated: true,
    },
    {
      rule: 'a wrong cookie finds nothing',
      options: { cookie: 'session=other' },
      reflects: undefined,
      authenticated: undefined,
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const findings = await findingsOf(row.options);
      const reflects = findings.find((finding) => finding.id === 'reflects-any-origin');
      assert.equal(reflects?.severity, row.reflects, findings.map((finding) => finding.id).join(', '));
      assert.equal(reflects?.authenticated, row.authenticated);
      if (row.options.cookie === undefined && row.options.headers === undefined)
        assert.ok(findings.every((finding) => !('authenticated' in finding)));
    });
  }

  test('every probe but preflights carried the cookie; no preflight did', async () => {
    reflectorLog.length = 0;
    await findingsOf({ origins: [TRUSTED], cookie: SESSION_COOKIE, methods: ['PUT'], headers: [['X-Api-Key', 'k1']] });
    const preflights = reflectorLog.filter((seen) => seen.preflight);
    const others = reflectorLog.filter((seen) => !seen.preflight);
    // The plain GET, the unrelated origin's (look-alikes are skipped once it is allowed), the trusted origin's: the front end's PUT stops at its preflight, sent without the cookie.
    assert.ok(preflights.length >= 3 && others.length >= 3, `${preflights.length} preflights, ${others.length} others`);
    assert.ok(
      others.some((seen) => seen.headers.origin !== undefined && seen.headers.origin !== TRUSTED),
      'an attacker origin probe',
    );
    assert.deepEqual(
      others.filter((seen) => seen.headers.cookie !== SESSION_COOKIE || seen.headers['x-api-key'] !== 'k1'),
      [],
    );
    assert.deepEqual(
      preflights.filter((seen) => seen.headers.cookie !== undefined || seen.headers['x-api-key'] !== undefined),
      [],
    );
  });

  test('a redirect to another host sends it nothing, cookie or not', async () => {
    elsewhereLog.length = 0;
    const report = await audit([`http://127.0.0.1:${redirecting.port}/data`], {
      transport,
      origins: [TRUSTED],
      cookie: SESSION_COOKIE,
    });
    assert.equal(report.targets[0]?.error, undefined);
    assert.deepEqual(elsewhereLog, []);
  });

  test('the evidence shows the cookie redacted, never its value', async () => {
    const findings = await findingsOf({
      cookie: SESSION_COOKIE,
      headers: [
        ['Authorization', 'Bearer t0ken'],
        ['Accept', 'application/json'],
      ],
    });
    const headers = findings.find((finding) => finding.id === 'reflects-any-origin')?.evidence.request.headers;
    assert.equal(headers?.cookie, `[redacted, ${SESSION_COOKIE.length} bytes]`);
    assert.equal(headers?.authorization, '[redacted, 12 bytes]');
    assert.equal(headers?.accept, 'application/json');
    assert.ok(!JSON.stringify(findings).includes('s3cr3t') && !JSON.stringify(findings).includes('t0ken'));
  });
});

describe('corsguard audit --cookie', () => {
  const rows: { rule: string; argv: () => string[]; code: number; authenticated?: boolean }[] = [
    {
      rule: '--cookie finds the hole and fails',
      argv: () => [target(), '--cookie', SESSION_COOKIE, '--json'],
      code: 1,
      authenticated: true,
    },
    { rule: 'without it the run passes', argv: () => [target(), '--json'], code: 0 },
    { rule: 'a --cookie without = is a usage error', argv: () => [target(), '--cookie', 'session'], code: 2 },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const run = await runAuditCli(row.argv());
      assert.equal(run.code, row.code, run.stdout + run.stderr);
      if (row.authenticated !== undefined) {
        const finding = JSON.parse(run.stdout).targets[0].findings.find((f: Finding) => f.id === 'reflects-any-origin');
        assert.equal(finding.authenticated, row.authenticated);
      }
    });
  }

  test('the SARIF result says so too, with the cookie redacted', async () => {
    const sarif = join(mkdtempSync(join(tmpdir(), 'corsguard-session-')), 'run.sarif');
    await runAuditCli([target(), '--cookie', SESSION_COOKIE, '--sarif', sarif]);
    const text = readFileSync(sarif, 'utf8');
    const results: { ruleId: string; properties: { authenticated?: boolean } }[] = JSON.parse(text).runs[0].results;
    assert.equal(results.find((result) => result.ruleId === 'reflects-any-origin')?.properties.authenticated, true);
    assert.ok(!text.includes('s3cr3t'));
  });

  test('the text report says the finding was seen with the credentials', async () => {
    const run = await runAuditCli([target(), '--cookie', SESSION_COOKIE]);
    assert.match(run.stdout, /reflects-any-origin[^\n]*\n(?:[^\n]*\n)*?\s+seen with your -H\/--cookie credentials/);
    assert.ok(!run.stdout.includes('s3cr3t'));
  });
});
