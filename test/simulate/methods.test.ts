// https://fetch.spec.whatwg.org/#methods: normalisation, safelist, forbidden methods.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSafelistedMethod, normalizeMethod, prepareMethod } from '../../src/simulate/checks/methods.ts';

const rows = [
  { rule: 'delete is upper-cased', input: 'delete', expected: { method: 'DELETE' } },
  { rule: 'get is upper-cased', input: 'gEt', expected: { method: 'GET' } },
  { rule: 'options is upper-cased', input: 'options', expected: { method: 'OPTIONS' } },
  { rule: 'put is upper-cased', input: 'put', expected: { method: 'PUT' } },
  { rule: 'patch keeps its case', input: 'patch', expected: { method: 'patch' } },
  { rule: 'custom methods keep their case', input: 'Purge', expected: { method: 'Purge' } },
  { rule: 'CONNECT is forbidden', input: 'connect', expected: { problem: 'forbidden-method' } },
  { rule: 'TRACE is forbidden', input: 'TRACE', expected: { problem: 'forbidden-method' } },
  { rule: 'TRACK is forbidden', input: 'track', expected: { problem: 'forbidden-method' } },
  { rule: 'a method must be a token', input: 'GET X', expected: { problem: 'invalid-method' } },
  { rule: 'an empty method is invalid', input: '', expected: { problem: 'invalid-method' } },
];

describe('methods', () => {
  for (const row of rows) {
    test(row.rule, () => assert.deepEqual(prepareMethod(row.input), row.expected));
  }
  const safelisted = [
    { method: 'GET', expected: true },
    { method: 'HEAD', expected: true },
    { method: 'POST', expected: true },
    { method: 'PUT', expected: false },
    { method: 'post', expected: false },
  ];
  for (const row of safelisted) {
    test(`${row.method} is ${row.expected ? '' : 'not '}safelisted (byte for byte)`, () => {
      assert.equal(isSafelistedMethod(row.method), row.expected);
    });
  }
  test('normalizeMethod leaves unknown methods alone', () => assert.equal(normalizeMethod('mkcol'), 'mkcol'));
});
