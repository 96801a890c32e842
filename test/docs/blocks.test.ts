// Every code block on every page of the site (docs/, the generated pages included) says how it is
// tested, and every TypeScript block type-checks under the strictest settings a user's project may
// have; `script` blocks also run. `corsguard/…` imports resolve to the built package (dist/), as in
// test/readme. The configuration and simulator examples also run in test/docs/catalogues.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generate } from '../../scripts/docs/generate.ts';
import { strictWorkspace } from '../support/strict-blocks.ts';
import { limitFor } from '../support/time-limits.ts';
import { blocksOf, isCode, pageFiles, TYPECHECKED_KINDS, type DocsBlock } from './support/pages.ts';

const root = new URL('../../', import.meta.url).pathname;
// tsc checks the site's ~150 blocks in about 20 s on a quiet machine; a script runs in about 2 s.
const TYPECHECK_LIMIT = limitFor(25_000);
const SCRIPT_LIMIT = limitFor(3_000);
let work = '';
let blocks: DocsBlock[] = [];

before(() => {
  generate();
  blocks = pageFiles().flatMap(blocksOf);
  work = strictWorkspace('docs');
});
after(() => rmSync(work, { recursive: true, force: true }));

const fileName = (block: DocsBlock) => `${block.where.replace(/[/:.]/g, '-')}.ts`;

describe('docs code blocks', () => {
  test('every TypeScript or JavaScript block says how it is tested (a docs-test comment the line before it)', () => {
    const code = blocks.filter(isCode);
    assert.ok(code.length > 100, `only ${code.length} blocks found`);
    const unmarked = code.filter((block) => block.kind === undefined || !TYPECHECKED_KINDS.has(block.kind)).map((block) => `${block.where} (${block.kind ?? 'no comment'})`);
    assert.deepEqual(unmarked, [], 'put <!-- docs-test: kind --> on the line before each (kinds: test/docs/support/pages.ts)');
  });

  test('every JSON block parses', () => {
    const broken = blocks.filter((block) => block.lang === 'json').flatMap((block) => {
      try {
        JSON.parse(block.code);
        return [];
      } catch (error) {
        return [`${block.where}: ${(error as Error).message}`];
      }
    });
    assert.deepEqual(broken, []);
  });

  test('every TypeScript block type-checks under strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess', { timeout: TYPECHECK_LIMIT + 5_000 }, () => {
    for (const block of blocks.filter(isCode)) writeFileSync(join(work, fileName(block)), block.code);
    const result = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', work], { encoding: 'utf8', timeout: TYPECHECK_LIMIT });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });

  test('every script block exits with status 0', { timeout: SCRIPT_LIMIT * 10 }, () => {
    const scripts = blocks.filter((block) => block.kind === 'script');
    assert.ok(scripts.length > 0);
    for (const block of scripts) {
      const file = join(work, fileName(block));
      writeFileSync(file, block.code);
      const result = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: work, encoding: 'utf8', timeout: SCRIPT_LIMIT, env: { ...process.env, NODE_TEST_CONTEXT: undefined } });
      assert.equal(result.status, 0, `${block.where}\n${result.stderr}`);
    }
  });
});
