// The corsguard binary as a separate process (its process wiring: arguments, output, exit
// status). Everything else is tested in-process.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { spawnCli } from './cli-harness.ts';
import { fixedServer, type TestServer } from './servers.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('the corsguard binary', { concurrency: true }, () => {
  let refusing: TestServer;
  before(async () => {
    refusing = await fixedServer(200, []);
  });
  after(() => refusing.close());

  test('--version prints the version, exit 0', async () => {
    const result = await spawnCli(['--version']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `${VERSION}\n`);
  });

  test('a blocked check exits 1 with the JSON verdict on stdout', async () => {
    const result = await spawnCli(['check', `${refusing.url}/`, '--origin', 'http://app.localhost:3000', '--json']);
    assert.equal(result.code, 1, result.stderr);
    const verdict = JSON.parse(result.stdout) as { allowed: boolean; reason: string };
    assert.equal(verdict.allowed, false);
    assert.equal(verdict.reason, 'missing-allow-origin');
  });
});
