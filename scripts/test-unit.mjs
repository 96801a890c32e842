// `npm run test:unit [dir-or-file ...]`: the fast loop, every test file that needs no browser,
// runtime binary, front server, Next.js build or built package (scripts/test-tiers.mjs), or those of
// them below the given paths; on the source (no build, no type-check) and without the shared
// browsers. `npm test` runs everything, these included.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { unitTestFiles } from './test-tiers.mjs';
import { bundleTestFiles } from './unit-bundles.mjs';
import { runTestFiles } from './test-run.mjs';

// Each file's duration in the last run (compact-reporter.mjs): the longest start first, so the run
// does not end waiting on one slow file started last. Files never timed go first.
const CACHE = resolve('node_modules', '.cache', 'corsguard');
const DURATIONS = join(CACHE, 'unit-durations.json');

function longestFirst(files) {
  let known = {};
  try {
    known = JSON.parse(readFileSync(DURATIONS, 'utf8'));
  } catch {}
  const duration = (file) => known[relative('.', file)] ?? Number.POSITIVE_INFINITY;
  return [...files].sort((a, b) => duration(b) - duration(a));
}

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
process.env.CORSGUARD_TEST_DURATIONS = DURATIONS;
mkdirSync(CACHE, { recursive: true });
// One folder of bundles per run (the fast loop's own tests start a loop inside one).
const bundleDir = mkdtempSync(join(CACHE, 'unit-'));
process.env.CORSGUARD_TEST_BUNDLE_DIR = bundleDir;
let code = 1;
try {
  const bundles = await bundleTestFiles(longestFirst(files), bundleDir);
  // Many files wait on sockets and timers (a gateway's time limits, a child process), so a third
  // file at once keeps both cores busy.
  ({ code } = await runTestFiles(bundles, {
    browsers: false,
    nodeOptions: ['--enable-source-maps'],
    concurrency: Number(process.env.TEST_CONCURRENCY) || 3,
  }));
} finally {
  rmSync(bundleDir, { recursive: true, force: true });
}
process.exit(code);
