// `npm run test:unit` (scripts/test-tiers.mjs) runs every test file that needs nothing but Node:
// what it leaves to `npm test` exists, and no file it runs drives a browser, a runtime binary or a
// front server itself.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FULL_RUN_ONLY, unitTestFiles } from '../../scripts/test-tiers.mjs';

const root = new URL('../../', import.meta.url).pathname;

for (const [path, needs] of Object.entries(FULL_RUN_ONLY)) {
  test(`${path} (${needs}) exists`, () => assert.ok(existsSync(join(root, path))));
}

// What a test file uses when it needs more than Node, by the helpers that start each.
const NEEDS_MORE = [
  { needs: 'a browser', marker: /support\/(chromium|firefox|webkit)\.ts|browser\/support\// },
  { needs: 'Deno or Bun', marker: /bin\('(deno|bun)'\)/ },
  { needs: 'workerd', marker: /from 'miniflare'/ },
  { needs: 'a front server', marker: /frontServerUnavailable/ },
  { needs: 'a Next.js build', marker: /buildFixture|startNext\(/ },
];

test('no file of the fast loop needs more than Node', () => {
  // This file names the markers, so it is not scanned.
  const files = unitTestFiles(root).filter((file) => file !== new URL(import.meta.url).pathname);
  assert.ok(files.length > 0);
  const offending = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return NEEDS_MORE.filter(({ marker }) => marker.test(text)).map(({ needs }) => `${file} needs ${needs}`);
  });
  assert.deepEqual(offending, []);
});
