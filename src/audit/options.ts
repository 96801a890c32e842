import { MAX_TIMER_MS } from '../core/limits.ts';
import { SettingsError, type SettingsIssue } from '../core/settings-error.ts';
import type { AuditOptions } from './types.ts';

/** Milliseconds each request may take when no timeout is given. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Which rule an audit() option breaks. Stable: match on it in code and tests, not on the message. */
export const AUDIT_OPTIONS_ISSUE_CODES = [
  'audit-timeout-invalid',
  'audit-concurrency-invalid',
  'audit-rate-invalid',
  'audit-origins-invalid',
  'audit-untrusted-invalid',
  'audit-methods-invalid',
  'audit-origin-trusted-and-untrusted',
  'audit-headers-invalid',
  'audit-cookie-invalid',
  'audit-transport-invalid',
] as const;

export type AuditOptionsIssueCode = (typeof AUDIT_OPTIONS_ISSUE_CODES)[number];

/** One audit() option that cannot work: its code, the option (`timeout`) and what would work. */
export interface AuditOptionsIssue extends SettingsIssue<AuditOptionsIssueCode> {}

/** audit() options that cannot work: every problem at once, each with a code and what would work. */
export class AuditOptionsError extends SettingsError<AuditOptionsIssue> {
  static override readonly brand = Symbol.for('corsguard.AuditOptionsError');
  override readonly name = 'AuditOptionsError';

  constructor(issues: readonly AuditOptionsIssue[]) {
    super('Invalid audit options', issues);
  }

  /** Each issue as one line, `timeout: 0 is not …` (what this error had before it had codes). */
  get problems(): readonly string[] {
    return this.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
}

const isWhole = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
const isStringList = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === 'string');
const isHeaderPair = (pair: unknown): boolean =>
  Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === 'string');

/** One rule per row: the problem's message when `options` breaks it, undefined when they keep it. */
const RULES: ReadonlyArray<{
  code: AuditOptionsIssueCode;
  path: keyof AuditOptions;
  problem: (options: AuditOptions) => string | undefined;
}> = [
  {
    code: 'audit-timeout-invalid',
    path: 'timeout',
    problem: ({ timeout }) =>
      timeout === undefined || isWhole(timeout, 1, MAX_TIMER_MS)
        ? undefined
        : `${String(timeout)} is not a whole number of milliseconds from 1 to ${MAX_TIMER_MS}`,
  },
  {
    code: 'audit-concurrency-invalid',
    path: 'concurrency',
    problem: ({ concurrency }) =>
      concurrency === undefined || isWhole(concurrency, 1, Number.MAX_SAFE_INTEGER)
        ? undefined
        : `${String(concurrency)} is not a whole number of at least 1`,
  },
  {
    code: 'audit-rate-invalid',
    path: 'rate',
    problem: ({ rate }) =>
      rate === undefined || (typeof rate === 'number' && Number.isFinite(rate) && rate >= 0)
        ? undefined
        : `${String(rate)} is not a number of requests a second (0: no limit)`,
  },
  {
    code: 'audit-origins-invalid',
    path: 'origins',
    problem: ({ origins }) => (origins === undefined || isStringList(origins) ? undefined : 'not an array of strings'),
  },
  {
    code: 'audit-untrusted-invalid',
    path: 'untrusted',
    problem: ({ untrusted }) =>
      untrusted === undefined || isStringList(untrusted) ? undefined : 'not an array of strings',
  },
  {
    code: 'audit-methods-invalid',
    path: 'methods',
    problem: ({ methods }) => (methods === undefined || isStringList(methods) ? undefined : 'not an array of strings'),
  },
  { code: 'audit-origin-trusted-and-untrusted', path: 'untrusted', problem: bothTrustedAndUntrusted },
  {
    code: 'audit-headers-invalid',
    path: 'headers',
    problem: ({ headers }) =>
      headers === undefined || (Array.isArray(headers) && headers.every(isHeaderPair))
        ? undefined
        : "not an array of [name, value] pairs, e.g. [['Content-Type', 'application/json']]",
  },
  {
    code: 'audit-cookie-invalid',
    path: 'cookie',
    problem: ({ cookie }) =>
      cookie === undefined || (typeof cookie === 'string' && !/[\0\r\n]/.test(cookie) && cookie.includes('='))
        ? undefined
        : "not a Cookie header value 'name=value' (several: 'a=1; b=2'), without line breaks",
  },
  {
    code: 'audit-transport-invalid',
    path: 'transport',
    problem: ({ transport }) =>
      transport === undefined || typeof transport === 'function'
        ? undefined
        : 'not a function (request) => Promise<{ status, headers }>',
  },
];

function bothTrustedAndUntrusted({ origins, untrusted }: AuditOptions): string | undefined {
  const both =
    Array.isArray(untrusted) && Array.isArray(origins) ? untrusted.filter((origin) => origins.includes(origin)) : [];
  return both.length === 0 ? undefined : `${both.join(', ')} also in origins (an origin is trusted or not)`;
}

/** Checks audit()'s options up front, so that a wrong one is a clear error rather than a TypeError deep inside. */
export function validateOptions(options: AuditOptions): void {
  const issues: AuditOptionsIssue[] = [];
  for (const { code, path, problem } of RULES) {
    const message = problem(options);
    if (message !== undefined) issues.push({ code, path, message });
  }
  if (issues.length > 0) throw new AuditOptionsError(issues);
}
