// `npm run test:browser`: runs every test/browser/**/*.test.ts file with Node's test runner
// (TypeScript through tsx, one Chromium per file, two files at a time), passes the usual output
// through, and ends with `browser: N scenarios, P passed, F failed` (a scenario is a test case;
// cancelled cases count as failed). Exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { testFiles } from './test-files.mjs';

const files = testFiles(join('test', 'browser'));
if (files.length === 0) {
  console.error('no browser test files found under test/browser');
  process.exit(1);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: ['inherit', 'pipe', 'inherit'] },
);

// The spec reporter's closing summary: `ℹ tests 12`, `ℹ pass 11`, `ℹ fail 1`, `ℹ cancelled 0`.
const summary = {};
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString('utf8');
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const match = /^ℹ (tests|pass|fail|cancelled) (\d+)\s*$/.exec(line);
    if (match) summary[match[1]] = Number(match[2]);
  }
});

child.on('close', (code, signal) => {
  const total = summary.tests ?? 0;
  const passed = summary.pass ?? 0;
  const failed = (summary.fail ?? 0) + (summary.cancelled ?? 0);
  console.log(`browser: ${total} scenarios, ${passed} passed, ${failed} failed`);
  if (summary.tests === undefined) console.error('test-browser: the test runner printed no summary');
  process.exit(code === 0 && failed === 0 && summary.tests !== undefined ? 0 : (code || 1));
  void signal;
});
