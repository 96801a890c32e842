// Every TypeScript block in README.md runs as written (issue: quick starts with undefined names and
// no listen call). Each block carries a `<!-- readme-test: … -->` comment (readme-blocks.ts):
// Node servers are started for real (on a free port, see free-port-preload.ts) and answer a
// preflight, a refused preflight and an actual request over a socket; Deno and Bun blocks run in
// those runtimes' real binaries the same way; the Workers and Next.js route blocks are imported and
// called with Requests; scripts must exit 0; every block except fragments must also type-check, under
// the strictest settings a user's project may have.
// `corsguard/…` imports resolve to the built package (dist/, which `npm test` builds first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { strictWorkspace } from '../support/strict-blocks.ts';
import { limitFor } from '../support/time-limits.ts';
import { BLOCK_LIMIT, LISTEN_LIMIT, runBlock, type RunnableKind } from './block-runners.ts';
import { readmeBlocks, type ReadmeBlock } from './readme-blocks.ts';

const root = new URL('../../', import.meta.url).pathname;
const blocks = readmeBlocks(new URL('README.md', pathToFileURL(root)));
// On a quiet machine tsc checks every block in about 15 s.
const TYPECHECK_LIMIT = limitFor(30_000);
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
let work = '';

before(() => {
  work = strictWorkspace('readme');
});
after(() => rmSync(work, { recursive: true, force: true }));

const nameOf = (block: ReadmeBlock) => `readme-line-${block.line}`;

describe('README.md code blocks', () => {
  test('every TypeScript block says how it is tested (a readme-test comment on the line before it)', () => {
    assert.ok(blocks.length > 0);
    const unmarked = blocks.filter((block) => block.kind === undefined).map((block) => `README.md:${block.line}`);
    assert.deepEqual(
      unmarked,
      [],
      'put <!-- readme-test: kind [METHOD PATH] --> on the line before each (kinds: test/readme/readme-blocks.ts)',
    );
  });

  for (const block of blocks) {
    if (block.kind === undefined || block.kind === 'fragment' || block.kind === 'module') continue;
    const first =
      block.code
        .split('\n')
        .find((line) => line.startsWith('//'))
        ?.slice(3) ?? block.code.split('\n')[0];
    test(
      `README.md:${block.line} (${block.kind}: ${first}) runs as written`,
      { timeout: BLOCK_LIMIT + LISTEN_LIMIT },
      () => runBlock({ ...block, name: nameOf(block), kind: block.kind as RunnableKind }, work),
    );
  }

  test('every block except fragments type-checks under strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess', {
    timeout: TYPECHECK_LIMIT + 5_000,
  }, () => {
    for (const block of blocks)
      if (block.kind !== undefined && block.kind !== 'fragment')
        writeFileSync(join(work, `${nameOf(block)}.ts`), block.code);
    const result = spawnSync(bin('tsc'), ['-p', work], { encoding: 'utf8', timeout: TYPECHECK_LIMIT });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
});
