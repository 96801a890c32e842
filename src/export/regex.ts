// Regular expressions every target's engine runs the same way: PCRE2 (nginx, Apache, HAProxy) and
// Go's RE2 (Caddy). No look-around, no back-references, and no two adjacent quantified parts that
// can match the same characters, so a hostile header is matched in time linear in its length.
import type { HeaderTable } from '../core/headers.ts';
import { MAX_EMPTY_REQUEST_HEADER_ELEMENTS } from '../core/limits.ts';
import type { MethodTable } from '../core/methods.ts';
import { SAFELISTED_METHODS } from '../core/methods.ts';
import type { OriginTable } from '../core/origins.ts';

/** Escapes every character a regex gives a meaning to (the same set in PCRE and RE2). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}/-]/g, (ch) => (ch === '-' || ch === '/' ? ch : `\\${ch}`));
}

/** A port as browsers serialise it, 1–65535 without leading zeros (the engine's isPortPart). */
const PORT = '(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';
/** The engine's host characters for patterns: lower-case letters, digits, '-' and '_'. */
const LABEL = '[a-z0-9_-]+';
/** An HTTP token character (https://httpwg.org/specs/rfc9110.html#tokens). */
export const TOKEN_CHAR = "[-!#$%&'*+.^_`|~0-9A-Za-z]";
const NOT_TOKEN_CHAR = "[^-!#$%&'*+.^_`|~0-9A-Za-z]";

/** Anchored regexes for the exact origins and the patterns, each as the engine reads it. */
export function originRegexes(origins: OriginTable, userRegexes: readonly string[]): string[] {
  const out: string[] = [];
  if (origins.allowNull) out.push('^null$');
  for (const origin of origins.exact) out.push(`^${escapeRegex(origin)}$`);
  for (const key of origins.anyPort) out.push(`^${escapeRegex(key)}(?::${PORT})?$`);
  for (const key of origins.subdomains) {
    // Keys are `scheme://*.suffix`, `scheme://*.suffix:port` or `scheme://*.suffix:*`.
    const star = key.indexOf('*.');
    const rest = key.slice(star + 2);
    const colon = rest.lastIndexOf(':');
    const suffix = colon === -1 ? rest : rest.slice(0, colon);
    const port = colon === -1 ? '' : rest.slice(colon + 1);
    const portPart = port === '' ? '' : port === '*' ? `(?::${PORT})?` : escapeRegex(`:${port}`);
    out.push(`^${escapeRegex(key.slice(0, star))}(?:${LABEL}\\.)+${escapeRegex(suffix)}${portPart}$`);
  }
  out.push(...userRegexes);
  return out;
}

/**
 * Origins refused even when a regex above matches: a host longer than 253 bytes under a pattern
 * (the engine stops there), and, when user RegExps are present, anything that is not a single
 * plausible origin (the engine shows RegExps only those: no comma, whitespace or control byte;
 * their length bound is the plan's originMaxLength, as RE2 counts no further than 1000).
 */
export function originDenyRegexes(origins: OriginTable, hasUserRegexes: boolean): string[] {
  const out: string[] = [];
  if (origins.subdomains.size > 0) out.push('^[a-z][a-z0-9+.-]*://[a-z0-9_.-]{254}');
  if (hasUserRegexes) out.push('[^\\x21-\\x2b\\x2d-\\x7e]');
  return out;
}

/** The requested method: safelisted or listed (byte for byte), or any token with methods: '*'. */
export function methodRegex(methods: MethodTable): string {
  if (methods.any) return `^${TOKEN_CHAR}+$`;
  const names = [...SAFELISTED_METHODS, ...methods.allowed].map(escapeRegex);
  return `^(?:${names.join('|')})$`;
}

/**
 * A well-formed Access-Control-Request-Headers value whose every name is allowed; matched
 * ignoring case. Elements are separated by commas, each optional whitespace, an optional name and
 * optional whitespace (https://fetch.spec.whatwg.org/#cors-preflight-fetch).
 */
export function requestHeadersRegex(headers: HeaderTable): string {
  const name = headers.any ? `${TOKEN_CHAR}+` : `(?:${[...headers.allowed].map(escapeRegex).join('|')})`;
  const element = headers.any || headers.allowed.size > 0 ? `[ \\t]*(?:${name}[ \\t]*)?` : '[ \\t]*';
  return `^${element}(?:,${element})*$`;
}

/**
 * Access-Control-Request-Headers values refused even when well-formed: more names than the
 * engine scans, more empty elements than it tolerates, and Authorization under '*'.
 */
export function requestHeadersDenyRegexes(headers: HeaderTable): string[] {
  const nonEmpty = '(?:[ \\t]*[^, \\t][^,]*,)*';
  const empties = MAX_EMPTY_REQUEST_HEADER_ELEMENTS;
  const out = [
    `^${NOT_TOKEN_CHAR}*(?:${TOKEN_CHAR}+${NOT_TOKEN_CHAR}+){${headers.maxNames}}${TOKEN_CHAR}`,
    // More than MAX_EMPTY_REQUEST_HEADER_ELEMENTS empty elements: that many followed by a comma,
    // then one more, followed by a comma or last.
    `^(?:${nonEmpty}[ \\t]*,){${empties}}${nonEmpty}[ \\t]*(?:,|$)`,
  ];
  if (headers.any && !headers.allowed.has('authorization'))
    out.push('(?:^|,)[ \\t]*[Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn][ \\t]*(?:,|$)');
  return out;
}

/**
 * The exempt paths of csrf, matched on the raw request target as the engine reads it (pathOf in
 * src/core/request.ts): an absolute-form target's scheme and authority (up to the first / ? or #)
 * come off first, and an authority not followed by / is the path /. Then the path ends at ? or #
 * (or at `end`, for a target read inside the request line). `hash` spells # for a regex delimited
 * by it.
 */
export function exemptPathRegex(paths: readonly string[], { end = '', hash = '#' } = {}): string | undefined {
  if (paths.length === 0) return undefined;
  const stop = `(?:[?${hash}${end}]|$)`;
  const authority = `[A-Za-z][A-Za-z0-9+.-]*://[^/?${hash}${end}]*`;
  const exact = `(?:${authority})?(?:${paths.map(escapeRegex).join('|')})${stop}`;
  return paths.includes('/') ? `^(?:${exact}|${authority}${stop})` : `^${exact}`;
}
