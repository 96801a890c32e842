/** One problem found in a CORS configuration: where it is and what to do about it. */
export interface ConfigIssue {
  /** Option path, for example `origin[2]` or `allowedHeaders[0]`. */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** Marks instances across copies of this class (the ESM and CommonJS builds are two modules). */
const BRAND = Symbol.for('corsguard.CorsConfigError');

/**
 * Thrown by `createCors`, `cors()` and `reconfigure()` when the options are invalid.
 * `issues` lists every problem at once, each with a suggested fix.
 */
export class CorsConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  /** `instanceof` holds for errors from either build, so mixing `import` and `require` is safe. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super(
      `Invalid CORS configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.name = 'CorsConfigError';
    Object.defineProperty(this, BRAND, { value: true });
    this.issues = issues;
  }
}

/** Collects issues while the options are validated; `report(path, message)` adds one. */
export class IssueList {
  readonly issues: ConfigIssue[] = [];

  report(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new CorsConfigError(this.issues);
  }
}
