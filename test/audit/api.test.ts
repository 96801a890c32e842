import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { audit, AuditOptionsError, CATALOGUE, type AuditOptions, type FindingId } from '../../src/audit/index.ts';
import type { Transport } from '../../src/simulate/index.ts';
import { limitFor } from '../support/time-limits.ts';

// A server as a function: no socket, as on a runtime without node:http.
const reflecting: Transport = async (request) => {
  const origin = request.headers.get('origin');
  const headers = new Headers({ vary: 'Origin' });
  if (origin) headers.set('access-control-allow-origin', origin);
  return { status: 200, headers };
};

describe('audit() with an injected transport', () => {
  test('reports findings with the public shape', async () => {
    const report = await audit(['https://api.example.com/me'], {
      transport: reflecting,
      origins: ['https://app.example.com'],
    });
    assert.equal(report.tool, 'corsguard');
    const finding = report.targets[0]?.findings[0];
    assert.equal(finding?.id, 'reflects-any-origin');
    assert.equal(finding?.severity, 'medium');
    assert.deepEqual(Object.keys(finding ?? {}).sort(), [
      'evidence',
      'fingerprint',
      'fix',
      'id',
      'origin',
      'severity',
      'title',
      'url',
      'why',
    ]);
    assert.deepEqual(report.summary, { high: 0, medium: 1, low: 0, info: 0 });
  });

  test('a transport that fails on the first request: not audited, no further request', async () => {
    let calls = 0;
    const failing: Transport = async () => {
      calls++;
      throw new Error('offline');
    };
    const report = await audit(['https://api.example.com/'], { transport: failing });
    assert.equal(report.targets[0]?.errorCode, 'network');
    assert.ok(report.targets[0]?.error?.startsWith('not audited: '));
    assert.equal(calls, 1);
  });

  test('a transport that never settles is cut off by the timeout', async () => {
    const report = await audit(['https://api.example.com/'], { transport: () => new Promise(() => {}), timeout: 50 });
    assert.equal(report.targets[0]?.errorCode, 'timeout');
  });

  test('each URL has a deadline of ten timeouts: the findings so far are kept', async () => {
    let calls = 0;
    // A public API answering each request in 60 ms: the ~50 probes, one at a time, outlast 10 × 100 ms.
    const slow: Transport = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 60));
      return { status: 200, headers: new Headers({ 'access-control-allow-origin': '*' }) };
    };
    const started = Date.now();
    const report = await audit(['https://api.example.com/'], {
      transport: slow,
      timeout: 100,
      concurrency: 1,
      origins: ['https://app.example.com'],
    });
    assert.equal(report.targets[0]?.errorCode, 'deadline');
    assert.ok(report.targets[0]?.error?.startsWith('audit incomplete: '));
    // The deadline (1 s) ends it; calls and errorCode say it was the deadline, this only that it ended.
    assert.ok(Date.now() - started < limitFor(1_000), `${Date.now() - started} ms`);
    assert.ok(calls < 20, `${calls} requests`);
    assert.deepEqual(
      report.targets[0]?.findings.map((finding) => finding.id),
      ['wildcard-origin'],
    );
  });

  test("time queued for a --rate or --concurrency slot does not count against a URL's deadline", async () => {
    let calls = 0;
    const instant: Transport = async () => {
      calls++;
      return { status: 200, headers: new Headers({ 'access-control-allow-origin': '*' }) };
    };
    const started = Date.now();
    // Two URLs' ~100 probes at 100 a second take about a second each; the deadline is 10 × 50 ms of requests in flight.
    const report = await audit(['https://a.example.com/', 'https://b.example.com/'], {
      transport: instant,
      timeout: 50,
      rate: 100,
      origins: ['https://app.example.com'],
    });
    assert.ok(Date.now() - started > 500, 'the rate made the probes wait longer than the deadline');
    assert.deepEqual(
      report.targets.map((target) => target.errorCode),
      [undefined, undefined],
    );
    assert.ok(calls > 60, `${calls} requests`);
  });

  test('an invalid URL is reported, not thrown', async () => {
    const report = await audit(['ftp://files.example.com/', 'not a url'], { transport: reflecting });
    assert.deepEqual(
      report.targets.map((target) => target.errorCode),
      ['invalid-url', 'invalid-url'],
    );
  });

  const invalid: { rule: string; options: AuditOptions; issues: Array<[path: string, code: string]> }[] = [
    { rule: 'timeout 0', options: { timeout: 0 }, issues: [['timeout', 'audit-timeout-invalid']] },
    { rule: 'timeout -5', options: { timeout: -5 }, issues: [['timeout', 'audit-timeout-invalid']] },
    { rule: 'timeout NaN', options: { timeout: Number.NaN }, issues: [['timeout', 'audit-timeout-invalid']] },
    {
      rule: 'timeout past what a timer holds',
      options: { timeout: 2 ** 31 },
      issues: [['timeout', 'audit-timeout-invalid']],
    },
    {
      rule: 'concurrency NaN',
      options: { concurrency: Number.NaN },
      issues: [['concurrency', 'audit-concurrency-invalid']],
    },
    { rule: 'concurrency 0', options: { concurrency: 0 }, issues: [['concurrency', 'audit-concurrency-invalid']] },
    { rule: 'rate -1', options: { rate: -1 }, issues: [['rate', 'audit-rate-invalid']] },
    {
      rule: 'an origin both trusted and untrusted',
      options: { origins: ['https://a.example'], untrusted: ['https://a.example'] },
      issues: [['untrusted', 'audit-origin-trusted-and-untrusted']],
    },
    {
      rule: 'untrusted not an array of strings',
      options: { untrusted: [1] as never },
      issues: [['untrusted', 'audit-untrusted-invalid']],
    },
    {
      rule: 'methods not an array of strings',
      options: { methods: 'PUT' as never },
      issues: [['methods', 'audit-methods-invalid']],
    },
    {
      rule: 'a cookie with a line break',
      options: { cookie: 'a=1\r\nX: y' },
      issues: [['cookie', 'audit-cookie-invalid']],
    },
    {
      rule: 'a transport that is not a function',
      options: { transport: 'node' as never },
      issues: [['transport', 'audit-transport-invalid']],
    },
    {
      rule: 'every problem at once',
      options: {
        timeout: 0,
        concurrency: 1.5,
        headers: [['X-A']] as never,
        origins: 'https://app.example.com' as never,
      },
      issues: [
        ['timeout', 'audit-timeout-invalid'],
        ['concurrency', 'audit-concurrency-invalid'],
        ['origins', 'audit-origins-invalid'],
        ['headers', 'audit-headers-invalid'],
      ],
    },
  ];
  for (const row of invalid) {
    test(`invalid options are one AuditOptionsError before any request: ${row.rule}`, async () => {
      let calls = 0;
      const counting: Transport = async (request) => {
        calls++;
        return reflecting(request);
      };
      const error = await audit(['https://api.example.com/'], { transport: counting, ...row.options }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      assert.ok(error instanceof AuditOptionsError, String(error));
      assert.deepEqual(
        error.issues.map((issue) => [issue.path, issue.code]),
        row.issues,
      );
      // `problems`, one line per issue, is what the error had before it had codes.
      assert.deepEqual(
        error.problems,
        error.issues.map((issue) => `${issue.path}: ${issue.message}`),
      );
      assert.equal(calls, 0);
    });
  }

  test('every finding id has a title, a why and a fix', () => {
    for (const id of Object.keys(CATALOGUE) as FindingId[]) {
      const text = CATALOGUE[id];
      assert.ok(text.title && text.why && text.fix, id);
    }
    assert.equal(Object.keys(CATALOGUE).length, 26);
  });
});
