// https://fetch.spec.whatwg.org/#cors-check, with Chromium's error codes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { corsCheck } from '../../src/simulate/checks/cors-check.ts';

const origin = 'https://app.example';
const rows = [
  { rule: 'exact origin passes', acao: origin, acac: null, credentials: false, expected: undefined },
  { rule: "'*' passes without credentials", acao: '*', acac: null, credentials: false, expected: undefined },
  {
    rule: "'*' fails with credentials, even with ACAC true",
    acao: '*',
    acac: 'true',
    credentials: true,
    expected: 'wildcard-origin-with-credentials',
  },
  { rule: 'a missing ACAO fails', acao: null, acac: null, credentials: false, expected: 'missing-allow-origin' },
  {
    rule: 'two ACAO lines (joined) fail',
    acao: `${origin}, ${origin}`,
    acac: null,
    credentials: false,
    expected: 'multiple-allow-origin',
  },
  {
    rule: 'a trailing slash fails',
    acao: `${origin}/`,
    acac: null,
    credentials: false,
    expected: 'allow-origin-mismatch',
  },
  {
    rule: 'a different case fails',
    acao: 'https://APP.example',
    acac: null,
    credentials: false,
    expected: 'allow-origin-mismatch',
  },
  {
    rule: "'null' does not match a real origin",
    acao: 'null',
    acac: null,
    credentials: false,
    expected: 'allow-origin-mismatch',
  },
  {
    rule: 'a value that is not a URL is invalid',
    acao: 'app.example',
    acac: null,
    credentials: false,
    expected: 'invalid-allow-origin',
  },
  {
    rule: 'credentials need ACAC true',
    acao: origin,
    acac: null,
    credentials: true,
    expected: 'invalid-allow-credentials',
  },
  {
    rule: 'ACAC is case-sensitive',
    acao: origin,
    acac: 'TRUE',
    credentials: true,
    expected: 'invalid-allow-credentials',
  },
  {
    rule: 'two ACAC lines fail',
    acao: origin,
    acac: 'true, true',
    credentials: true,
    expected: 'invalid-allow-credentials',
  },
  {
    rule: 'exact origin and ACAC true pass with credentials',
    acao: origin,
    acac: 'true',
    credentials: true,
    expected: undefined,
  },
  { rule: 'ACAC is ignored without credentials', acao: origin, acac: 'false', credentials: false, expected: undefined },
];

describe('CORS check', () => {
  for (const row of rows) {
    test(row.rule, () => {
      const result = corsCheck({
        allowOrigin: row.acao,
        allowCredentials: row.acac,
        origin,
        credentials: row.credentials,
      });
      assert.equal(result?.code, row.expected);
    });
  }
  test("a tainted ('null') origin matches ACAO null", () => {
    assert.equal(
      corsCheck({ allowOrigin: 'null', allowCredentials: null, origin: 'null', credentials: false }),
      undefined,
    );
  });
});
