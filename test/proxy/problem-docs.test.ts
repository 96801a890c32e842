// Every problem body the gateway answers links its code's page as its RFC 9457 `type` (issue 22).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ProblemCode, problem } from '../../src/proxy/problem.ts';
import { catalogueCodes } from '../../scripts/docs/catalogues.ts';
import { hasDocsPage } from '../support/docs-pages.ts';

const codes = catalogueCodes().gateway as ProblemCode[];

test('the catalogue names every problem code', () => assert.ok(codes.length >= 13));

for (const code of codes) {
  test(`${code}: type is its page, which exists; code and status as before`, () => {
    const body = JSON.parse(problem(code).body) as { type: string; code: string; status: number };
    assert.equal(body.type, `https://corsguard.github.io/corsguard/codes/gateway/${code}`);
    assert.ok(hasDocsPage('gateway', code), `no page for ${code}`);
    assert.equal(body.code, code);
    assert.equal(body.status, problem(code).status);
  });
}
