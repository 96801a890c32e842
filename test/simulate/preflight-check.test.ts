// https://fetch.spec.whatwg.org/#cors-preflight-fetch: the response checks and what a result allows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MODELS } from '../../src/simulate/engines/model.ts';
import { checkPreflightResponse, preflightDenial } from '../../src/simulate/checks/preflight-check.ts';
import { parseMaxAge } from '../../src/simulate/checks/max-age.ts';

const origin = 'https://app.example';

interface Row {
  readonly rule: string;
  readonly status?: number;
  readonly headers: Record<string, string>;
  readonly credentials?: boolean;
  readonly method: string;
  readonly unsafe?: string[];
  readonly expected: string | undefined;
  /** Default: the standard's model. */
  readonly model?: 'chromium' | 'fetch';
}

const rows: Row[] = [
  {
    rule: '204 with ACAO and the method listed passes',
    status: 204,
    headers: { 'access-control-allow-methods': 'PUT' },
    method: 'PUT',
    expected: undefined,
  },
  {
    rule: '200 is an ok status',
    status: 200,
    headers: { 'access-control-allow-methods': 'PUT' },
    method: 'PUT',
    expected: undefined,
  },
  {
    rule: '299 is an ok status',
    status: 299,
    headers: { 'access-control-allow-methods': 'PUT' },
    method: 'PUT',
    expected: undefined,
  },
  {
    rule: '300 is not an ok status',
    status: 300,
    headers: { 'access-control-allow-methods': 'PUT' },
    method: 'PUT',
    expected: 'preflight-invalid-status',
  },
  {
    rule: '403 is not an ok status',
    status: 403,
    headers: { 'access-control-allow-methods': 'PUT' },
    method: 'PUT',
    expected: 'preflight-invalid-status',
  },
  {
    rule: 'the CORS check is reported before the status',
    status: 500,
    headers: { 'access-control-allow-origin': 'null' },
    method: 'PUT',
    expected: 'allow-origin-mismatch',
  },
  {
    rule: 'methods compare case-sensitively',
    headers: { 'access-control-allow-methods': 'PATCH' },
    method: 'patch',
    expected: 'method-not-allowed',
  },
  { rule: 'safelisted methods need no listing', headers: {}, method: 'POST', unsafe: [], expected: undefined },
  {
    rule: "'*' allows any method without credentials",
    headers: { 'access-control-allow-methods': '*' },
    method: 'DELETE',
    expected: undefined,
  },
  {
    rule: "'*' is a literal method with credentials",
    headers: { 'access-control-allow-methods': '*', 'access-control-allow-credentials': 'true' },
    credentials: true,
    method: 'DELETE',
    expected: 'method-not-allowed',
  },
  {
    rule: 'spaces and empty items in ACAM are ignored',
    headers: { 'access-control-allow-methods': ' GET ,, PUT ,' },
    method: 'PUT',
    expected: undefined,
  },
  {
    rule: 'a non-token item in ACAM fails the whole preflight',
    headers: { 'access-control-allow-methods': 'PUT, DEL ETE' },
    method: 'PUT',
    expected: 'invalid-allow-methods',
  },
  {
    rule: 'a non-token item in ACAH fails the whole preflight',
    headers: { 'access-control-allow-headers': 'x-a, x/b' },
    method: 'GET',
    unsafe: ['x-a'],
    expected: 'invalid-allow-headers',
  },
  {
    rule: 'headers compare case-insensitively',
    headers: { 'access-control-allow-headers': 'X-API-Key' },
    method: 'GET',
    unsafe: ['x-api-key'],
    expected: undefined,
  },
  {
    rule: 'an unlisted header is refused',
    headers: { 'access-control-allow-headers': 'x-a' },
    method: 'GET',
    unsafe: ['x-a', 'x-b'],
    expected: 'header-not-allowed',
  },
  {
    rule: "'*' allows any header without credentials",
    headers: { 'access-control-allow-headers': '*' },
    method: 'GET',
    unsafe: ['x-a'],
    expected: undefined,
  },
  {
    rule: "'*' never covers Authorization (standard)",
    headers: { 'access-control-allow-headers': '*' },
    method: 'GET',
    unsafe: ['authorization'],
    expected: 'authorization-not-covered-by-wildcard',
  },
  {
    rule: "'*' covers Authorization in Chromium 156",
    headers: { 'access-control-allow-headers': '*' },
    method: 'GET',
    unsafe: ['authorization'],
    expected: undefined,
    model: 'chromium',
  },
  {
    rule: "'*' with Authorization listed covers both",
    headers: { 'access-control-allow-headers': '*, Authorization' },
    method: 'GET',
    unsafe: ['authorization', 'x-a'],
    expected: undefined,
  },
  {
    rule: "'*' is a literal header with credentials",
    headers: { 'access-control-allow-headers': '*', 'access-control-allow-credentials': 'true' },
    credentials: true,
    method: 'GET',
    unsafe: ['x-a'],
    expected: 'header-not-allowed',
  },
];

describe('preflight check', () => {
  for (const row of rows) {
    test(row.rule, () => {
      const headers = new Headers({ 'access-control-allow-origin': origin, ...row.headers });
      const model = MODELS[row.model ?? 'fetch'];
      const checked = checkPreflightResponse({
        status: row.status ?? 204,
        headers,
        origin,
        credentials: row.credentials ?? false,
        model,
      });
      const code =
        'failure' in checked
          ? checked.failure.code
          : preflightDenial(checked.result, row.method, row.unsafe ?? [], model)?.code;
      assert.equal(code, row.expected);
    });
  }
});

describe('Access-Control-Max-Age', () => {
  const maxAge = [
    { rule: 'missing means 5 s', value: null, chromium: 5, fetch: 5 },
    { rule: 'digits are seconds', value: '600', chromium: 600, fetch: 600 },
    { rule: '0 means no caching', value: '0', chromium: 0, fetch: 0 },
    { rule: 'Chromium caps at 2 hours', value: '86400', chromium: 7200, fetch: 86400 },
    { rule: 'a sign is accepted by Chromium only', value: '+60', chromium: 60, fetch: 5 },
    { rule: 'a negative value means 0 in Chromium', value: '-1', chromium: 0, fetch: 5 },
    { rule: 'a fraction is unparsable', value: '1.5', chromium: 5, fetch: 5 },
    { rule: 'two values are unparsable', value: '10, 20', chromium: 5, fetch: 5 },
    { rule: 'text is unparsable', value: 'forever', chromium: 5, fetch: 5 },
  ];
  for (const row of maxAge) {
    test(row.rule, () => {
      assert.equal(parseMaxAge(row.value, MODELS.chromium), row.chromium);
      assert.equal(parseMaxAge(row.value, MODELS.fetch), row.fetch);
    });
  }
});
