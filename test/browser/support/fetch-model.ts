// A model of the browser side of the CORS protocol, written from the WHATWG Fetch standard:
// what Chromium sends for a script's fetch() (method, Origin, Access-Control-Request-Headers,
// whether it preflights) and the checks it runs on the answers. The matrix feeds corsguard's
// decisions through it to predict what script will see; Chromium then says whether it agrees.
// (Independent of src/: nothing here is imported from the engine.)

/** CORS-safelisted methods, byte for byte: https://fetch.spec.whatwg.org/#cors-safelisted-method */
export const SAFELISTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);

/** "Normalize a method": only these six are upper-cased. https://fetch.spec.whatwg.org/#concept-method-normalize */
const NORMALIZED = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/** Always readable: https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name */
const SAFELISTED_RESPONSE_HEADERS = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED.includes(upper) ? upper : method;
}

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
function hasUnsafeByte(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || '"():<>?@[\\]{}'.includes(char)) return true;
  }
  return false;
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header (without Chromium's client hints). */
export function isSafelistedRequestHeader(name: string, value: string): boolean {
  if (value.length > 128) return false;
  switch (name.toLowerCase()) {
    case 'accept':
      return !hasUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
    case 'content-type': {
      if (hasUnsafeByte(value)) return false;
      const essence = value.split(';')[0]!.trim().toLowerCase();
      return (
        essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data' || essence === 'text/plain'
      );
    }
    case 'range': {
      const match = /^bytes=(\d+)-(\d*)$/.exec(value);
      return match !== null && (match[2] === '' || Number(match[1]) <= Number(match[2]));
    }
    default:
      return false;
  }
}

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names: lower-cased, unique, sorted. */
export function unsafeRequestHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  const unsafe = new Set<string>();
  let safelistedBytes = 0;
  const safelisted: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (isSafelistedRequestHeader(name, value)) {
      safelisted.push(name.toLowerCase());
      safelistedBytes += value.length;
    } else {
      unsafe.add(name.toLowerCase());
    }
  }
  if (safelistedBytes > 1024) for (const name of safelisted) unsafe.add(name);
  return [...unsafe].sort();
}

export interface ScriptFetch {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly credentials: 'omit' | 'same-origin' | 'include';
}

/** What the browser puts on the wire for a cross-origin `fetch()` in cors mode. */
export interface SentRequest {
  readonly origin: string;
  readonly method: string;
  /** Cookies and the CORS check in credentialed mode. */
  readonly credentialed: boolean;
  readonly unsafeHeaders: readonly string[];
  /** `Access-Control-Request-Headers` as Chromium sends it, or undefined when there are none. */
  readonly requestHeaders: string | undefined;
  readonly preflight: boolean;
  readonly secFetchSite: 'same-origin' | 'same-site' | 'cross-site';
}

export function sentRequest(script: ScriptFetch, pageOrigin: string, targetOrigin: string): SentRequest {
  const method = normalizeMethod(script.method);
  const unsafeHeaders = unsafeRequestHeaderNames(script.headers);
  const sameOrigin = pageOrigin === targetOrigin;
  return {
    origin: pageOrigin,
    method,
    credentialed: script.credentials === 'include' || (script.credentials === 'same-origin' && sameOrigin),
    unsafeHeaders,
    requestHeaders: unsafeHeaders.length === 0 ? undefined : unsafeHeaders.join(','),
    // A cross-origin cors-mode request is preflighted when its method is not safelisted or it
    // carries a CORS-unsafe header: https://fetch.spec.whatwg.org/#main-fetch
    preflight: !sameOrigin && (!SAFELISTED_METHODS.has(method) || unsafeHeaders.length > 0),
    secFetchSite: sameOrigin ? 'same-origin' : siteOf(pageOrigin) === siteOf(targetOrigin) ? 'same-site' : 'cross-site',
  };
}

/**
 * The schemeful site of an origin, for the hosts these tests use: the last two labels of a
 * `*.localhost` name (Chromium treats `example.localhost` as registrable), the host otherwise.
 * An opaque origin (`null`) is its own site.
 */
export function siteOf(origin: string): string {
  if (origin === 'null') return 'null';
  const url = new URL(origin);
  const labels = url.hostname.split('.');
  const host = /^[\d.]+$/.test(url.hostname) || labels.length <= 2 ? url.hostname : labels.slice(-2).join('.');
  return `${url.protocol}//${host}`;
}

export type ResponseHeaders = ReadonlyMap<string, string>;

/** A flat `[name, value, …]` list as the browser sees it: lower-case names, repeated lines joined by ', '. */
export function headerMap(flat: readonly string[]): ResponseHeaders {
  const map = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2) {
    const name = flat[i]!.toLowerCase();
    const existing = map.get(name);
    map.set(name, existing === undefined ? flat[i + 1]! : `${existing}, ${flat[i + 1]!}`);
  }
  return map;
}

/** https://fetch.spec.whatwg.org/#cors-check */
export function corsCheck(headers: ResponseHeaders, origin: string, credentialed: boolean): boolean {
  const allowOrigin = headers.get('access-control-allow-origin');
  if (allowOrigin === undefined) return false;
  if (!credentialed && allowOrigin === '*') return true;
  if (allowOrigin !== origin) return false;
  if (!credentialed) return true;
  return headers.get('access-control-allow-credentials') === 'true';
}

/** A comma-separated list of tokens; undefined when an item is not a token (the preflight fails). */
function tokenList(value: string | undefined): string[] | undefined {
  if (value === undefined) return [];
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.every((item) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(item)) ? items : undefined;
}

/** Does this preflight answer let the request go? https://fetch.spec.whatwg.org/#cors-preflight-fetch */
export function preflightCheck(status: number, headers: ResponseHeaders, sent: SentRequest): boolean {
  if (status < 200 || status > 299) return false;
  if (!corsCheck(headers, sent.origin, sent.credentialed)) return false;
  const methods = tokenList(headers.get('access-control-allow-methods'));
  const names = tokenList(headers.get('access-control-allow-headers'));
  if (methods === undefined || names === undefined) return false;
  const methodAllowed =
    SAFELISTED_METHODS.has(sent.method) ||
    methods.includes(sent.method) ||
    (methods.includes('*') && !sent.credentialed);
  if (!methodAllowed) return false;
  const listed = new Set(names.map((name) => name.toLowerCase()));
  return sent.unsafeHeaders.every((name) => {
    if (listed.has(name)) return true;
    // Authorization is never covered by '*' (Chromium; the standard since 2021).
    return name !== 'authorization' && listed.has('*') && !sent.credentialed;
  });
}

/**
 * Which of `names` script may read with `headers.get()` on a CORS response:
 * https://fetch.spec.whatwg.org/#concept-filtered-response-cors
 */
export function readableHeaders(
  headers: ResponseHeaders,
  present: ReadonlySet<string>,
  credentialed: boolean,
  names: readonly string[],
): Record<string, boolean> {
  const exposed = new Set(
    (headers.get('access-control-expose-headers') ?? '').split(',').map((name) => name.trim().toLowerCase()),
  );
  const all = exposed.has('*') && !credentialed;
  const result: Record<string, boolean> = {};
  for (const name of names) {
    const lower = name.toLowerCase();
    result[lower] =
      present.has(lower) &&
      lower !== 'set-cookie' &&
      (SAFELISTED_RESPONSE_HEADERS.has(lower) || all || exposed.has(lower));
  }
  return result;
}
