// RFC 9110 §5.6.2: token = 1*tchar
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(value: string): boolean {
  return TCHAR.test(value);
}

/** HTTP whitespace as Fetch defines it for header values (§2.2): tab and space (plus CR, LF). */
export function trimHttpWhitespace(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}
