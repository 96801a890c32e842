// A command's --help text, read for what each flag takes and does: the CLI reference shows the
// same words `corsguard <command> --help` prints.

export interface HelpEntry {
  /** The value placeholder: `<origin>`, `'N: v'`; empty for a switch. */
  readonly value: string;
  readonly description: string;
}

const ENTRY = /^ {2}(?:-\w, )?\s*--([a-z][a-z-]*)(?: (<[^>]+>|'[^']+'))?(?: +(.*))?$/;

/** Each `--flag` line of the help's Options section, with its continuation lines. */
export function helpEntries(help: string): Map<string, HelpEntry> {
  const entries = new Map<string, { value: string; lines: string[] }>();
  let current: { value: string; lines: string[] } | undefined;
  const lines = help.split('\n');
  const start = lines.indexOf('Options:');
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const match = ENTRY.exec(line);
    if (match && !line.includes(': as for')) {
      current = { value: match[2] ?? '', lines: match[3] ? [match[3]] : [] };
      entries.set(match[1]!, current);
    } else if (current && /^ {6,}\S/.test(line) && !line.trimStart().startsWith('-')) {
      current.lines.push(line.trim());
    } else {
      current = undefined;
    }
  }
  return new Map(
    [...entries].map(([name, entry]) => [
      name,
      {
        value: entry.value,
        description: entry.lines.reduce(
          (text, line) => (text === '' ? line : text.endsWith('-') ? text + line : `${text} ${line}`),
          '',
        ),
      },
    ]),
  );
}

/** The help up to its Options section: usage lines and the description. */
export function helpIntro(help: string): { usage: string[]; description: string } {
  const [head = ''] = help.split('\nOptions:');
  const paragraphs = head.trim().split(/\n\n/);
  const usage = (paragraphs.shift() ?? '').split('\n').map((line) => line.replace(/^Usage: /, '').trim());
  return { usage, description: paragraphs.join('\n\n') };
}

/** Text after a heading such as "Exit status:" up to the next blank line. */
export function helpSection(help: string, heading: string): string | undefined {
  const at = help.indexOf(`\n${heading}`);
  if (at === -1) return undefined;
  return help
    .slice(at + heading.length + 1)
    .split('\n\n')[0]!
    .trim();
}
