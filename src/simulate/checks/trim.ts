// Trims by index. A regex such as /[\t ]+$/ is retried from every character of a whitespace run
// that does not end the string, each retry scanning the rest of the run: quadratic in the run's
// length (a 15 kB header of spaces took 0.2 s). These scans touch each character at most twice.

/** `value` without trailing characters from `set`. */
export function trimEndSet(value: string, set: string): string {
  let end = value.length;
  while (end > 0 && set.includes(value.charAt(end - 1))) end -= 1;
  return value.slice(0, end);
}

/** `value` without leading or trailing characters from `set`. */
export function trimSet(value: string, set: string): string {
  let start = 0;
  while (start < value.length && set.includes(value.charAt(start))) start += 1;
  return trimEndSet(value.slice(start), set);
}

/** HTTP tab or space (https://fetch.spec.whatwg.org/#http-tab-or-space). */
export const HTTP_TAB_OR_SPACE = '\t ';
/** HTTP whitespace (https://fetch.spec.whatwg.org/#http-whitespace). */
export const HTTP_WHITESPACE = '\t\n\r ';
