import { docsUrl } from './docs-url.ts';
import { SettingsError, type SettingsIssue } from './settings-error.ts';

/** Every ConfigIssueCode, for exhaustive checks. */
export const CONFIG_ISSUE_CODES = [
  // the options object and its names
  'options-not-object',
  'unknown-option',
  // another CORS library's name for an option corsguard has under its own name
  'option-renamed',
  // another CORS library's option that corsguard covers differently; the message says how
  'option-not-offered',
  'not-boolean',
  'not-a-list',
  'not-a-string',
  // origin as a whole
  'origin-required',
  'origin-reflect-all',
  'origin-any-with-credentials',
  'origin-empty-array',
  'origin-any-in-list',
  'origin-entry-type',
  'origin-null-needs-opt-in',
  'null-opt-in-unused',
  'origin-regexp-unanchored',
  'origin-regexp-alternation',
  // one origin string
  'origin-empty',
  'origin-control-character',
  'origin-whitespace',
  'origin-several-in-one-string',
  'origin-no-scheme',
  'origin-invalid-scheme',
  'origin-file-scheme',
  'origin-scheme-case',
  'origin-trailing-slash',
  'origin-path',
  'origin-user-info',
  'origin-no-host',
  'origin-invalid-port',
  'origin-default-port',
  'origin-wildcard-misplaced',
  'origin-wildcard-ip',
  'origin-wildcard-scheme',
  'origin-non-ascii',
  'origin-host-case',
  'origin-invalid-host',
  'origin-host-too-long',
  'origin-label-too-long',
  'origin-host-not-canonical',
  'origin-insecure-with-credentials',
  'origin-custom-scheme-with-credentials',
  'origin-public-suffix-wildcard',
  // methods, allowedHeaders, exposedHeaders
  'method-several-in-one-string',
  'method-invalid',
  'method-forbidden',
  'method-case',
  'header-several-in-one-string',
  'header-invalid',
  'header-forbidden',
  'header-cors-protocol',
  'exposed-header-forbidden',
  'expose-any-with-credentials',
  // the other options
  'max-age-invalid',
  'success-status-invalid',
  'csrf-invalid',
  'csrf-unknown-option',
  'csrf-exempt-paths-invalid',
  'csrf-exempt-path-invalid',
  'csrf-with-any-origin',
  'debug-invalid',
] as const;

/** What is wrong with one configuration entry. Stable: match on it in code and tests, not on the message. */
export type ConfigIssueCode = (typeof CONFIG_ISSUE_CODES)[number];

/** One problem found in a CORS configuration: what it is, where it is and what to do about it. */
export interface ConfigIssue extends SettingsIssue<ConfigIssueCode> {
  /** The code's page on the documentation site: what it means, an example, the fix. */
  readonly docs: string;
}

/**
 * Thrown by `createCors`, `cors()` and `reconfigure()` when the options are invalid.
 * `issues` lists every problem at once, each with a suggested fix. `instanceof` holds for errors
 * from either build, so mixing `import` and `require` is safe.
 */
export class CorsConfigError extends SettingsError<ConfigIssue> {
  static override readonly brand = Symbol.for('corsguard.CorsConfigError');
  override readonly name = 'CorsConfigError';

  /** An issue given without `docs` gets its code's page. */
  constructor(issues: readonly (SettingsIssue<ConfigIssueCode> & { readonly docs?: string })[]) {
    super(
      'Invalid CORS configuration',
      issues.map((issue): ConfigIssue => ({ ...issue, docs: issue.docs ?? docsUrl('config', issue.code) })),
    );
  }
}

/** Collects issues while the options are validated; `report(code, path, message)` adds one. */
export class IssueList {
  readonly issues: ConfigIssue[] = [];

  report(code: ConfigIssueCode, path: string, message: string): void {
    this.issues.push({ code, path, message, docs: docsUrl('config', code) });
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new CorsConfigError(this.issues);
  }
}

/**
 * A configured value for a message: in single quotes, or JSON-escaped when it holds a control
 * character, so that a stray newline shows as `\n` instead of breaking the message.
 */
export function quote(value: string): string {
  return CONTROL_CHARACTER.test(value) ? JSON.stringify(value) : `'${value}'`;
}

export const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;
