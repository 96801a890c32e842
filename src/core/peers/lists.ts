// The list options of the Node CORS middlewares (methods, allowed and exposed headers): a string
// joined with commas or an array, copied into a header as written. Translated into corsguard's
// lists, dropping the names browsers can never use, which the peers listed harmlessly.
import { FORBIDDEN_REQUEST_HEADERS, FORBIDDEN_RESPONSE_HEADERS } from '../headers.ts';
import { MAX_MAX_AGE } from '../limits.ts';
import { FORBIDDEN_METHODS, NORMALIZED_METHODS } from '../methods.ts';

/** `'GET, PUT'` or `['GET', 'PUT']` as names; undefined when the value is neither (corsguard's validation then names it). */
export function peerList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return splitCommas(value);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value.flatMap(splitCommas);
  return undefined;
}

function splitCommas(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Methods as browsers send them: `get` is upper-cased (browsers upper-case the six normalised
 * methods, https://fetch.spec.whatwg.org/#concept-method-normalize) and the forbidden CONNECT,
 * TRACE and TRACK, which no browser sends cross-origin, are dropped.
 */
export function peerMethods(value: unknown): unknown {
  const names = peerList(value);
  if (names === undefined) return value;
  return names
    .map((name) => (NORMALIZED_METHODS.has(name.toUpperCase()) ? name.toUpperCase() : name))
    .filter((name) => !FORBIDDEN_METHODS.has(name.toUpperCase()));
}

/**
 * Request headers a page can set: the peers often list `Origin`, `Cookie` or `Host` (browsers set
 * those themselves, so no preflight asks for them) or a CORS header; dropped.
 */
export function peerAllowedHeaders(value: unknown): unknown {
  const names = peerList(value);
  if (names === undefined) return value;
  return names.filter((name) => {
    const lower = name.toLowerCase();
    return (
      name === '*' ||
      !(
        FORBIDDEN_REQUEST_HEADERS.has(lower) ||
        lower.startsWith('sec-') ||
        lower.startsWith('proxy-') ||
        lower.startsWith('access-control-')
      )
    );
  });
}

/** Response headers script can be shown: `Set-Cookie` and CORS headers never are; dropped. */
export function peerExposedHeaders(value: unknown): unknown {
  const names = peerList(value);
  if (names === undefined) return value;
  return names.filter((name) => {
    const lower = name.toLowerCase();
    return !(FORBIDDEN_RESPONSE_HEADERS.has(lower) || lower.startsWith('access-control-'));
  });
}

/**
 * `maxAge` as the peers take it: a number or a numeric string (`'600'`). Beyond a day is capped at
 * a day and a negative value becomes 0: browsers cap it lower anyway (Chromium at 7200 s) and read
 * a negative one as "do not cache".
 */
export function peerMaxAge(value: unknown): unknown {
  const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) return value;
  return Math.min(Math.max(number, 0), MAX_MAX_AGE);
}
