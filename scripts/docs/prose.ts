// The hand-written prose for each code: docs/codes/prose/<kind>.md, one "## code" section per code.
import { readFileSync } from 'node:fs';
import type { DocsKind } from '../../src/core/docs-url.ts';

export interface Prose {
  readonly code: string;
  /** The "key: value" lines right under the heading (option:, status:). */
  readonly fields: Readonly<Record<string, string>>;
  /** The rest of the section, Markdown. */
  readonly body: string;
}

export const proseFile = (kind: DocsKind): URL => new URL(`../../docs/codes/prose/${kind}.md`, import.meta.url);

export function readProse(kind: DocsKind): Map<string, Prose> {
  const text = readFileSync(proseFile(kind), 'utf8').replace(/<!--[\s\S]*?-->\n*/, '');
  const sections = new Map<string, Prose>();
  for (const part of text.split(/^## /m).slice(1)) {
    const [heading = '', ...rest] = part.split('\n');
    const code = heading.trim();
    if (sections.has(code)) throw new Error(`docs/codes/prose/${kind}.md: ${code} has two sections`);
    const fields: Record<string, string> = {};
    while (rest.length > 0 && /^[a-z]+: /.test(rest[0]!)) {
      const line = rest.shift()!;
      fields[line.slice(0, line.indexOf(':'))] = line.slice(line.indexOf(':') + 2).trim();
    }
    sections.set(code, { code, fields, body: rest.join('\n').trim() });
  }
  return sections;
}
