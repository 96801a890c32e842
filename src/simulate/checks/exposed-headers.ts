import { FORBIDDEN_RESPONSE_HEADERS } from '../../core/headers.ts';
import { parseExposeHeaders } from './header-lists.ts';

/** https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name (Chromium adds nothing). */
export const SAFELISTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

export interface ExposeInput {
  readonly headers: Headers;
  /** The response is CORS-filtered (cross-origin); otherwise it is a basic (same-origin) response. */
  readonly cors: boolean;
  readonly credentials: boolean;
}

/**
 * The response header names script can read (lower case, sorted), by
 * https://fetch.spec.whatwg.org/#concept-filtered-response-cors: safelisted names plus those in
 * Access-Control-Expose-Headers ('*' = all, only without credentials); a basic response shows
 * every header but Set-Cookie.
 */
export function readableHeaderNames(input: ExposeInput): string[] {
  const present = new Set<string>();
  for (const [name] of input.headers) present.add(name.toLowerCase());
  const exposed = input.cors ? parseExposeHeaders(input.headers.get('access-control-expose-headers')) : undefined;
  const all = !exposed || (!input.credentials && exposed.has('*'));
  return [...present]
    .filter((name) => !FORBIDDEN_RESPONSE_HEADERS.has(name))
    .filter((name) => all || SAFELISTED_RESPONSE_HEADERS.has(name) || exposed.has(name))
    .sort();
}
