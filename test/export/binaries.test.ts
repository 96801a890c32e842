// A front server missing at test time: a loud failure in CI, a loud skip (one visible line) elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingBinary } from './support/binaries.ts';

const MISSING = '/nonexistent/corsguard-test/nginx';

test('missing in CI: the suite fails', () => {
  assert.throws(
    () => missingBinary('nginx', MISSING, true),
    /nginx not found at \/nonexistent\/corsguard-test\/nginx .*required in CI/,
  );
});

test('missing elsewhere: skipped with a visible message', (t) => {
  const warned: string[] = [];
  t.mock.method(console, 'warn', (line: string) => warned.push(line));
  const reason = missingBinary('nginx', MISSING, false);
  assert.match(reason ?? '', /^nginx not found at \/nonexistent\/corsguard-test\/nginx/);
  assert.equal(warned.length, 1);
  assert.match(warned[0]!, /EXPORT SUITE SKIPPED: nginx not found/);
});

test('present: runs', () => {
  assert.equal(missingBinary('nginx', process.execPath, true), undefined);
});
