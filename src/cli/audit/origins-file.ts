// --origins-file: the origins an organisation knows, trusted (must work) and untrusted (must never be allowed).

export interface OriginLists {
  readonly trusted: string[];
  readonly untrusted: string[];
}

type Kind = keyof OriginLists;

const SECTION = /^\[(trusted|untrusted)\]$/i;
const PREFIX = /^(trusted|untrusted)\s*:\s*(.*)$/i;

/** Why `value` is not an http(s) origin (scheme://host[:port], serialised), or undefined. */
export function originProblem(value: string): string | undefined {
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value) return undefined;
    if (url.protocol === 'http:' || url.protocol === 'https:') return `is not an origin: did you mean ${url.origin}?`;
  } catch {
    // below
  }
  return 'is not an origin: scheme://host[:port], no path or trailing slash';
}

/**
 * One origin a line; `#` starts a comment (a whole line, or after white space); blank lines are
 * skipped. `[trusted]` and `[untrusted]` start sections (lines before any section are trusted), and
 * a `trusted:` or `untrusted:` prefix decides for one line. Every problem is reported at once, each
 * as `file:line: …`; an origin in both lists is a problem.
 */
export function parseOriginsFile(text: string, file: string): { lists: OriginLists; problems: string[] } {
  const lists: OriginLists = { trusted: [], untrusted: [] };
  const problems: string[] = [];
  const seen = new Map<string, { kind: Kind; line: number }>();
  let section: Kind = 'trusted';
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') return;
    const header = SECTION.exec(content);
    if (header) {
      section = (header[1] ?? '').toLowerCase() as Kind;
      return;
    }
    if (/^\[.*\]$/.test(content)) {
      problems.push(`${file}:${line}: unknown section ${content} (use [trusted] or [untrusted])`);
      return;
    }
    const prefixed = PREFIX.exec(content);
    const kind = prefixed ? ((prefixed[1] ?? '').toLowerCase() as Kind) : section;
    const origin = prefixed ? (prefixed[2] ?? '').trim() : content;
    const problem = originProblem(origin);
    if (problem !== undefined) {
      problems.push(`${file}:${line}: '${origin}' ${problem}`);
      return;
    }
    const before = seen.get(origin);
    if (before === undefined) {
      seen.set(origin, { kind, line });
      lists[kind].push(origin);
    } else if (before.kind !== kind) {
      problems.push(`${file}:${line}: ${origin} is ${kind} here but ${before.kind} on line ${before.line}`);
    }
  });
  return { lists, problems };
}
