// The package as users install it: packed with npm, then imported by name from ESM and CommonJS
// consumers, checked by publint and @arethetypeswrong/cli, with no runtime dependencies.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VERSION } from '../../src/version.ts';
import { assertEsmImportsEvery, assertRequireLoadsEvery, codeSubpaths, specifierOf } from './consumer.ts';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  repository?: { type?: string; url?: string };
  homepage?: string;
  bugs?: { url?: string };
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  version: string;
  exports: Record<string, unknown>;
  typesVersions?: Record<string, Record<string, string[]>>;
};
const subpaths = codeSubpaths(pkg);
const specifiers = subpaths.map(specifierOf);

let work = '';
let tarball = '';
const consumer = () => join(work, 'consumer');

before(() => {
  work = mkdtempSync(join(tmpdir(), 'corsguard-pack-'));
  const output = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
  });
  tarball = join(work, output.trim().split('\n').pop()!);
  const target = join(work, 'consumer', 'node_modules', 'corsguard');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  writeFileSync(join(work, 'consumer', 'package.json'), '{"name":"consumer","private":true}');
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('packaging', () => {
  test('no runtime dependencies; frameworks are optional peers', () => {
    assert.deepEqual(pkg.dependencies ?? {}, {});
    for (const name of Object.keys(pkg.peerDependencies ?? {})) {
      assert.equal(pkg.peerDependenciesMeta?.[name]?.optional, true, `${name} must be an optional peer dependency`);
    }
  });

  test('the tarball carries the licence, the readme and the changelog', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const name of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) {
      assert.ok(listed.includes(`package/${name}`), `${name} is not in the tarball`);
    }
    assert.match(
      readFileSync(join(root, 'LICENSE'), 'utf8'),
      /^MIT License\n\nCopyright \(c\) 2026 corsguard contributors\n/,
    );
  });

  test('the build stamp (scripts/build-if-changed.mjs) stays out of the tarball', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    assert.ok(
      listed.some((name) => name.startsWith('package/dist/')),
      'dist/ is not in the tarball',
    );
    assert.deepEqual(
      listed.filter((name) => name.includes('build-stamp')),
      [],
    );
  });

  test("the version the CLI and the audit report is package.json's", () => assert.equal(VERSION, pkg.version));

  test('where the project lives: repository, homepage and bugs', () => {
    assert.deepEqual(
      { repository: pkg.repository?.url, homepage: pkg.homepage, bugs: pkg.bugs?.url },
      {
        repository: 'git+https://github.com/corsguard/corsguard.git',
        homepage: 'https://github.com/corsguard/corsguard#readme',
        bugs: 'https://github.com/corsguard/corsguard/issues',
      },
    );
  });

  // npm runs these when a consumer installs the package from a registry or a tarball. `prepare` runs
  // only in a clone (`npm ci`, a git dependency) and `prepack` only when packing: both build dist/.
  test('no install-time scripts reach consumers', () => {
    for (const name of ['preinstall', 'install', 'postinstall']) {
      assert.equal(pkg.scripts?.[name], undefined, `package.json has a ${name} script`);
    }
  });

  const buildScripts = [
    { rule: 'prepack builds dist/ before npm pack and npm publish', script: 'prepack' },
    { rule: 'prepare builds dist/ for npm ci in a clone and for git dependencies', script: 'prepare' },
  ];
  for (const { rule, script } of buildScripts) {
    test(rule, () => assert.equal(pkg.scripts?.[script], 'node scripts/build-if-changed.mjs'));
  }

  test('every subpath is importable from ESM and shares one CorsConfigError', () =>
    assertEsmImportsEvery(consumer(), specifiers));

  test('every subpath is requirable from CommonJS and shares one CorsConfigError', () =>
    assertRequireLoadsEvery(consumer(), specifiers));

  test('a CorsConfigError thrown by the ESM build is instanceof the CommonJS class, and back', () => {
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const esm = await import('corsguard');
      const cjs = require('corsguard');
      if (esm.CorsConfigError === cjs.CorsConfigError) throw new Error('expected two copies of the class');
      for (const [thrower, catcher] of [[esm, cjs], [cjs, esm]]) {
        try { thrower.createCors({ origin: 'https://a.com/' }); throw new Error('no error'); }
        catch (error) { if (!(error instanceof catcher.CorsConfigError)) throw error; }
      }
      if (new Error('x') instanceof esm.CorsConfigError) throw new Error('a plain Error passed');
      console.log('dual ok');`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(work, 'consumer'),
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /dual ok/);
  });

  test('corsguard/schema.json is published and is a JSON Schema', () => {
    const script = `
      const schema = require('corsguard/schema.json');
      if (typeof schema.$schema !== 'string' || schema.type !== 'object' || !schema.properties.upstream) throw new Error('not the proxy schema');
      console.log('schema ok');`;
    writeFileSync(join(work, 'consumer', 'schema.cjs'), script);
    const result = spawnSync(process.execPath, ['schema.cjs'], { cwd: join(work, 'consumer'), encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /schema ok/);
  });

  test('typesVersions covers every subpath (TypeScript moduleResolution node10)', () => {
    const mapped = Object.keys(pkg.typesVersions?.['*'] ?? {});
    for (const subpath of subpaths.filter((s) => s !== '.')) {
      assert.ok(mapped.includes(subpath.slice(2)), `typesVersions lacks ${subpath}`);
    }
  });

  test('publint reports no problems', () => {
    const result = spawnSync(join(root, 'node_modules/.bin/publint'), ['--strict'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /All good/);
  });

  test('@arethetypeswrong/cli reports no problems', () => {
    const result = spawnSync(join(root, 'node_modules/.bin/attw'), [tarball, '--format', 'ascii'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /No problems found/);
  });
});
