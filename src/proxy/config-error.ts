import type { ConfigIssueCode } from '../core/errors.ts';
import { SettingsError, type SettingsIssue } from '../core/settings-error.ts';

/**
 * What is wrong with one createProxy option. Stable: match on it in code and tests, not on the
 * message. The command's own codes (its config file, its flags) are `corsguard proxy`'s, not these.
 */
export const PROXY_ISSUE_CODES = [
  'proxy-options-not-object',
  'proxy-unknown-option',
  'upstream-required',
  'upstream-invalid',
  'upstream-scheme',
  'upstream-credentials',
  'upstream-query',
  'timeout-invalid',
  'max-connections-invalid',
  'websockets-invalid',
  'public-host-invalid',
  'body-methods-invalid',
  'cors-required',
  'preflight-continue-unsupported',
] as const;

export type ProxyIssueCode = (typeof PROXY_ISSUE_CODES)[number];

/** One problem with one createProxy option: the gateway's own, or the CORS policy's (paths under `cors.`). */
export interface ProxyOptionsIssue extends SettingsIssue<ProxyIssueCode | ConfigIssueCode> {}

/**
 * Thrown by `createProxy` when its options are invalid: every problem at once, the gateway's own
 * (`upstream`, `timeout`, …) and the CORS policy's (the CorsConfigError issues, paths under `cors.`).
 * `instanceof` holds for errors from either build.
 */
export class ProxyConfigError extends SettingsError<ProxyOptionsIssue> {
  static override readonly brand = Symbol.for('corsguard.ProxyConfigError');
  override readonly name = 'ProxyConfigError';

  constructor(issues: readonly ProxyOptionsIssue[]) {
    super('Invalid proxy configuration', issues);
  }
}

/**
 * For src/export only, until ExportConfigError names the codes it adds itself (`port-invalid` for
 * its port, `corsguard export`'s `argument-invalid`): not exported from corsguard/proxy, whose
 * `ProxyIssue` is ProxyOptionsIssue. Remove with that change.
 */
export interface ProxyIssue extends SettingsIssue<ProxyOptionsIssue['code'] | 'port-invalid' | 'argument-invalid'> {}
