// Whether the documentation site has a page for a code: the generator (scripts/docs) writes one page
// per `## code` section of docs/codes/prose/<kind>.md and fails on a code without one, so the prose
// is the committed record of the pages (the generated pages themselves are not in git).
import { readFileSync } from 'node:fs';

const sections = new Map<string, Set<string>>();

export function hasDocsPage(kind: string, code: string): boolean {
  let codes = sections.get(kind);
  if (codes === undefined) {
    const prose = readFileSync(new URL(`../../docs/codes/prose/${kind}.md`, import.meta.url), 'utf8');
    codes = new Set([...prose.matchAll(/^## (\S+)\s*$/gm)].map((match) => match[1] ?? ''));
    sections.set(kind, codes);
  }
  return codes.has(code);
}
