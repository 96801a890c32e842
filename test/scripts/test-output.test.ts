// `npm test`'s output: one line per test file, every failure in full at the end, and the runner's
// standard closing lines last (CI reads them; scripts/test-browser.mjs counts from them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;
const PASSING = 80;
const LOGGED = 'logged by a server under test';
const LOUD = '!!!!! SOME SUITE SKIPPED: no engine here !!!!!';
const FAILING_SAID = 'written to stderr by the failing file';
let work = '';
let result: { status: number | null; lines: string[]; summary: Record<string, number>; code: number };

before(() => {
  work = mkdtempSync(join(tmpdir(), 'corsguard-test-output-'));
  const many = Array.from({ length: PASSING }, (_, i) => `test('passing case ${i}', () => {});`).join('\n');
  const files = {
    // A server under test logs the error a test provoked; a loud line says a suite was skipped.
    'passing.test.ts': `import { test } from 'node:test';\nconsole.error(new Error('${LOGGED}').stack);\nconsole.warn('\\n${LOUD}\\n');\n${many}\n`,
    'failing.test.ts': `import assert from 'node:assert/strict';\nimport { describe, test } from 'node:test';\nconsole.error('${FAILING_SAID}');\ndescribe('the suite', () => {\n  test('the failing case', () => assert.deepEqual({ status: 403 }, { status: 204 }));\n  test('a passing case', () => {});\n});\n`,
    'skipped.test.ts': `import { test } from 'node:test';\ntest('needs a browser', { skip: 'no browser here' }, () => {});\n`,
    // A timer keeps the process alive: without the runner's limit, the run would never end.
    'hanging.test.ts': `import { test } from 'node:test';\ntest('never settles', () => new Promise(() => setInterval(() => {}, 1000)));\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
  // The same entry the npm scripts use, with its result printed last for the test to read.
  const script = `import { runTestFiles } from './scripts/test-run.mjs';
    const result = await runTestFiles(${JSON.stringify(Object.keys(files).map((name) => join(work, name)))});
    console.log(JSON.stringify(result));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    // NODE_TEST_CONTEXT (set inside this test) would make the inner runner report to this one instead.
    // The runner's time limit per file becomes 20 s (test-run.mjs: four times 180 s, times the scale):
    // the hanging file is cancelled, the others finish well within it, even on a loaded machine.
    env: {
      ...process.env,
      NODE_TEST_CONTEXT: undefined,
      // Set when the fast loop runs this file: the inner run neither names bundles nor times files.
      CORSGUARD_TEST_BUNDLE_DIR: undefined,
      CORSGUARD_TEST_DURATIONS: undefined,
      CHROMIUM: join(work, 'no-chromium'),
      TEST_REPORTER: '',
      TEST_TIME_SCALE: String(1 / 36),
    },
  });
  const lines = run.stdout.trimEnd().split('\n');
  const last = JSON.parse(lines.pop()!) as { code: number; summary: Record<string, number> };
  result = { status: run.status, lines, summary: last.summary, code: last.code };
});
after(() => rmSync(work, { recursive: true, force: true }));

test('one line per file with its counts, not one per test', () => {
  const fileLines = result.lines.filter((line) => /\.test\.ts {2}/.test(line));
  assert.deepEqual(
    fileLines.map((line) => line.replace(/ {2}\(\d+\.\d s\)$/, '').replace(`${work}/`, '')),
    // A test that never settles is stopped at the runner's time limit, and the run goes on.
    [
      '✘ failing.test.ts  1 passed, 1 failed',
      '✘ hanging.test.ts  0 passed, 1 cancelled',
      `✔ passing.test.ts  ${PASSING} passed`,
      '- skipped.test.ts  0 passed, 1 skipped (no browser here)',
    ],
  );
  assert.equal(result.lines.filter((line) => line.includes('passing case')).length, 0);
  assert.ok(result.lines.length < PASSING, `${result.lines.length} lines`);
});

test('each failure is printed in full after the file lines: its path of names and the values compared', () => {
  const start = result.lines.findIndex(
    (line) => line.startsWith('✘ ') && line.endsWith('failing.test.ts › the suite › the failing case'),
  );
  assert.ok(
    start > result.lines.findIndex((line) => line.includes('skipped.test.ts')),
    'failures come after every file line',
  );
  const block = result.lines.slice(start).join('\n');
  assert.match(block, /AssertionError/);
  assert.match(block, /status: 403/);
  assert.match(block, /status: 204/);
});

test("the output ends with the runner's closing counts, which the scripts read", () => {
  assert.deepEqual(
    result.lines.slice(-8).map((line) => line.replace(/ [\d.]+$/, '')),
    ['ℹ tests', 'ℹ suites', 'ℹ pass', 'ℹ fail', 'ℹ cancelled', 'ℹ skipped', 'ℹ todo', 'ℹ duration_ms'],
  );
  assert.deepEqual(result.summary, { tests: PASSING + 4, pass: PASSING + 1, fail: 1, cancelled: 1 });
  assert.equal(result.code, 1);
  assert.equal(result.status, 0);
});

const outputRules = [
  { rule: 'a file that never ends fails with the time limit it ran into', text: 'timed out after 20000ms', times: 1 },
  { rule: "a green file's stderr (a stack trace a server logged) is not printed", text: LOGGED, times: 0 },
  { rule: 'a loud line (wrapped in !!!!!) is printed once, at once', text: LOUD, times: 1 },
  { rule: "a failing file's stderr is printed once, with its failures", text: FAILING_SAID, times: 1 },
];
for (const { rule, text, times } of outputRules) {
  test(rule, () => assert.equal(result.lines.filter((line) => line.includes(text)).length, times));
}
