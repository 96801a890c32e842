import type { ConfigIssue } from '../core/errors.ts';
import type { ProxyIssue } from '../proxy/config-error.ts';
import { SettingsError } from '../core/settings-error.ts';

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

/**
 * Thrown by `exportConfig` when the settings are invalid or hold something the target cannot
 * express: every problem at once, the middleware's (`cors.…` paths), the gateway's and the export's.
 */
export class ExportConfigError extends SettingsError<ExportIssue> {
  static override readonly brand = Symbol.for('corsguard.ExportConfigError');
  override readonly name = 'ExportConfigError';

  constructor(issues: readonly ExportIssue[]) {
    super('Cannot export this configuration', issues);
  }
}
