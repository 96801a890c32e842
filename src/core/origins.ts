import type { IssueList } from './errors.ts';
import { MAX_HOST_LENGTH, MAX_ORIGIN_LENGTH, MAX_PORT } from './limits.ts';
import type { OriginPredicate } from './options.ts';
import { parseOriginPattern } from './origin-pattern.ts';
import type { OriginRules } from './origin-rules.ts';
import { checkAnchoredRegExp } from './regexp.ts';

/** The compiled `origin` option. Exact origins live in a hash set; patterns in hash sets keyed by shape. */
export interface OriginTable {
  /** `origin: '*'`: every origin, answered with `Access-Control-Allow-Origin: *`. */
  readonly any: boolean;
  /** `'null'` is listed and dangerouslyAllowNullOrigin is set. */
  readonly allowNull: boolean;
  /** dangerouslyAllowNullOrigin with a predicate: `null` is handed to the predicate instead of refused. */
  readonly nullToPredicate: boolean;
  readonly exact: ReadonlySet<string>;
  /** Keys `scheme://*.suffix`, `scheme://*.suffix:port` or `scheme://*.suffix:*`. */
  readonly subdomains: ReadonlySet<string>;
  /** Length of the longest `.suffix` in `subdomains`: shorter hosts' dots need no look-up. */
  readonly longestSuffix: number;
  /** Keys `scheme://host` of `scheme://host:*` patterns. */
  readonly anyPort: ReadonlySet<string>;
  readonly regexps: readonly RegExp[];
  readonly predicate: OriginPredicate<never> | undefined;
}

type MutableOriginTable = { -readonly [K in keyof OriginTable]: OriginTable[K] } & {
  exact: Set<string>;
  subdomains: Set<string>;
  anyPort: Set<string>;
  regexps: RegExp[];
};

export function compileOrigins(option: unknown, rules: OriginRules, issues: IssueList): OriginTable {
  const table: MutableOriginTable = {
    any: false,
    allowNull: false,
    nullToPredicate: false,
    exact: new Set<string>(),
    subdomains: new Set<string>(),
    longestSuffix: 0,
    anyPort: new Set<string>(),
    regexps: [],
    predicate: undefined,
  };
  if (compileWholeOption(option, rules, issues, table)) return table;
  const entries: readonly unknown[] = Array.isArray(option) ? option : [option];
  if (Array.isArray(option) && entries.length === 0) {
    issues.report(
      'origin-empty-array',
      'origin',
      "is an empty array, which allows no origin; list at least one origin, or use '*'.",
    );
  }
  entries.forEach((entry, index) => {
    addEntry(entry, Array.isArray(option) ? `origin[${index}]` : 'origin', rules, issues, table);
  });
  if (rules.allowNull && !table.allowNull) {
    issues.report(
      'null-opt-in-unused',
      'dangerouslyAllowNullOrigin',
      "has no effect: no 'null' entry in origin. Add 'null' to origin if you really mean to allow sandboxed iframes and data:/file: pages, or remove the option.",
    );
  }
  return table;
}

/** The values that are the whole option rather than a list of origins; true when `option` was one. */
function compileWholeOption(
  option: unknown,
  rules: OriginRules,
  issues: IssueList,
  table: MutableOriginTable,
): boolean {
  if (option === '') {
    issues.report(
      'origin-empty',
      'origin',
      "is an empty string (is the environment variable it comes from unset?); list the origins that may read responses, e.g. origin: ['https://app.example.com'], or '*' for a public API.",
    );
  } else if (option === undefined || option === null || option === false) {
    issues.report(
      'origin-required',
      'origin',
      "is required: list the origins that may read responses, e.g. origin: ['https://app.example.com'], or '*' for a public API.",
    );
  } else if (option === true) {
    issues.report(
      'origin-reflect-all',
      'origin',
      "true (reflect every origin) is not supported: list your origins, use '*' for a public API without credentials, or pass a function to decide per request.",
    );
  } else if (typeof option === 'function') {
    table.predicate = option as OriginPredicate<never>;
    table.nullToPredicate = rules.allowNull;
  } else if (option === '*') {
    if (rules.credentials) {
      issues.report(
        'origin-any-with-credentials',
        'origin',
        "'*' cannot be combined with credentials: true (browsers reject it, and reflecting every origin with cookies lets any site act as your users). List the origins that need credentials.",
      );
    }
    table.any = true;
  } else {
    return false;
  }
  return true;
}

/** One element of the origin list (or the option itself when it is a single origin or RegExp). */
function addEntry(
  entry: unknown,
  path: string,
  rules: OriginRules,
  issues: IssueList,
  table: MutableOriginTable,
): void {
  if (entry instanceof RegExp) {
    const regexp = checkAnchoredRegExp(entry, path, issues);
    if (regexp) table.regexps.push(regexp);
  } else if (typeof entry !== 'string') {
    issues.report('origin-entry-type', path, `must be an origin string or a RegExp, got ${typeNameOf(entry)}.`);
  } else if (entry === '*') {
    issues.report(
      'origin-any-in-list',
      path,
      "'*' must be the whole origin option (origin: '*'), not an element of a list.",
    );
  } else if (entry === 'null') {
    if (!rules.allowNull) {
      issues.report(
        'origin-null-needs-opt-in',
        path,
        "'null' is sent by sandboxed iframes, data: and file: pages and redirected requests — anyone can produce it. Remove it, or set dangerouslyAllowNullOrigin: true.",
      );
    }
    table.allowNull = rules.allowNull;
  } else {
    addPattern(parseOriginPattern(entry, path, rules, issues), table);
  }
}

function addPattern(spec: ReturnType<typeof parseOriginPattern>, table: MutableOriginTable): void {
  if (spec?.kind === 'exact') table.exact.add(spec.origin);
  else if (spec?.kind === 'any-port') table.anyPort.add(spec.key);
  else if (spec?.kind === 'subdomains') {
    table.subdomains.add(spec.key);
    table.longestSuffix = Math.max(table.longestSuffix, spec.suffix.length + 1);
  }
}

/**
 * Whether a single, well-formed origin matches the table's exact entries, patterns or RegExps
 * (not the predicate, which the caller runs). `origin` is the raw header value.
 */
export function matchOrigin(table: OriginTable, origin: string): boolean {
  if (table.exact.has(origin)) return true;
  if ((table.subdomains.size > 0 || table.anyPort.size > 0) && matchPatterns(table, origin)) return true;
  return matchRegExps(table, origin);
}

export function matchRegExps(table: OriginTable, origin: string): boolean {
  for (const regexp of table.regexps) {
    if (regexp.test(origin)) return true;
  }
  return false;
}

/** Subdomain and any-port patterns; the caller checks that the table has some. */
export function matchPatterns(table: OriginTable, origin: string): boolean {
  const schemeEnd = origin.indexOf('://');
  if (schemeEnd <= 0) return false;
  const hostStart = schemeEnd + 3;
  if (origin.charCodeAt(hostStart) === 0x5b /* [ */) return matchIpv6AnyPort(table, origin, hostStart);
  // Find the end of the host and check it is a plain lower-case DNS name with non-empty labels.
  let hostEnd = origin.length;
  let previousDot = hostStart - 1;
  for (let i = hostStart; i < origin.length; i++) {
    const c = origin.charCodeAt(i);
    if (c === 0x3a /* : */) {
      hostEnd = i;
      break;
    }
    if (c === 0x2e /* . */) {
      if (i === previousDot + 1) return false;
      previousDot = i;
    } else if (!isHostChar(c)) {
      return false;
    }
  }
  // One trailing dot is part of the host (a fully qualified name, its own origin: a pattern matches
  // it only when written with the dot too); it does not count towards the length. A longer host
  // matches nothing, and stopping here keeps the suffix look-ups below bounded for a hostile Origin
  // of thousands of labels.
  const trailingDot = previousDot === hostEnd - 1 ? 1 : 0;
  if (hostEnd === hostStart || hostEnd - hostStart - trailingDot > MAX_HOST_LENGTH) return false;
  const port = origin.slice(hostEnd);
  if (!isPortPart(port)) return false;

  const scheme = origin.slice(0, hostStart);
  if (table.anyPort.size > 0 && table.anyPort.has(origin.slice(0, hostEnd))) return true;
  if (table.subdomains.size > 0) {
    for (let i = Math.max(hostStart + 1, hostEnd - table.longestSuffix); i < hostEnd; i++) {
      if (origin.charCodeAt(i) !== 0x2e) continue;
      const suffix = origin.slice(i, hostEnd);
      const key = `${scheme}*${suffix}`;
      if (table.subdomains.has(key + port) || table.subdomains.has(`${key}:*`)) return true;
    }
  }
  return false;
}

function matchIpv6AnyPort(table: OriginTable, origin: string, hostStart: number): boolean {
  const hostEnd = origin.indexOf(']', hostStart) + 1;
  if (hostEnd === 0) return false;
  return isPortPart(origin.slice(hostEnd)) && table.anyPort.has(origin.slice(0, hostEnd));
}

/** '' or ':' and a port as browsers serialise it: 1–65535 without leading zeros. */
function isPortPart(port: string): boolean {
  return port === '' || (/^:[1-9]\d{0,4}$/.test(port) && Number(port.slice(1)) <= MAX_PORT);
}

function isHostChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
}

/**
 * A serialised origin never contains a comma, whitespace or a control character; a value that does
 * is several Origin lines joined, or garbage, and matches nothing
 * (https://fetch.spec.whatwg.org/#origin-header: one serialised origin or `null`).
 */
export function isPlausibleOrigin(origin: string): boolean {
  return origin.length > 0 && origin.length <= MAX_ORIGIN_LENGTH && !IMPLAUSIBLE_ORIGIN_BYTE.test(origin);
}

const IMPLAUSIBLE_ORIGIN_BYTE = /[^\x21-\x2b\x2d-\x7e]/;

function typeNameOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
