// `npm pack` on a fresh clone ships the code (issue: it packed 5 files and no dist/, silently). The
// clone is of this repository's HEAD, as a release build, `npm install github:…` or a new
// contributor starts from, not this tree, which the tests have built: commit before running it. It
// borrows this tree's node_modules, so it needs no network. The tarball is installed into a new
// project with npm, and every entry point and the binary load from it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { limitFor } from '../support/time-limits.ts';
import { assertEsmImportsEvery, assertRequireLoadsEvery, codeSubpaths, specifierOf } from './consumer.ts';

const root = new URL('../../', import.meta.url).pathname;
const OFFLINE = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
// On a quiet machine: the clone's build about 25 s, npm install of the tarball about 2 s.
const BUILD_LIMIT = limitFor(30_000);
const INSTALL_LIMIT = limitFor(10_000);

interface PackageJson {
  readonly version: string;
  readonly exports: Record<string, Record<string, Record<string, string>> | string>;
}

let work = '';
let consumer = '';
let pkg: PackageJson;
let buildOutput = '';

before(
  () => {
    work = mkdtempSync(join(tmpdir(), 'corsguard-fresh-clone-'));
    const clone = join(work, 'clone');
    execFileSync('git', ['clone', '--quiet', root, clone]);
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
    pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as PackageJson;
    // The build's own output goes to npm's stdout: the tarball is found where it was written.
    const packed = spawnSync('npm', ['pack', '--pack-destination', work], {
      cwd: clone,
      env: OFFLINE,
      encoding: 'utf8',
      timeout: BUILD_LIMIT,
    });
    assert.equal(packed.status, 0, packed.stdout + packed.stderr);
    buildOutput = packed.stdout + packed.stderr;
    const [filename] = readdirSync(work).filter((name) => name.endsWith('.tgz'));
    assert.ok(filename, 'npm pack wrote no tarball');
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), '{"name":"consumer","private":true}');
    execFileSync('npm', ['install', '--no-package-lock', join(work, filename)], {
      cwd: consumer,
      env: OFFLINE,
      stdio: 'pipe',
      timeout: INSTALL_LIMIT,
    });
  },
  { timeout: BUILD_LIMIT + INSTALL_LIMIT },
);

after(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack on a fresh clone, installed with npm', () => {
  test('every file the exports map names is in the installed package', () => {
    const installed = join(consumer, 'node_modules', 'corsguard');
    const targets = Object.values(pkg.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target).flatMap((conditions) => Object.values(conditions)),
    );
    assert.deepEqual(
      targets.filter((file) => !existsSync(join(installed, file))),
      [],
    );
  });

  test('every entry point loads from ESM', () => assertEsmImportsEvery(consumer, codeSubpaths(pkg).map(specifierOf)));

  test('every entry point loads from CommonJS', () =>
    assertRequireLoadsEvery(consumer, codeSubpaths(pkg).map(specifierOf)));

  // Rollup's warning for entries with a default and named exports (tsup.config.ts says why none runs).
  test('the build prints no warning about mixed default and named exports', () => {
    assert.match(buildOutput, /built dist\/ in/);
    assert.doesNotMatch(buildOutput, /named and default exports|output\.exports/);
  });

  test('the corsguard binary runs and reports the package version', () => {
    const output = execFileSync(join(consumer, 'node_modules', '.bin', 'corsguard'), ['--version'], {
      encoding: 'utf8',
    });
    assert.equal(output.trim(), pkg.version);
  });
});
