import { FORBIDDEN_REQUEST_HEADERS } from '../../core/headers.ts';
import { isForbiddenMethod } from './methods.ts';
import type { ModelRules } from '../engines/model.ts';
import { isSafelistedRequestHeader, MAX_SAFELISTED_TOTAL_BYTES } from './safelisted-request-headers.ts';

const METHOD_OVERRIDE_NAMES = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);

/** https://fetch.spec.whatwg.org/#forbidden-request-header (name and value). */
export function isForbiddenRequestHeader(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) return true;
  if (METHOD_OVERRIDE_NAMES.has(lower)) {
    return value.split(',').some((method) => isForbiddenMethod(method.trim()));
  }
  return false;
}

/** A request's headers as a list of lower-case names and combined values, one entry per name. */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

export type HeadersLike = Headers | Readonly<Record<string, string>> | Iterable<readonly [string, string]>;

export interface PreparedHeaders {
  readonly list: HeaderList;
  /** Names script tried to set that the browser drops (forbidden request headers). */
  readonly dropped: readonly string[];
}

/**
 * What `new Request(url, { headers })` keeps: header names and values validated (a TypeError,
 * returned as `invalid`), values trimmed of leading and trailing whitespace, repeated names joined
 * with ', ', forbidden request headers dropped.
 */
export function prepareHeaders(init: HeadersLike | undefined): PreparedHeaders | { invalid: string } {
  let headers: Headers;
  try {
    headers = init instanceof Headers ? new Headers(init) : new Headers((init ?? {}) as HeadersInit);
  } catch (error) {
    return { invalid: error instanceof Error ? error.message : String(error) };
  }
  const list: [string, string][] = [];
  const dropped: string[] = [];
  for (const [name, value] of headers) {
    // ByteString: browsers throw for code points above U+00FF (Node's Headers accepts them).
    if (/[^\u0000-\u00ff]/.test(value)) return { invalid: `Header '${name}' has a value that is not a ByteString.` };
    if (isForbiddenRequestHeader(name, value)) dropped.push(name);
    else list.push([name, value]);
  }
  return { list, dropped };
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names: the names needing a preflight, lower case,
 * in header-list order. When the safelisted values add up to more than 1024 bytes, they all count.
 */
export function corsUnsafeHeaderNames(list: HeaderList, model: ModelRules): string[] {
  const unsafe: string[] = [];
  const potentiallyUnsafe: string[] = [];
  let safelistedBytes = 0;
  for (const [name, value] of list) {
    if (isSafelistedRequestHeader(name, value, model)) {
      potentiallyUnsafe.push(name);
      safelistedBytes += value.length;
    } else {
      unsafe.push(name);
    }
  }
  if (safelistedBytes > MAX_SAFELISTED_TOTAL_BYTES) unsafe.push(...potentiallyUnsafe);
  return unsafe;
}

/**
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch: `Access-Control-Request-Headers` as browsers send it —
 * unsafe names lower-cased, de-duplicated, sorted byte-wise, joined by ',' without spaces.
 * Undefined when there are none (the header is then absent).
 */
export function accessControlRequestHeaders(unsafeNames: readonly string[]): string | undefined {
  const names = [...new Set(unsafeNames.map((name) => name.toLowerCase()))].sort(byteOrder);
  return names.length === 0 ? undefined : names.join(',');
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
