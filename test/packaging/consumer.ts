// A consumer project of the packed package: which specifiers it can import, and a check that every
// one of them loads, from ESM and from CommonJS, sharing one CorsConfigError per module system.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface PackageJson {
  readonly exports: Record<string, unknown>;
}

/** The code entry points (data files, package.json and the proxy's schema.json, are checked on their own). */
export function codeSubpaths(pkg: PackageJson): string[] {
  return Object.keys(pkg.exports).filter((key) => !key.endsWith('.json'));
}

export function specifierOf(subpath: string): string {
  return subpath === '.' ? 'corsguard' : `corsguard/${subpath.slice(2)}`;
}

// Each loads every specifier, fails on one that exports nothing, and checks that the node adapter
// throws the root entry's CorsConfigError; `load` is `await import` or `require`.
const body = (load: string, specifiers: string[], done: string) => `
  const { CorsConfigError } = ${load}('corsguard');
  for (const specifier of ${JSON.stringify(specifiers)}) {
    const mod = ${load}(specifier);
    if (Object.keys(mod).length === 0) throw new Error(specifier + ' exports nothing');
  }
  const { cors } = ${load}('corsguard/node');
  try { cors({ origin: 'https://a.com/' }); throw new Error('no error'); }
  catch (error) { if (!(error instanceof CorsConfigError)) throw error; }
  console.log('${done}');`;

export function assertEsmImportsEvery(consumer: string, specifiers: string[]): void {
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', body('await import', specifiers, 'esm ok')],
    { cwd: consumer, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /esm ok/);
}

export function assertRequireLoadsEvery(consumer: string, specifiers: string[]): void {
  writeFileSync(join(consumer, 'consumer.cjs'), body('require', specifiers, 'cjs ok'));
  const result = spawnSync(process.execPath, ['consumer.cjs'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /cjs ok/);
}
