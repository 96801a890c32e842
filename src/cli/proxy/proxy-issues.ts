import type { SettingsIssue } from '../../core/settings-error.ts';
import type { ProxyOptionsIssue } from '../../proxy/config-error.ts';

/** What `corsguard proxy` reports on top of createProxy's codes: its config file and its flags. Stable. */
export const PROXY_CLI_ISSUE_CODES = [
  'config-file-invalid',
  'port-invalid',
  'host-invalid',
  'json-logs-invalid',
  'argument-invalid',
] as const;

export type ProxyCliIssueCode = (typeof PROXY_CLI_ISSUE_CODES)[number];

/** One problem with `corsguard proxy`'s settings: a createProxy option's, or the command's own. */
export interface ProxyCliIssue extends SettingsIssue<ProxyOptionsIssue['code'] | ProxyCliIssueCode> {}
