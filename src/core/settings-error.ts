/** One problem with one setting: which rule it breaks, where, and what to do about it. */
export interface SettingsIssue<Code extends string = string> {
  /** Which rule the setting breaks. Stable: match on it in code and tests, not on the message. */
  readonly code: Code;
  /** Setting path, for example `origin[2]` or `cors.origin[1]`. */
  readonly path: string;
  /** What is wrong and how to fix it, for a person. */
  readonly message: string;
}

interface Branded {
  readonly brand: symbol;
}

/**
 * The base of every "invalid settings" error (CorsConfigError and those of other corsguard
 * modules): every problem found at once, each with a code, a path and a fix.
 *
 * The ESM and CommonJS builds are two copies of each class, so `instanceof` checks a brand instead
 * of the prototype chain: each subclass sets a static `brand` of `Symbol.for('corsguard.<Name>')`,
 * and an instance carries the brand of its class and of every class above it.
 */
export abstract class SettingsError<Issue extends SettingsIssue = SettingsIssue> extends Error {
  static readonly brand: symbol = Symbol.for('corsguard.SettingsError');

  readonly issues: readonly Issue[];

  /** Brand check across copies; a subclass without a brand of its own falls back to the prototype chain. */
  static override [Symbol.hasInstance](this: Branded, value: unknown): boolean {
    if (!Object.hasOwn(this, 'brand')) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[this.brand] === true;
  }

  /** `title` heads the message, for example `Invalid CORS configuration`. */
  protected constructor(title: string, issues: readonly Issue[]) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super(`${title} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.issues = issues;
    for (let type: object = new.target; type !== Error; type = Object.getPrototypeOf(type) as object) {
      if (Object.hasOwn(type, 'brand')) Object.defineProperty(this, (type as Branded).brand, { value: true });
    }
  }
}
