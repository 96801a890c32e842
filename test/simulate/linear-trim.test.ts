// Parsers of server-controlled header values stay linear on long runs of whitespace (or slashes):
// a trim written as /[\t ]+$/ backtracks quadratically. Judged by how the cost grows from one size
// to 32 times that size (linear: about 32 times; quadratic: about 1,024), never by a time limit.
// The wide gap and the best of three comparisons keep a loaded machine's noise (seen: 3x) from
// reading as quadratic, while a quadratic parser exceeds the bound in every comparison.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowOriginProblem } from '../../src/audit/allow-origin-syntax.ts';
import { parseTokenList } from '../../src/simulate/checks/header-lists.ts';
import { mimeEssence } from '../../src/simulate/checks/mime-type.ts';
import { trimEndSet, trimSet } from '../../src/simulate/checks/trim.ts';

const SMALL = 2_000;
const LARGE = SMALL * 32;
// Halfway between linear (32) and quadratic (1,024) on a log scale.
const MAX_GROWTH = 32 * Math.sqrt(32);
const COMPARISONS = 3;

/** Milliseconds one call takes: calls repeated until 50 ms have passed, the best of five such batches
 * (a loaded machine preempts some batches; the best one is the cost). */
function costOf(call: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < 5; trial += 1) {
    const started = performance.now();
    let calls = 0;
    do {
      call();
      calls += 1;
    } while (performance.now() - started < 50);
    best = Math.min(best, (performance.now() - started) / calls);
  }
  return best;
}

const rows: { rule: string; input: (n: number) => string; parse: (value: string) => unknown }[] = [
  {
    rule: 'Access-Control-Allow-Headers: a run of spaces inside an element',
    input: (n) => `a${' '.repeat(n)}b`,
    parse: parseTokenList,
  },
  {
    rule: 'Access-Control-Allow-Headers: a run of tabs and spaces',
    input: (n) => `x-a, y${'\t '.repeat(n / 2)}z ,b`,
    parse: parseTokenList,
  },
  {
    rule: 'Content-Type: a run of whitespace inside the value',
    input: (n) => `text/plain${' \r\n\t'.repeat(n / 4)};a`,
    parse: mimeEssence,
  },
  {
    rule: 'Content-Type: a run of whitespace inside the type',
    input: (n) => `text${' '.repeat(n)}x/plain`,
    parse: mimeEssence,
  },
  {
    rule: 'Access-Control-Allow-Origin: a run of slashes',
    input: (n) => `https://app.example.com${'/'.repeat(n)}x`,
    parse: allowOriginProblem,
  },
];

describe('linear parsing of long runs', () => {
  for (const row of rows) {
    test(row.rule, () => {
      const small = row.input(SMALL);
      const large = row.input(LARGE);
      costOf(() => row.parse(small)); // warm-up: the JIT compiles the parser
      const growths: number[] = [];
      for (let comparison = 0; comparison < COMPARISONS; comparison += 1) {
        const growth = costOf(() => row.parse(large)) / costOf(() => row.parse(small));
        growths.push(growth);
        if (growth < MAX_GROWTH) break;
      }
      const least = Math.min(...growths);
      assert.ok(
        least < MAX_GROWTH,
        `32 times the input cost ${growths.map((g) => g.toFixed(1)).join(', ')} times as much`,
      );
    });
  }
});

describe('trimSet and trimEndSet', () => {
  const rows: [string, string, string, string, string][] = [
    ['both ends, not the middle', ' \t a b \t', '\t ', 'a b', ' \t a b'],
    ['only the set', '\r\n x \r\n', ' ', '\r\n x \r\n', '\r\n x \r\n'],
    ['all of it', '    ', ' ', '', ''],
    ['empty', '', ' ', '', ''],
    ['slashes', '//a/b//', '/', 'a/b', '//a/b'],
  ];
  for (const [rule, input, set, both, end] of rows) {
    test(rule, () => {
      assert.equal(trimSet(input, set), both);
      assert.equal(trimEndSet(input, set), end);
    });
  }
});
