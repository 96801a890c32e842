/**
 * corsguard options that make a server answer a request correctly: data a script can merge into
 * its options (`cors({ ...current, ...fix.options })`, lists concatenated), not code.
 */
export interface FixOptions {
  readonly origin?: readonly string[];
  readonly methods?: readonly string[];
  readonly allowedHeaders?: readonly string[];
  readonly exposedHeaders?: readonly string[];
  readonly credentials?: true;
}

const ORDER = ['origin', 'methods', 'allowedHeaders', 'exposedHeaders', 'credentials'] as const;

/** The options as a person would write them: `origin: ['https://a.example'], credentials: true`. */
export function formatFixOptions(options: FixOptions): string {
  const parts: string[] = [];
  for (const key of ORDER) {
    const value = options[key];
    if (value === undefined) continue;
    parts.push(
      `${key}: ${typeof value === 'boolean' ? String(value) : `[${value.map((item) => `'${item}'`).join(', ')}]`}`,
    );
  }
  return parts.join(', ');
}
