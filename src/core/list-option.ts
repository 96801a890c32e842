import type { IssueList } from './errors.ts';

/** Normalises a string-or-array option into `[path, string]` pairs, reporting non-strings. */
export function listOption(option: unknown, name: string, issues: IssueList): Array<[string, string]> {
  if (option === undefined) return [];
  if (typeof option === 'string') return [[name, option]];
  if (!Array.isArray(option)) {
    issues.report(
      'not-a-list',
      name,
      `must be a string or an array of strings, got ${option === null ? 'null' : typeof option}.`,
    );
    return [];
  }
  const out: Array<[string, string]> = [];
  option.forEach((value: unknown, index) => {
    const path = `${name}[${index}]`;
    if (typeof value === 'string') out.push([path, value]);
    else issues.report('not-a-string', path, `must be a string, got ${value === null ? 'null' : typeof value}.`);
  });
  return out;
}
