// The fast loop runs bundles of its test files (scripts/unit-bundles.mjs): each module keeps its own
// `import.meta`, stacks point into the TypeScript sources, the files that import TypeScript at run
// time are the ones left to tsx, and its lines name the test files, not the bundles.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { unitTestFiles } from '../../scripts/test-tiers.mjs';
import { bundleTestFiles, TSX_AT_RUN_TIME } from '../../scripts/unit-bundles.mjs';
import { limitFor } from '../support/time-limits.ts';

const root = new URL('../../', import.meta.url).pathname;
// The fixtures' text: written whole, the bundler would rewrite it in this file's own bundle too.
const META = ['import', 'meta'].join('.');
let work = '';
let out = '';

before(() => {
  mkdirSync(join(root, '.test-results'), { recursive: true });
  work = mkdtempSync(join(root, '.test-results', 'unit-bundles-'));
  out = mkdtempSync(join(root, '.test-results', 'unit-bundles-out-'));
});
after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

/** Bundles `entry` (written with `helper.ts` beside it) and runs the bundle with source maps. */
async function runBundled(entry: string) {
  mkdirSync(join(work, 'nested'), { recursive: true });
  writeFileSync(
    join(work, 'nested', 'helper.ts'),
    `export const meta = { url: ${META}.url, dirname: ${META}.dirname, filename: ${META}.filename };\n`,
  );
  const file = join(work, 'entry.test.ts');
  writeFileSync(file, entry);
  const [bundle] = await bundleTestFiles([relative(process.cwd(), file)], out);
  const run = spawnSync(process.execPath, ['--enable-source-maps', bundle!], {
    encoding: 'utf8',
    timeout: limitFor(5_000),
  });
  return { bundle: bundle!, file, ...run };
}

test('import.meta: each bundled module keeps its own source file URL, folder and path', async () => {
  const { stdout, status, bundle, file } = await runBundled(
    `import { meta } from './nested/helper.ts';
const own = { url: ${META}.url, dirname: ${META}.dirname, filename: ${META}.filename };
console.log(JSON.stringify({ own, helper: meta }));
`,
  );
  assert.equal(status, 0);
  assert.notEqual(bundle, file);
  const helper = join(work, 'nested', 'helper.ts');
  assert.deepEqual(JSON.parse(stdout), {
    own: { url: pathToFileURL(file).href, dirname: work, filename: file },
    helper: { url: pathToFileURL(helper).href, dirname: join(work, 'nested'), filename: helper },
  });
});

test('stacks: an error thrown in a bundle names the TypeScript source and its line', async () => {
  const { stderr, status, file } = await runBundled(
    `const typed: string = 'from the source';
throw new Error(typed);
`,
  );
  assert.equal(status, 1);
  assert.match(stderr, new RegExp(`${file.replace(/[.]/g, '\\.')}:2:7`));
});

test('TSX_AT_RUN_TIME lists exactly the fast-loop files that import() a computed specifier', () => {
  const computed = /\bimport\((?!['"`]node:|'[^']*'\)|"[^"]*"\))/;
  const found = unitTestFiles(root)
    .filter((file) => computed.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
  // This file's own pattern would match itself.
  assert.deepEqual(
    found.filter((file) => file !== 'test/scripts/unit-bundles.test.ts'),
    [...TSX_AT_RUN_TIME].sort(),
  );
});

test('npm run test:unit names each test file once, by its source, with its counts', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/test-unit.mjs', 'test/core/trailing-dot.test.ts'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: limitFor(30_000),
      // Set when this file runs inside the fast loop or npm test: the inner loop is a run of its own.
      env: {
        ...process.env,
        NODE_TEST_CONTEXT: undefined,
        CORSGUARD_TEST_BUNDLE_DIR: undefined,
        CORSGUARD_TEST_DURATIONS: undefined,
        TEST_REPORTER: '',
      },
    },
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const fileLines = run.stdout.split('\n').filter((line) => line.includes('trailing-dot'));
  assert.equal(fileLines.length, 1, run.stdout);
  assert.match(fileLines[0]!, /^✔ test\/core\/trailing-dot\.test\.ts {2}\d+ passed {2}\(\d+\.\d s\)$/);
  assert.match(run.stdout, /^ℹ fail 0$/m);
});
