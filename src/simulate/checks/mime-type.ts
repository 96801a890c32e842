import { isToken } from '../../core/tokens.ts';
import { HTTP_WHITESPACE, trimEndSet, trimSet } from './trim.ts';

/**
 * The essence (`type/subtype`, lower case) of a Content-Type value, or undefined when it does not
 * parse: https://mimesniff.spec.whatwg.org/#parse-a-mime-type (parameters never make it fail). Chromium's
 * source once trimmed whitespace around '/'; Chromium 156 preflights `text /plain`, as here.
 */
export function mimeEssence(input: string): string | undefined {
  const value = trimSet(input, HTTP_WHITESPACE);
  const slash = value.indexOf('/');
  if (slash === -1) return undefined;
  const type = value.slice(0, slash);
  const semicolon = value.indexOf(';', slash + 1);
  const subtype = trimEndSet(value.slice(slash + 1, semicolon === -1 ? undefined : semicolon), HTTP_WHITESPACE);
  if (!isToken(type) || !isToken(subtype)) return undefined;
  return `${type}/${subtype}`.toLowerCase();
}
