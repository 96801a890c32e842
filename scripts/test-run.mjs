// Runs test files with Node's test runner (TypeScript through tsx, two files at a time) next to one
// shared Chromium for the whole run (test/support/chromium.ts), and passes the runner's output
// through: one line per file, failures in full, the runner's closing counts (compact-reporter.mjs;
// TEST_REPORTER=spec prints every test). Resolves to the exit status and the closing counts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SHARED_CHROMIUM_ENV, startSharedChromium } from '../test/support/chromium.ts';

const COMPACT_REPORTER = fileURLToPath(new URL('./compact-reporter.mjs', import.meta.url));

export async function runTestFiles(files) {
  const browser = await startSharedChromium();
  const env = browser ? { ...process.env, [SHARED_CHROMIUM_ENV]: browser.endpoint } : process.env;
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${process.env.TEST_REPORTER || COMPACT_REPORTER}`, '--test-concurrency=2', ...files], {
        stdio: ['inherit', 'pipe', 'inherit'],
        env,
      });
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
  } finally {
    await browser?.close();
  }
}
