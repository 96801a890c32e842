import { quote, type IssueList } from './errors.ts';
import { MAX_EMPTY_REQUEST_HEADER_ELEMENTS, maxRequestHeaderNames } from './limits.ts';
import { listOption } from './list-option.ts';
import { isToken, isTokenChar } from './tokens.ts';

/** https://fetch.spec.whatwg.org/#forbidden-request-header names (script cannot set them). Lower case. */
export const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** https://fetch.spec.whatwg.org/#forbidden-response-header-name: never exposed to script. */
export const FORBIDDEN_RESPONSE_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'set-cookie2']);

/** Names of the CORS protocol's own headers (https://fetch.spec.whatwg.org/#http-cors-protocol). */
const CORS_PROTOCOL_PREFIX = 'access-control-';

export interface HeaderTable {
  /** `'*'`: any name except `authorization`. */
  readonly any: boolean;
  /** Lower-cased names listed explicitly (including `authorization` when listed). */
  readonly allowed: ReadonlySet<string>;
  /** Most names a request may ask for before it is refused without further work. */
  readonly maxNames: number;
}

export function compileAllowedHeaders(option: unknown, issues: IssueList): HeaderTable {
  const allowed = new Set<string>();
  let any = false;
  for (const [path, name] of listOption(option, 'allowedHeaders', issues)) {
    if (name === '*') {
      any = true;
      continue;
    }
    if (!checkHeaderName(name, path, issues)) continue;
    const lower = name.toLowerCase();
    if (FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('sec-') || lower.startsWith('proxy-')) {
      issues.report(
        'header-forbidden',
        path,
        `${quote(name)} is a forbidden request header: browsers set it themselves and script cannot, so it never appears in a preflight. Remove it.`,
      );
      continue;
    }
    if (lower.startsWith(CORS_PROTOCOL_PREFIX)) {
      issues.report(
        'header-cors-protocol',
        path,
        `${quote(name)} is a CORS protocol header, not an application header. Remove it.`,
      );
      continue;
    }
    allowed.add(lower);
  }
  return { any, allowed, maxNames: maxRequestHeaderNames(allowed.size, any) };
}

/** The `Access-Control-Expose-Headers` value, or '' when nothing is exposed. */
export function compileExposedHeaders(option: unknown, credentials: boolean, issues: IssueList): string {
  const names: string[] = [];
  for (const [path, name] of listOption(option, 'exposedHeaders', issues)) {
    if (name === '*') {
      if (credentials) {
        issues.report(
          'expose-any-with-credentials',
          path,
          "'*' is not honoured by browsers for credentialed requests; list the response headers script needs to read.",
        );
        continue;
      }
      names.push('*');
      continue;
    }
    if (!checkHeaderName(name, path, issues)) continue;
    const lower = name.toLowerCase();
    if (FORBIDDEN_RESPONSE_HEADERS.has(lower)) {
      issues.report(
        'exposed-header-forbidden',
        path,
        `${quote(name)} is never exposed to script by browsers (forbidden response header). Remove it.`,
      );
      continue;
    }
    if (lower.startsWith(CORS_PROTOCOL_PREFIX)) {
      issues.report(
        'header-cors-protocol',
        path,
        `${quote(name)} is a CORS protocol header, which the browser reads itself; script has no use for it. Remove it.`,
      );
      continue;
    }
    if (!names.some((known) => known.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names.join(', ');
}

function checkHeaderName(name: string, path: string, issues: IssueList): boolean {
  if (name.includes(',')) {
    const parts = name.split(',').map((part) => quote(part.trim()));
    issues.report(
      'header-several-in-one-string',
      path,
      `${quote(name)} holds several header names in one string; list them separately: [${parts.join(', ')}].`,
    );
    return false;
  }
  if (!isToken(name)) {
    issues.report(
      'header-invalid',
      path,
      `${quote(name)} is not a valid header name (an HTTP token: letters, digits and !#$%&'*+-.^_\`|~, no spaces or colons).`,
    );
    return false;
  }
  return true;
}

/** Why an Access-Control-Request-Headers value was refused. */
export interface RequestHeadersRefusal {
  readonly reason: 'header-not-allowed' | 'headers-malformed' | 'headers-too-many';
  /** The offending name, lower-cased, for header-not-allowed. */
  readonly name?: string;
}

/**
 * Checks an `Access-Control-Request-Headers` value (several lines joined by commas) against the
 * table in one pass. Tolerates spaces, tabs, upper case and a few empty elements. Returns the value
 * to send as `Access-Control-Allow-Headers` (the request's own value when it is already in the
 * canonical browser form, else the names joined by ','), or a refusal.
 * Time is linear in the value and stops after `maxNames` names; memory is bounded by `maxNames`.
 */
export function parseRequestHeaders(value: string, table: HeaderTable): string | RequestHeadersRefusal {
  const length = value.length;
  let names = 0;
  let empties = 0;
  let canonical = true;
  let i = 0;
  for (;;) {
    const elementStart = i;
    while (i < length && isOws(value.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < length && isTokenChar(value.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < length && isOws(value.charCodeAt(i))) i++;
    if (i < length && value.charCodeAt(i) !== 0x2c /* , */) return { reason: 'headers-malformed' };
    if (nameStart !== elementStart || nameEnd !== i) canonical = false;
    if (nameStart === nameEnd) {
      canonical = false;
      if (++empties > MAX_EMPTY_REQUEST_HEADER_ELEMENTS) return { reason: 'headers-malformed' };
    } else {
      if (++names > table.maxNames) return { reason: 'headers-too-many' };
      const raw = value.slice(nameStart, nameEnd);
      const name = raw.toLowerCase();
      if (!(table.allowed.has(name) || (table.any && name !== 'authorization'))) {
        return { reason: 'header-not-allowed', name };
      }
      if (name !== raw) canonical = false;
    }
    if (i >= length) break;
    i++; // the comma
  }
  if (canonical) return value;
  // Every element was checked above, so a plain split is safe and bounded by maxNames + MAX_EMPTY_REQUEST_HEADER_ELEMENTS parts.
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
    .join(',');
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
