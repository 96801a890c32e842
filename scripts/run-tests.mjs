// Runs every test/**/*.test.ts file (or those below the given paths) with Node's test runner and
// one shared Chromium. Usage: node --import tsx scripts/run-tests.mjs [dir-or-file ...]
import { testFiles } from './test-files.mjs';
import { runTestFiles } from './test-run.mjs';

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['test']).flatMap((root) => testFiles(root));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const { code } = await runTestFiles(files);
process.exit(code);
