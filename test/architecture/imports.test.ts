// The layering rules of src/, read from its import graph: simulate has no import cycle, its concern
// folders depend on each other one way, core is pure, and nothing ships code from examples/ or test/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cycles, importEdges, readSources, specifiers, type ImportEdge } from './import-graph.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EDGES = importEdges(readSources(ROOT, 'src'));

const under = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
const inSimulate = under('src/simulate');

/** A simulate file's concern folder (src/simulate/cache, …); a file at the top stands for itself. */
function concernOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 3 ? parts.slice(0, 3).join('/') : file;
}

const concernEdges: ImportEdge[] = EDGES.filter(
  (edge) => inSimulate(edge.from) && inSimulate(edge.to) && concernOf(edge.from) !== concernOf(edge.to),
).map((edge) => ({ ...edge, from: concernOf(edge.from), to: concernOf(edge.to) }));

/** Edges that break a rule, as "from → to" lines (empty when the rule holds). */
const offending = (edges: readonly ImportEdge[]): string[] => edges.map((edge) => `${edge.from} → ${edge.to}`);

const rules = [
  {
    rule: 'src/simulate has no import cycle (type-only imports count)',
    broken: () => cycles(EDGES, inSimulate).map((cycle) => cycle.join(' ↔ ')),
  },
  {
    rule: "src/simulate's concern folders import each other one way",
    broken: () => cycles(concernEdges).map((cycle) => cycle.join(' ↔ ')),
  },
  {
    rule: 'src/core imports only src/core (no package, no node: built-in)',
    broken: () =>
      offending(EDGES.filter((edge) => under('src/core')(edge.from) && !(edge.relative && under('src/core')(edge.to)))),
  },
  {
    rule: 'src/simulate imports only src/simulate and src/core (it runs in the browser playground)',
    broken: () =>
      offending(
        EDGES.filter(
          (edge) => inSimulate(edge.from) && !(edge.relative && (inSimulate(edge.to) || under('src/core')(edge.to))),
        ),
      ),
  },
  {
    rule: 'src/http stands on src/core only (the layer adapters, gateway and exports share)',
    broken: () =>
      offending(
        EDGES.filter(
          (edge) =>
            under('src/http')(edge.from) && edge.relative && !under('src/http')(edge.to) && !under('src/core')(edge.to),
        ),
      ),
  },
  {
    rule: 'the gateway and the exports never reach into the adapters (they stand on src/http)',
    broken: () =>
      offending(
        EDGES.filter(
          (edge) =>
            (under('src/proxy')(edge.from) || under('src/export')(edge.from)) &&
            edge.relative &&
            under('src/adapters')(edge.to),
        ),
      ),
  },
  {
    rule: "a CLI command's folder imports its own files and src/cli/shared, never another command's (export reads the proxy's settings file: one file runs the gateway or exports it)",
    broken: () =>
      offending(
        EDGES.filter((edge) => {
          const command = /^src\/cli\/(check|audit|proxy|export)\//.exec(edge.from)?.[1];
          const other = /^src\/cli\/(check|audit|proxy|export)\//.exec(edge.to)?.[1];
          if (!edge.relative || command === undefined || other === undefined || other === command) return false;
          return !(command === 'export' && other === 'proxy' && /proxy-(settings|args)\.ts$/.test(edge.to));
        }),
      ),
  },
  {
    rule: 'nothing under src/ imports examples/ or test/',
    broken: () =>
      offending(
        EDGES.filter(
          (edge) =>
            edge.relative && (under('examples')(edge.to) || under('test')(edge.to) || !edge.to.startsWith('src/')),
        ),
      ),
  },
];

describe('architecture: src/ import rules', () => {
  test('the graph covers src/ (simulate and core files are found, with their imports)', () => {
    assert.ok(
      EDGES.some((edge) => edge.from === 'src/simulate/index.ts' && edge.to === 'src/simulate/simulate-fetch.ts'),
    );
    assert.ok(EDGES.some((edge) => under('src/core')(edge.from)));
  });
  for (const row of rules) {
    test(row.rule, () => assert.deepEqual(row.broken(), []));
  }
});

const sources = (files: Record<string, string>) => new Map(Object.entries(files));

const detection: { rule: string; files: Record<string, string>; expected: string[][] }[] = [
  {
    rule: 'two files importing each other are a cycle',
    files: { 'src/a.ts': "import { b } from './b.ts';", 'src/b.ts': "import { a } from './a.ts';" },
    expected: [['src/a.ts', 'src/b.ts']],
  },
  {
    rule: 'type-only imports and export-from count, across lines and folders',
    files: {
      'src/a.ts': "import type {\n  B,\n  C,\n} from './x/b.ts';",
      'src/x/b.ts': "export { c } from './c';",
      'src/x/c.ts': "export * from '../a.js';",
    },
    expected: [['src/a.ts', 'src/x/b.ts', 'src/x/c.ts']],
  },
  {
    rule: 'a file importing itself is a cycle',
    files: { 'src/a.ts': "import a from './a.ts';" },
    expected: [['src/a.ts']],
  },
  {
    rule: 'dynamic and side-effect imports count; a folder import names its index.ts',
    files: {
      'src/a.ts': "await import('./b.ts');",
      'src/b.ts': "import './c';",
      'src/c/index.ts': "import { a } from '../a.ts';",
    },
    expected: [['src/a.ts', 'src/b.ts', 'src/c/index.ts']],
  },
  {
    rule: 'imports running one way are no cycle',
    files: {
      'src/a.ts': "import { b } from './b.ts';\nimport { c } from './c.ts';",
      'src/b.ts': "import { c } from './c.ts';",
      'src/c.ts': "import { readFileSync } from 'node:fs';",
    },
    expected: [],
  },
  {
    rule: 'a template string reading "from \'…\'" is no import',
    files: {
      'src/a.ts': "import { b } from './b.ts';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the row is source text holding a template literal
      'src/b.ts': "export const text = `redirected from '${'./a.ts'}'`;\nconst s = \"taken from './a.ts'\";",
    },
    expected: [],
  },
];

describe('architecture: the import graph reader', () => {
  for (const row of detection) {
    test(row.rule, () => assert.deepEqual(cycles(importEdges(sources(row.files))), row.expected));
  }
  test('non-relative specifiers are kept as written', () => {
    const edges = importEdges(sources({ 'src/a.ts': "import { x } from 'node:fs';\nimport y, { z } from 'hono';" }));
    assert.deepEqual(
      edges.map(({ to, relative }) => ({ to, relative })),
      [
        { to: 'node:fs', relative: false },
        { to: 'hono', relative: false },
      ],
    );
  });
  test('specifiers reads every import form', () => {
    assert.deepEqual(
      specifiers(
        "import * as a from './a.ts';\nexport type { B } from './b.ts';\nimport './c.ts';\nconst d = await import('./d.ts');",
      ),
      ['./a.ts', './b.ts', './c.ts', './d.ts'],
    );
  });
});
