// The import graph of a source tree, read with regular expressions (static `import … from`,
// `export … from`, side-effect `import '…'` and dynamic `import('…')`), and its cycles.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

/** One import: the file that has it, and what it names (a resolved file, or the specifier as written). */
export interface ImportEdge {
  readonly from: string;
  /** A repository-relative path for a relative import; the specifier itself ('node:fs', 'hono') otherwise. */
  readonly to: string;
  readonly relative: boolean;
}

const STATIC =
  /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(?:\{[^{}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+)\s+from\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The specifiers a file imports, in the order written. */
export function specifiers(source: string): string[] {
  return [STATIC, SIDE_EFFECT, DYNAMIC].flatMap((pattern) =>
    [...source.matchAll(pattern)].map((match) => match[1] as string),
  );
}

/** `./x.js` and `./x` name `x.ts`; a folder names its `index.ts`. */
function resolve(from: string, specifier: string, files: ReadonlySet<string>): string {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [base, base.replace(/\.(m?js)$/, '.ts'), `${base}.ts`, `${base}/index.ts`];
  return candidates.find((candidate) => files.has(candidate)) ?? base;
}

/** The edges of a set of files given as path → source text (paths with '/'). */
export function importEdges(sources: ReadonlyMap<string, string>): ImportEdge[] {
  const files = new Set(sources.keys());
  return [...sources].flatMap(([from, source]) =>
    specifiers(source).map((specifier) => {
      const isRelative = specifier.startsWith('.');
      return { from, to: isRelative ? resolve(from, specifier, files) : specifier, relative: isRelative };
    }),
  );
}

/** Every .ts file below `dir`, keyed by its path relative to `root`, with '/' separators. */
export function readSources(root: string, dir: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts'))
        sources.set(relative(root, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(join(root, dir));
  return sources;
}

/**
 * The import cycles among the edges whose both ends satisfy `within`: each strongly connected
 * component of more than one file (or a file importing itself), its files sorted (Tarjan's algorithm).
 */
export function cycles(edges: readonly ImportEdge[], within: (file: string) => boolean = () => true): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!within(from) || !within(to)) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (next.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return found.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}
