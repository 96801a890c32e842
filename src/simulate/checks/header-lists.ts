import { isToken } from '../../core/tokens.ts';
import { HTTP_TAB_OR_SPACE, trimSet } from './trim.ts';

/**
 * Access-Control-Allow-Methods / -Headers (https://fetch.spec.whatwg.org/#extract-header-list-values): a
 * comma-separated list of tokens. Empty elements and surrounding spaces are ignored; any other
 * non-token element makes the whole header unparsable (undefined). A missing header is an empty list.
 */
export function parseTokenList(value: string | null): string[] | undefined {
  if (value === null) return [];
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const item = trimSet(raw, HTTP_TAB_OR_SPACE);
    if (item === '') continue;
    if (!isToken(item)) return undefined;
    items.push(item);
  }
  return items;
}

/**
 * Access-Control-Expose-Headers as a set of lower-case names (https://fetch.spec.whatwg.org/#http-access-control-expose-headers): a list element that
 * is not a token empties the whole list. Chromium 156 agrees.
 */
export function parseExposeHeaders(value: string | null): Set<string> {
  return new Set((parseTokenList(value) ?? []).map((name) => name.toLowerCase()));
}
