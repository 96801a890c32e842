import { MAX_TIMER_MS } from '../core/limits.ts';
import type { AuditOptions } from './types.ts';

/** Milliseconds each request may take when no timeout is given. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** audit() options that cannot work: every problem, each with what would. */
export class AuditOptionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid audit options:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    this.name = 'AuditOptionsError';
  }
}

const isWhole = (value: unknown, min: number, max: number): boolean => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Checks audit()'s options up front, so that a wrong one is a clear error rather than a TypeError deep inside. */
export function validateOptions(options: AuditOptions): void {
  const problems: string[] = [];
  if (options.timeout !== undefined && !isWhole(options.timeout, 1, MAX_TIMER_MS)) problems.push(`timeout: ${String(options.timeout)} is not a whole number of milliseconds from 1 to ${MAX_TIMER_MS}`);
  if (options.concurrency !== undefined && !isWhole(options.concurrency, 1, Number.MAX_SAFE_INTEGER)) problems.push(`concurrency: ${String(options.concurrency)} is not a whole number of at least 1`);
  if (options.rate !== undefined && !(typeof options.rate === 'number' && Number.isFinite(options.rate) && options.rate >= 0)) problems.push(`rate: ${String(options.rate)} is not a number of requests a second (0: no limit)`);
  for (const key of ['origins', 'untrusted', 'methods'] as const) {
    const list = options[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))) problems.push(`${key}: not an array of strings`);
  }
  const both = Array.isArray(options.untrusted) && Array.isArray(options.origins) ? options.untrusted.filter((origin) => options.origins?.includes(origin)) : [];
  if (both.length > 0) problems.push(`untrusted: ${both.join(', ')} also in origins (an origin is trusted or not)`);
  const headers = options.headers;
  if (headers !== undefined && (!Array.isArray(headers) || headers.some((pair) => !Array.isArray(pair) || pair.length !== 2 || pair.some((part) => typeof part !== 'string')))) {
    problems.push("headers: not an array of [name, value] pairs, e.g. [['Content-Type', 'application/json']]");
  }
  if (options.cookie !== undefined && (typeof options.cookie !== 'string' || /[\0\r\n]/.test(options.cookie) || !options.cookie.includes('='))) {
    problems.push("cookie: not a Cookie header value 'name=value' (several: 'a=1; b=2'), without line breaks");
  }
  if (options.transport !== undefined && typeof options.transport !== 'function') problems.push('transport: not a function (request) => Promise<{ status, headers }>');
  if (problems.length > 0) throw new AuditOptionsError(problems);
}
