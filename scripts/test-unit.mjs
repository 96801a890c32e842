// `npm run test:unit [dir-or-file ...]`: the fast loop, every test file that needs no browser,
// runtime binary, front server, Next.js build or built package (scripts/test-tiers.mjs), or those of
// them below the given paths; on the source (no build, no type-check) and without the shared
// browsers. `npm test` runs everything, these included.
import { resolve } from 'node:path';
import { unitTestFiles } from './test-tiers.mjs';
import { runTestFiles } from './test-run.mjs';

const roots = process.argv.slice(2).map((root) => resolve(root));
const files = unitTestFiles().filter(
  (file) => roots.length === 0 || roots.some((root) => resolve(file) === root || resolve(file).startsWith(`${root}/`)),
);
if (files.length === 0) {
  console.error('no fast-loop test files there (scripts/test-tiers.mjs lists what only npm test runs)');
  process.exit(1);
}
// The conformance table then leaves out its Next.js production build (test/conformance/servers.ts).
process.env.CORSGUARD_TEST_TIER = 'unit';
const { code } = await runTestFiles(files, { browsers: false });
process.exit(code);
