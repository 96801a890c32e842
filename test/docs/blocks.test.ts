// Every code block on every page of the site (docs/, the generated pages included) says how it is
// tested, and every TypeScript block type-checks under the strictest settings a user's project may
// have; every program its comment says can run is run as written, as test/readme runs the README's
// (the same runners: servers answer a preflight, a refused preflight and an actual request over
// HTTP, in Node, Deno or Bun; Workers and Next.js modules are called with Requests; scripts exit 0).
// `corsguard/…` imports resolve to the built package (dist/). The configuration, decision and
// simulator examples run on the source in test/docs/catalogues.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { commands } from '../../scripts/docs/cli-page.ts';
import { generate } from '../../scripts/docs/generate.ts';
import {
  BLOCK_LIMIT,
  LISTEN_LIMIT,
  RUNNABLE_KINDS,
  runBlock,
  type RunnableBlock,
  type RunnableKind,
} from '../readme/block-runners.ts';
import { strictWorkspace } from '../support/strict-blocks.ts';
import { limitFor } from '../support/time-limits.ts';
import { blocksOf, isCode, pageFiles, TYPECHECKED_KINDS, type DocsBlock } from './support/pages.ts';

const root = new URL('../../', import.meta.url).pathname;
// tsc checks the site's ~150 blocks in about 20 s on a quiet machine.
const TYPECHECK_LIMIT = limitFor(25_000);
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
    const unmarked = code
      .filter((block) => block.kind === undefined || !TYPECHECKED_KINDS.has(block.kind))
      .map((block) => `${block.where} (${block.kind ?? 'no comment'})`);
    assert.deepEqual(
      unmarked,
      [],
      'put <!-- docs-test: kind --> on the line before each (kinds: test/docs/support/pages.ts)',
    );
  });

  test('every corsguard command line in a shell block uses flags its command parses', () => {
    const spellings = new Map(
      commands().map(({ command, flags }) => [
        command,
        new Set(flags.flatMap((flag) => [`--${flag.name}`, ...(flag.short ? [`-${flag.short}`] : [])])),
      ]),
    );
    for (const flag of spellings.get('proxy') ?? []) spellings.get('export')?.add(flag);
    const unknown: string[] = [];
    for (const block of blocks.filter((candidate) => candidate.lang === 'sh' || candidate.lang === 'bash')) {
      for (const line of block.code.replace(/\\\n\s*/g, ' ').split('\n')) {
        const match = /\bcorsguard (check|audit|proxy|export)\b(.*)/.exec(line.replace(/#.*$/, ''));
        if (!match) continue;
        const known = spellings.get(match[1]!)!;
        for (const token of match[2]!.split(/\s+/)) {
          const flag = token.replace(/=.*$/, '');
          if (/^--?[a-zA-Z]/.test(flag) && !known.has(flag))
            unknown.push(`${block.where}: corsguard ${match[1]} ${flag}`);
        }
      }
    }
    assert.deepEqual(unknown, []);
  });

  test('every JSON block parses', () => {
    const broken = blocks
      .filter((block) => block.lang === 'json')
      .flatMap((block) => {
        try {
          JSON.parse(block.code);
          return [];
        } catch (error) {
          return [`${block.where}: ${(error as Error).message}`];
        }
      });
    assert.deepEqual(broken, []);
  });

  test('every TypeScript block type-checks under strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess', {
    timeout: TYPECHECK_LIMIT + 5_000,
  }, () => {
    for (const block of blocks.filter(isCode)) writeFileSync(join(work, fileName(block)), block.code);
    const result = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', work], {
      encoding: 'utf8',
      timeout: TYPECHECK_LIMIT,
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });

  // The blocks are known only once the pages are generated, so they are read here too.
  generate();
  for (const block of pageFiles().flatMap(blocksOf)) {
    if (block.kind === undefined || !RUNNABLE_KINDS.has(block.kind)) continue;
    const [method = 'GET', path = '/'] = (block.argument ?? '').split(' ');
    const runnable: RunnableBlock = {
      name: fileName(block).replace(/\.ts$/, ''),
      code: block.code,
      kind: block.kind as RunnableKind,
      method,
      path,
    };
    test(
      `${block.where} (${block.kind} ${block.argument ?? ''}) runs as written`,
      { timeout: BLOCK_LIMIT + LISTEN_LIMIT },
      () => runBlock(runnable, work),
    );
  }
});
