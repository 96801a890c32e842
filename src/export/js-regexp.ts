// An origin RegExp carried into a front server's regex engine, or the reason it cannot be.
// Only the part of JavaScript's syntax that PCRE2 and RE2 read the same way is accepted.

/** Constructs with no equivalent in every target (RE2 has no look-around or back-references). */
const UNSUPPORTED: ReadonlyArray<readonly [RegExp, string]> = [
  [/\(\?<?[=!]/, 'look-around ((?=…), (?!…), (?<=…), (?<!…))'],
  [/\(\?<[A-Za-z]/, 'named groups'],
  [/\\[1-9]|\\k</, 'back-references'],
  [/\\[pPuc]|\\x\{/, 'Unicode and control escapes'],
  [/\[\^?\]/, 'empty classes ([] and [^])'],
  [/["'`%#\s]/, 'quotes, %, # or whitespace (no origin holds them)'],
];

/** The regex to give the target, or why it cannot be given. */
export function translateRegExp(regexp: RegExp): { readonly source: string } | { readonly problem: string } {
  const flags = regexp.flags.replace(/[gy]/g, '');
  if (flags !== '' && flags !== 'i') return { problem: `the flag${flags.length > 1 ? 's' : ''} '${flags}'` };
  for (const [pattern, what] of UNSUPPORTED) {
    if (pattern.test(regexp.source)) return { problem: what };
  }
  // `\/` is a literal slash in all three; `{` only ever as a quantifier.
  if (/(^|[^\\])\{(?!\d+(,\d*)?\})/.test(regexp.source)) return { problem: "a literal '{' (escape it as \\{)" };
  return { source: flags === 'i' ? `(?i)${regexp.source}` : regexp.source };
}
