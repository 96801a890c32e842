// RFC 9110 §5.6.2: token = 1*tchar
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(value: string): boolean {
  return TCHAR.test(value);
}
