// Lint and format (Biome, configured once in biome.json) are part of the suite: a change that
// breaks a rule or the tree's format fails here, with Biome's own report. `npm run format` fixes
// the format and every safe lint fix.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIOME = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');

test('biome check: every source file is formatted and breaks no lint rule', () => {
  const result = spawnSync(process.execPath, [BIOME, 'check', '--colors=off', '--max-diagnostics=50', '.'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}\nRun npm run format, then fix what remains.`);
});
