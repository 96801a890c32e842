// `npm run test:browser`: runs every test/browser/**/*.test.ts file against one shared Chromium,
// Firefox and WebKit, passes the usual output through, prints one line per engine
// (`browser firefox: N scenarios, P passed, F failed`) and ends with the total,
// `browser: N scenarios, P passed, F failed` (a scenario is a test case; cancelled cases count as
// failed). Exits non-zero when anything failed.
import { join } from 'node:path';
import { testFiles } from './test-files.mjs';
import { runTestFiles } from './test-run.mjs';

const files = testFiles(join('test', 'browser'));
if (files.length === 0) {
  console.error('no browser test files found under test/browser');
  process.exit(1);
}
const { code, summary, engines } = await runTestFiles(files);
for (const engine of ['chromium', 'firefox', 'webkit']) {
  const counts = engines[engine] ?? { tests: 0, pass: 0, fail: 0 };
  console.log(`browser ${engine}: ${counts.tests} scenarios, ${counts.pass} passed, ${counts.fail} failed`);
}
const total = summary.tests ?? 0;
const passed = summary.pass ?? 0;
const failed = (summary.fail ?? 0) + (summary.cancelled ?? 0);
console.log(`browser: ${total} scenarios, ${passed} passed, ${failed} failed`);
if (summary.tests === undefined) console.error('test-browser: the test runner printed no summary');
process.exit(code === 0 && failed === 0 && summary.tests !== undefined ? 0 : code || 1);
