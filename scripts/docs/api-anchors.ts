// TypeDoc's markdown numbers an anchor (`#configissuecode-1`) when a name is used twice anywhere in
// a module (a type and a constant in another case), but VitePress numbers only headings that repeat
// on the page, so some links pointed nowhere (the site test's link checker found them). Each
// `#name-N` link whose page has fewer than N + 1 headings named `name` goes to the first of them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Heading text as VitePress slugs a plain identifier heading: lower case, `-` for anything else. */
export function headingSlug(text: string): string {
  return text
    .replace(/[`\\*_<>()[\]]/g, (char) => (char === '_' ? '_' : ''))
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function fixAnchors(markdown: string): string {
  const counts = new Map<string, number>();
  for (const match of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = headingSlug(match[1]!);
    counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  return markdown.replace(/\]\(#([^)\s]+)-(\d+)\)/g, (link, base: string, n: string) =>
    (counts.get(base) ?? 0) <= Number(n) && counts.has(base) && !counts.has(`${base}-${n}`) ? `](#${base})` : link,
  );
}

export function fixApiAnchors(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    const fixed = fixAnchors(text);
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  fixApiAnchors(new URL('../../docs/reference/api/', import.meta.url).pathname);
