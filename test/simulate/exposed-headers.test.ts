// https://fetch.spec.whatwg.org/#concept-filtered-response-cors: which headers script reads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readableHeaderNames } from '../../src/simulate/checks/exposed-headers.ts';

const base = {
  'content-type': 'text/plain',
  'cache-control': 'no-store',
  'content-length': '2',
  'x-total': '3',
  'x-request-id': 'r',
  'set-cookie': 'a=b',
};

const rows = [
  {
    rule: 'safelisted response headers are always readable',
    aceh: undefined,
    credentials: false,
    cors: true,
    expected: ['cache-control', 'content-length', 'content-type'],
  },
  {
    rule: 'listed names are readable, case-insensitively',
    aceh: 'X-Total',
    credentials: false,
    cors: true,
    expected: ['cache-control', 'content-length', 'content-type', 'x-total'],
  },
  {
    rule: "'*' exposes everything but Set-Cookie without credentials",
    aceh: '*',
    credentials: false,
    cors: true,
    expected: ['cache-control', 'content-length', 'content-type', 'x-request-id', 'x-total'],
  },
  {
    rule: "'*' is a literal name with credentials",
    aceh: '*',
    credentials: true,
    cors: true,
    expected: ['cache-control', 'content-length', 'content-type'],
  },
  {
    rule: 'Set-Cookie is never exposed, even when listed',
    aceh: 'set-cookie',
    credentials: false,
    cors: true,
    expected: ['cache-control', 'content-length', 'content-type'],
  },
  {
    rule: 'a non-token item empties the whole list',
    aceh: 'x-total, x request',
    credentials: false,
    cors: true,
    expected: ['cache-control', 'content-length', 'content-type'],
  },
  {
    rule: 'a same-origin response shows all but Set-Cookie',
    aceh: undefined,
    credentials: false,
    cors: false,
    expected: ['cache-control', 'content-length', 'content-type', 'x-request-id', 'x-total'],
  },
];

describe('exposed response headers', () => {
  for (const row of rows) {
    test(row.rule, () => {
      const headers = new Headers(base);
      if (row.aceh !== undefined) headers.set('access-control-expose-headers', row.aceh);
      const names = readableHeaderNames({ headers, cors: row.cors, credentials: row.credentials }).filter(
        (name) => name !== 'access-control-expose-headers',
      );
      assert.deepEqual(names, row.expected);
    });
  }
});
