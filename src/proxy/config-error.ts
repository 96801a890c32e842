import type { ConfigIssue } from '../core/errors.ts';

/** What is wrong with one proxy setting. Stable: match on it in code and tests, not on the message. */
export type ProxyIssueCode =
  | 'proxy-options-not-object'
  | 'proxy-unknown-option'
  | 'upstream-required'
  | 'upstream-invalid'
  | 'upstream-scheme'
  | 'upstream-credentials'
  | 'upstream-query'
  | 'timeout-invalid'
  | 'max-connections-invalid'
  | 'websockets-invalid'
  | 'public-host-invalid'
  | 'body-methods-invalid'
  | 'cors-required'
  | 'preflight-continue-unsupported'
  // the CLI's own: its config file, its flags
  | 'config-file-invalid'
  | 'port-invalid'
  | 'host-invalid'
  | 'json-logs-invalid'
  | 'argument-invalid';

export interface ProxyIssue {
  readonly code: ProxyIssueCode | ConfigIssue['code'];
  /** Setting path, for example `upstream` or `cors.origin[1]`. */
  readonly path: string;
  /** What is wrong and how to fix it, for a person. */
  readonly message: string;
}

const BRAND = Symbol.for('corsguard.ProxyConfigError');

/**
 * Thrown by `createProxy` when its options are invalid: every problem at once, the gateway's own
 * (`upstream`, `timeout`, …) and the CORS policy's (the CorsConfigError issues, paths under `cors.`).
 */
export class ProxyConfigError extends Error {
  readonly issues: readonly ProxyIssue[];

  static override [Symbol.hasInstance](value: unknown): boolean {
    return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(issues: readonly ProxyIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super(`Invalid proxy configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'ProxyConfigError';
    Object.defineProperty(this, BRAND, { value: true });
    this.issues = issues;
  }
}
