// Writes the generated pages of the documentation site (docs/): one per code, the CLI and options
// references, and the sidebar of the codes. Run by `npm run docs:build` and `docs:dev` before
// VitePress; the output is ignored by git (.gitignore), so it always comes from the current code.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { DOCS_KINDS, docsPath, type DocsKind } from '../../src/core/docs-url.ts';
import { catalogueCodes, KIND_TITLES } from './catalogues.ts';
import { cliPage } from './cli-page.ts';
import { codePage, codesIndex } from './code-pages.ts';
import { optionsPage } from './options-page.ts';
import { readProse } from './prose.ts';

const docs = new URL('../../docs/', import.meta.url);

function write(path: string, text: string): void {
  const file = new URL(path, docs);
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, text);
}

/** Codes without prose, and prose for codes that do not exist: both fail the generation. */
export function proseProblems(codes: Record<DocsKind, readonly string[]>): string[] {
  return DOCS_KINDS.flatMap((kind) => {
    const prose = readProse(kind);
    return [
      ...codes[kind]
        .filter((code) => !prose.has(code))
        .map((code) => `${kind} code ${code} has no section in docs/codes/prose/${kind}.md`),
      ...[...prose.keys()]
        .filter((code) => !codes[kind].includes(code))
        .map((code) => `docs/codes/prose/${kind}.md describes ${code}, which ${kind} does not have`),
    ];
  });
}

export function generate(): void {
  const codes = catalogueCodes();
  const problems = proseProblems(codes);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  for (const kind of DOCS_KINDS) {
    rmSync(new URL(`codes/${kind}/`, docs), { recursive: true, force: true });
    const prose = readProse(kind);
    for (const code of codes[kind]) write(`${docsPath(kind, code)}.md`, codePage(kind, code, prose.get(code)!));
  }
  write('codes/index.md', codesIndex(codes));
  write('reference/cli.md', cliPage());
  write('reference/options.md', optionsPage());
  const sidebar = DOCS_KINDS.map((kind) => ({
    text: KIND_TITLES[kind].title,
    collapsed: true,
    items: codes[kind].map((code) => ({ text: code, link: `/${docsPath(kind, code)}` })),
  }));
  write('.vitepress/generated/codes-sidebar.json', `${JSON.stringify(sidebar, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) generate();
