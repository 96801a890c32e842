import type { ConfigIssue } from '../core/errors.ts';
import type { ProxyIssue } from '../proxy/config-error.ts';

/** What `corsguard export` refuses on top of the gateway's and the middleware's own issues. */
export type ExportIssueCode =
  | 'export-target-unknown'
  | 'export-origin-predicate'
  | 'export-regexp-unsupported'
  | 'export-debug'
  | 'export-websockets'
  | 'export-name-unsupported'
  | 'export-path-unsupported'
  | 'export-host-invalid'
  | 'export-upstream-unsupported'
  | 'preflight-continue-unsupported';

export interface ExportIssue {
  readonly code: ExportIssueCode | ProxyIssue['code'] | ConfigIssue['code'];
  /** Setting path, for example `cors.origin[1]` or `upstream`. */
  readonly path: string;
  /** What is wrong, for which target, and what to do instead. */
  readonly message: string;
}

const BRAND = Symbol.for('corsguard.ExportConfigError');

/**
 * Thrown by `exportConfig` when the settings are invalid or hold something the target cannot
 * express: every problem at once, the middleware's (`cors.…` paths), the gateway's and the export's.
 */
export class ExportConfigError extends Error {
  readonly issues: readonly ExportIssue[];

  static override [Symbol.hasInstance](value: unknown): boolean {
    return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(issues: readonly ExportIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super(`Cannot export this configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'ExportConfigError';
    Object.defineProperty(this, BRAND, { value: true });
    this.issues = issues;
  }
}
