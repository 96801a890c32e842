// A fix's corsguard options are data; formatFixOptions renders them as a person writes them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatFixOptions, type FixOptions } from '../../src/simulate/index.ts';
import { cors } from '../../src/adapters/node.ts';

const rows: { rule: string; options: FixOptions; text: string }[] = [
  { rule: 'origin only', options: { origin: ['https://a.example'] }, text: "origin: ['https://a.example']" },
  {
    rule: 'keys in the order of the README, whatever the object order',
    options: { credentials: true, allowedHeaders: ['x-a', 'x-b'], origin: ['https://a.example'], methods: ['PUT'] },
    text: "origin: ['https://a.example'], methods: ['PUT'], allowedHeaders: ['x-a', 'x-b'], credentials: true",
  },
  { rule: 'exposed headers', options: { exposedHeaders: ['x-total'] }, text: "exposedHeaders: ['x-total']" },
];

describe('fix options', () => {
  for (const row of rows) {
    test(`formatFixOptions: ${row.rule}`, () => {
      assert.equal(formatFixOptions(row.options), row.text);
    });
  }

  test('a fix with an origin is a valid corsguard configuration as it stands', () => {
    for (const row of rows.filter((candidate) => candidate.options.origin)) {
      assert.doesNotThrow(() => cors({ ...row.options, origin: row.options.origin ?? [] }));
    }
  });
});
