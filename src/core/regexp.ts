import type { IssueList } from './errors.ts';

/**
 * Accepts a RegExp only when it is anchored at both ends and has no top-level alternation that would
 * undo the anchors (`/^https:\/\/a\.com|https:\/\/b\.com$/`). Returns a copy without the `g` and `y`
 * flags, whose `lastIndex` state makes every other `test()` fail.
 */
export function checkAnchoredRegExp(regexp: RegExp, path: string, issues: IssueList): RegExp | undefined {
  const source = regexp.source;
  const endsWithAnchor = source.endsWith('$') && !isEscaped(source, source.length - 1);
  if (!source.startsWith('^') || !endsWithAnchor) {
    issues.report(
      'origin-regexp-unanchored',
      path,
      `${String(regexp)} is not anchored, so it also matches origins that merely contain the text (e.g. 'https://example.com.evil.net'); write it as /^…$/, e.g. /^https:\\/\\/(a|b)\\.example\\.com$/.`,
    );
    return undefined;
  }
  if (hasTopLevelAlternation(source)) {
    issues.report(
      'origin-regexp-alternation',
      path,
      `${String(regexp)} has a top-level '|', so the anchors only bind its first and last alternatives; group the alternatives: /^(?:a|b)$/.`,
    );
    return undefined;
  }
  const flags = regexp.flags.replace(/[gy]/g, '');
  return flags === regexp.flags ? regexp : new RegExp(source, flags);
}

function isEscaped(source: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && source[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    } else if (ch === '|' && depth === 0) {
      return true;
    }
  }
  return false;
}
