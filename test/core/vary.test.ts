import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendVary } from '../../src/core/vary.ts';

describe('appendVary', () => {
  const rows: Array<[string, string | undefined, string, string]> = [
    ['no existing Vary', undefined, 'Origin', 'Origin'],
    ['empty existing Vary', '', 'Origin', 'Origin'],
    ['appends to an existing Vary', 'Accept-Encoding', 'Origin', 'Accept-Encoding, Origin'],
    ['never duplicates (case-insensitive)', 'accept-encoding, origin', 'Origin', 'accept-encoding, origin'],
    [
      'appends only the missing names',
      'Origin',
      'Origin, Access-Control-Request-Method',
      'Origin, Access-Control-Request-Method',
    ],
    ["'*' already varies on everything", '*', 'Origin', '*'],
    ['nothing to add keeps the existing value', 'Accept', '', 'Accept'],
  ];
  for (const [rule, existing, add, expected] of rows) {
    test(rule, () => assert.equal(appendVary(existing, add), expected));
  }
});
