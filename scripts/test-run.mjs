// Runs test files with Node's test runner (TypeScript through tsx, two files at a time) next to one
// shared Chromium for the whole run (test/support/chromium.ts) and, when browser test files run,
// one shared Firefox (firefox.ts; WebKit starts per test process, webkit.ts), and passes the
// runner's output through: one line per file, failures in full, the runner's closing counts
// (compact-reporter.mjs; TEST_REPORTER=spec prints every test). Resolves to the exit status, the
// closing counts and the counts per browser engine (engine-reporter.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_CHROMIUM_ENV, startSharedChromium } from '../test/support/chromium.ts';
import { SHARED_FIREFOX_ENV, startSharedFirefox } from '../test/support/firefox.ts';
import { limitFor } from '../test/support/time-limits.ts';

const COMPACT_REPORTER = fileURLToPath(new URL('./compact-reporter.mjs', import.meta.url));
const ENGINE_REPORTER = fileURLToPath(new URL('./engine-reporter.mjs', import.meta.url));
const BROWSER_TESTS = join('test', 'browser') + sep;
// The runner's limit for each test file (and each test without one of its own): a hang fails its
// file instead of never ending the run. No test file takes three minutes on a quiet machine.
const TEST_LIMIT_MS = limitFor(180_000);

/** Starts the shared browsers the files need; each entry: the env variable and the running browser. */
async function startBrowsers(files) {
  const browserFiles = files.some((file) => file.includes(BROWSER_TESTS));
  const started = await Promise.allSettled([
    startSharedChromium().then((browser) => [SHARED_CHROMIUM_ENV, browser]),
    ...(browserFiles ? [startSharedFirefox().then((browser) => [SHARED_FIREFOX_ENV, browser])] : []),
  ]);
  const running = started
    .filter((result) => result.status === 'fulfilled' && result.value[1])
    .map((result) => result.value);
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map(([, browser]) => browser.close()));
    throw failed.reason;
  }
  return running;
}

/**
 * `browsers: false` starts no shared browser (a file that needs one then launches its own).
 * `nodeOptions`: how each test process starts; by default TypeScript through tsx. `concurrency`: how
 * many test files run at once.
 */
export async function runTestFiles(
  files,
  { browsers: shareBrowsers = true, nodeOptions = ['--import', 'tsx'], concurrency = 2 } = {},
) {
  const browsers = shareBrowsers ? await startBrowsers(files) : [];
  const env = { ...process.env, ...Object.fromEntries(browsers.map(([name, browser]) => [name, browser.endpoint])) };
  const countsDir = mkdtempSync(join(tmpdir(), 'corsguard-engines-'));
  const countsFile = join(countsDir, 'engines.json');
  try {
    const reporters = [
      `--test-reporter=${process.env.TEST_REPORTER || COMPACT_REPORTER}`,
      '--test-reporter-destination=stdout',
      `--test-reporter=${ENGINE_REPORTER}`,
      `--test-reporter-destination=${countsFile}`,
    ];
    const { code, summary } = await new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          ...nodeOptions,
          '--test',
          ...reporters,
          `--test-concurrency=${concurrency}`,
          `--test-timeout=${TEST_LIMIT_MS}`,
          ...files,
        ],
        {
          stdio: ['inherit', 'pipe', 'inherit'],
          env,
        },
      );
      // The runner's closing summary (both reporters): `ℹ tests 12`, `ℹ pass 11`, `ℹ fail 1`, `ℹ cancelled 0`.
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
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, summary }));
    });
    return { code, summary, engines: readCounts(countsFile) };
  } finally {
    await Promise.all(browsers.map(([, browser]) => browser.close()));
    rmSync(countsDir, { recursive: true, force: true });
  }
}

function readCounts(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}
