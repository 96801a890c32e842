// The README's TypeScript code blocks, each with the `<!-- readme-test: kind method path -->`
// comment on the line before it that says how the README test runs it.
import { readFileSync } from 'node:fs';

/**
 * - `node-server METHOD PATH`: run with Node; it must listen and answer CORS on PATH.
 * - `worker METHOD PATH`: a module whose default export has `fetch(request)` (Cloudflare Workers).
 * - `route-module METHOD PATH`: a module exporting `OPTIONS` and METHOD handlers (Next.js routes).
 * - `next-proxy METHOD PATH`: a Next.js `proxy.ts`/`middleware.ts` module exporting `proxy`.
 * - `deno METHOD PATH`, `bun METHOD PATH`: run in that runtime; it must serve and answer CORS.
 * - `script`: run with Node; it must exit with status 0.
 * - `module`: a whole module that is not run here (it needs a framework to call it, or the
 *   network): it must type-check.
 * - `fragment`: part of a larger program; neither run nor type-checked.
 */
export type BlockKind =
  | 'node-server'
  | 'worker'
  | 'route-module'
  | 'next-proxy'
  | 'deno'
  | 'bun'
  | 'script'
  | 'module'
  | 'fragment';

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** Undefined when the block has no readme-test comment (the test reports it). */
  readonly kind: BlockKind | undefined;
  readonly method: string;
  readonly path: string;
}

const KINDS = new Set<string>([
  'node-server',
  'worker',
  'route-module',
  'next-proxy',
  'deno',
  'bun',
  'script',
  'module',
  'fragment',
]);
const MARKER = /^<!-- readme-test: (\S+)(?: (\S+) (\S+))? -->$/;

export function readmeBlocks(file: URL): ReadmeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)/.exec(lines[i]!);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end === -1) throw new Error(`README.md:${i + 1}: code block never closed`);
    if (fence[1] === 'ts' || fence[1] === 'typescript') {
      const marker = MARKER.exec(lines[i - 1] ?? '');
      const kind = marker && KINDS.has(marker[1]!) ? (marker[1] as BlockKind) : undefined;
      blocks.push({
        line: i + 1,
        code: `${lines.slice(i + 1, end).join('\n')}\n`,
        kind,
        method: marker?.[2] ?? 'GET',
        path: marker?.[3] ?? '/',
      });
    }
    i = end;
  }
  return blocks;
}
