// Configuration errors link each issue to its page on the documentation site (issue 22).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCors } from '../../src/core/cors.ts';
import { DOCS_BASE_URL } from '../../src/core/docs-url.ts';
import { hasDocsPage } from '../support/docs-pages.ts';
import type { DebugEvent } from '../../src/core/debug.ts';
import { CorsConfigError } from '../../src/core/errors.ts';
import type { CorsOptions } from '../../src/core/options.ts';

/** The code a link names; its page must exist in docs/ (the site generator writes one per code). */
export function linkedCode(link: string | undefined, kind: string): string {
  const prefix = `${DOCS_BASE_URL}codes/${kind}/`;
  assert.ok(link?.startsWith(prefix), `${link} is not under ${prefix}`);
  const code = decodeURIComponent((link ?? '').slice(prefix.length));
  assert.ok(hasDocsPage(kind, code), `no page for ${link}`);
  return code;
}

function issuesOf(options: unknown): readonly { code: string; docs: string }[] {
  try {
    createCors(options as CorsOptions);
  } catch (error) {
    assert.ok(error instanceof CorsConfigError);
    return error.issues;
  }
  assert.fail('expected a CorsConfigError');
}

describe('CorsConfigError: every issue links its code page', () => {
  const rows = [
    { rule: 'origin-trailing-slash', options: { origin: 'https://app.example/' }, codes: ['origin-trailing-slash'] },
    {
      rule: 'origin-any-with-credentials',
      options: { origin: '*', credentials: true },
      codes: ['origin-any-with-credentials'],
    },
    {
      rule: 'several problems: one link each',
      options: { origin: ['https://a.example/path', 'app.example'], maxAge: -1 },
      codes: ['origin-path', 'origin-no-scheme', 'max-age-invalid'],
    },
    { rule: 'options-not-object', options: 42, codes: ['options-not-object'] },
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const issues = issuesOf(row.options);
      assert.deepEqual(issues.map((issue) => issue.code).sort(), [...row.codes].sort());
      for (const issue of issues) assert.equal(linkedCode(issue.docs, 'config'), issue.code);
    });
  }

  test('reconfigure() with a promise: options-not-object links its page too', () => {
    const cors = createCors({ origin: 'https://app.example' });
    assert.throws(
      () => cors.reconfigure(Promise.resolve({ origin: 'https://app.example' }) as never),
      (error: CorsConfigError) => linkedCode(error.issues[0]?.docs, 'config') === 'options-not-object',
    );
  });
});

describe('debug events link their reason page', () => {
  const APP = 'https://app.example';
  const rows = [
    { rule: 'origin-allowed', request: { method: 'GET', headers: { origin: APP } }, reason: 'origin-allowed' },
    {
      rule: 'origin-not-allowed',
      request: { method: 'GET', headers: { origin: 'https://evil.example' } },
      reason: 'origin-not-allowed',
    },
    { rule: 'not-cors', request: { method: 'GET', headers: {} }, reason: 'not-cors' },
    {
      rule: 'method-not-allowed',
      request: { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'DELETE' } },
      reason: 'method-not-allowed',
    },
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const events: DebugEvent[] = [];
      createCors({ origin: APP, debug: (event) => events.push(event) }).decide(row.request);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.reason, row.reason);
      assert.equal(linkedCode(events[0]?.docs, 'decision'), row.reason);
    });
  }
});
