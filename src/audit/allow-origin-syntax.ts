import { trimEndSet } from '../simulate/checks/trim.ts';

/**
 * Why an Access-Control-Allow-Origin value can never pass a browser's CORS check, or undefined when
 * it is well-formed: `*`, `null`, or one origin serialised as browsers serialise it
 * (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin).
 */
export function allowOriginProblem(value: string): string | undefined {
  if (value === '*' || value === 'null') return undefined;
  if (value.includes(',')) return 'several values (or several header lines): browsers accept exactly one';
  if (/\s/.test(value)) return 'a list or stray whitespace: browsers accept exactly one origin';
  let origin: string;
  try {
    origin = new URL(value).origin;
  } catch {
    return 'not an origin (scheme://host[:port])';
  }
  if (origin === value) return undefined;
  if (origin === trimEndSet(value, '/'))
    return 'a trailing slash: browsers compare byte for byte with scheme://host[:port]';
  if (origin === value.toLowerCase())
    return 'upper-case letters: browsers compare byte for byte with the lower-case origin';
  return `not a serialised origin (a browser would send ${origin})`;
}
