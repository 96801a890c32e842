import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IssueList } from '../../src/core/errors.ts';
import { compileAllowedHeaders, compileExposedHeaders, parseRequestHeaders } from '../../src/core/headers.ts';
import { MAX_EMPTY_REQUEST_HEADER_ELEMENTS } from '../../src/core/limits.ts';

function headerTable(option: unknown) {
  const issues = new IssueList();
  const compiled = compileAllowedHeaders(option, issues);
  assert.deepEqual(issues.issues, []);
  return compiled;
}

describe('parseRequestHeaders (Access-Control-Request-Headers)', () => {
  const listed = headerTable(['X-Api-Key', 'Content-Type', 'Authorization']);
  const wildcard = headerTable('*');
  const rows: Array<{
    rule: string;
    table: typeof listed;
    value: string;
    result: string | { reason: string; name?: string };
  }> = [
    {
      rule: 'browser form is echoed as is',
      table: listed,
      value: 'content-type,x-api-key',
      result: 'content-type,x-api-key',
    },
    { rule: 'names are compared case-insensitively', table: listed, value: 'X-API-KEY', result: 'x-api-key' },
    {
      rule: 'spaces after commas are tolerated',
      table: listed,
      value: 'content-type, x-api-key',
      result: 'content-type,x-api-key',
    },
    {
      rule: 'tabs and surrounding whitespace are tolerated',
      table: listed,
      value: ' \tcontent-type\t ,  x-api-key ',
      result: 'content-type,x-api-key',
    },
    {
      rule: 'empty elements are tolerated',
      table: listed,
      value: ',content-type,,x-api-key,',
      result: 'content-type,x-api-key',
    },
    {
      rule: 'several header lines joined by ", "',
      table: listed,
      value: 'content-type, x-api-key, authorization',
      result: 'content-type,x-api-key,authorization',
    },
    {
      rule: 'a name not listed is refused',
      table: listed,
      value: 'content-type,x-other',
      result: { reason: 'header-not-allowed', name: 'x-other' },
    },
    {
      rule: 'a space inside a name is malformed',
      table: listed,
      value: 'x api-key',
      result: { reason: 'headers-malformed' },
    },
    {
      rule: 'a non-token byte is malformed',
      table: listed,
      value: 'x-api-key;',
      result: { reason: 'headers-malformed' },
    },
    {
      rule: `more than ${MAX_EMPTY_REQUEST_HEADER_ELEMENTS} empty elements is malformed`,
      table: listed,
      value: `${','.repeat(MAX_EMPTY_REQUEST_HEADER_ELEMENTS + 1)}x-api-key`,
      result: { reason: 'headers-malformed' },
    },
    {
      rule: `${MAX_EMPTY_REQUEST_HEADER_ELEMENTS} empty elements are still tolerated`,
      table: listed,
      value: `${','.repeat(MAX_EMPTY_REQUEST_HEADER_ELEMENTS)}x-api-key`,
      result: 'x-api-key',
    },
    {
      rule: 'more names than the policy could allow stops the scan',
      table: listed,
      value: Array(11).fill('x-api-key').join(','),
      result: { reason: 'headers-too-many' },
    },
    { rule: "'*' allows any name", table: wildcard, value: 'x-anything,x-else', result: 'x-anything,x-else' },
    {
      rule: "'*' never covers Authorization",
      table: wildcard,
      value: 'authorization',
      result: { reason: 'header-not-allowed', name: 'authorization' },
    },
    {
      rule: "'*' plus Authorization listed covers it",
      table: headerTable(['*', 'Authorization']),
      value: 'authorization,x-a',
      result: 'authorization,x-a',
    },
    {
      rule: 'no allowed headers refuses any name',
      table: headerTable(undefined),
      value: 'x-a',
      result: { reason: 'header-not-allowed', name: 'x-a' },
    },
  ];
  for (const row of rows) {
    test(row.rule, () => assert.deepEqual(parseRequestHeaders(row.value, row.table), row.result));
  }

  // CVE-2025-47908 (rs/cors): a value of many commas must cost linear time and constant memory.
  test(`1 MiB of commas is refused after ${MAX_EMPTY_REQUEST_HEADER_ELEMENTS + 1} elements`, () => {
    const result = parseRequestHeaders(','.repeat(1 << 20), listed);
    assert.deepEqual(result, { reason: 'headers-malformed' });
  });
  test("'*' stops after a bounded number of names", () => {
    const value = Array.from({ length: 10_000 }, (_, i) => `x-h${i}`).join(',');
    assert.deepEqual(parseRequestHeaders(value, wildcard), { reason: 'headers-too-many' });
  });
});

describe('compileExposedHeaders', () => {
  const rows: Array<[string, unknown, boolean, string]> = [
    ['a list is joined with ", "', ['X-Request-Id', 'X-Total'], false, 'X-Request-Id, X-Total'],
    ['a single string', 'X-Request-Id', false, 'X-Request-Id'],
    ['duplicates (any case) are dropped', ['X-A', 'x-a'], false, 'X-A'],
    ["'*' without credentials", '*', false, '*'],
    ['nothing exposed', undefined, false, ''],
  ];
  for (const [rule, option, credentials, expected] of rows) {
    test(rule, () => {
      const issues = new IssueList();
      assert.equal(compileExposedHeaders(option, credentials, issues), expected);
      assert.deepEqual(issues.issues, []);
    });
  }
});
