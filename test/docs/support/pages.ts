// The site's Markdown pages and their code blocks. Each TypeScript block carries a
// `<!-- docs-test: kind [args] -->` comment on the line before it, like the README's blocks
// (test/readme/readme-blocks.ts), which says how test/docs checks it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DOCS = new URL('../../../docs/', import.meta.url).pathname;

/**
 * - the README's kinds (`node-server`, `worker`, `route-module`, `next-proxy`, `deno`, `bun`,
 *   `module`): a complete program or module; it must type-check (test/readme starts the README's
 *   copy of each quick start over HTTP);
 * - `script`: type-checked, then run with Node; it must exit with status 0;
 * - `throws CODE`: type-checked, then run; it must throw a CorsConfigError with an issue CODE;
 * - `verdict REASON`: type-checked, then run; its default export is a simulator verdict with
 *   that reason;
 * - `decision REASON`: type-checked, then run; its default export is the engine's decision with
 *   that reason.
 * No `fragment`: every block on the site is a whole program.
 */
export const TYPECHECKED_KINDS = new Set([
  'node-server',
  'worker',
  'route-module',
  'next-proxy',
  'deno',
  'bun',
  'module',
  'script',
  'throws',
  'verdict',
  'decision',
]);

export interface DocsBlock {
  /** Relative to docs/, with the line of its opening fence: `start/express.md:12`. */
  readonly where: string;
  readonly lang: string;
  readonly code: string;
  /** Undefined when the line before the block has no docs-test comment. */
  readonly kind: string | undefined;
  readonly argument: string | undefined;
}

const MARKER = /^<!-- docs-test: (\S+)(?: (.+?))? -->$/;
const CODE_LANGS = new Set(['ts', 'typescript', 'js', 'javascript', 'tsx', 'mjs']);

/** Every page of the site: the hand-written ones and, once generated, the generated ones; API pages (TypeDoc) aside. */
export function pageFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory())
        return ['.vitepress', 'prose', 'api', 'node_modules'].includes(entry.name) ? [] : walk(path);
      return entry.name.endsWith('.md') ? [path] : [];
    });
  return walk(DOCS).sort();
}

export function blocksOf(file: string): DocsBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: DocsBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)/.exec(lines[i]!);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end === -1) throw new Error(`${file}:${i + 1}: code block never closed`);
    const marker = MARKER.exec(lines[i - 1] ?? '');
    blocks.push({
      where: `${relative(DOCS, file)}:${i + 1}`,
      lang: fence[1] ?? '',
      code: `${lines.slice(i + 1, end).join('\n')}\n`,
      kind: marker?.[1],
      argument: marker?.[2],
    });
    i = end;
  }
  return blocks;
}

export const isCode = (block: DocsBlock): boolean => CODE_LANGS.has(block.lang);
