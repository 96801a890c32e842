// One rule for every browser engine the tests drive: outside CI a missing engine skips its suites
// with one loud line; with CI=true it is a failure, so a CI run never passes without them.
import { existsSync } from 'node:fs';

/** The first of `paths` that does not exist, or undefined when all do. */
export function firstMissing(paths: readonly string[]): string | undefined {
  return paths.find((path) => !existsSync(path));
}

/**
 * Why `engine` cannot run here (its suites are skipped), or undefined when it can. Throws under
 * CI=true when something is missing.
 */
export function browserUnavailable(engine: string, paths: readonly string[], install: string): string | undefined {
  const missing = firstMissing(paths);
  if (missing === undefined) return undefined;
  const message = `${engine} not found at ${missing} (${install})`;
  if (process.env.CI === 'true') throw new Error(`${message}; browser suites are required in CI.`);
  console.warn(`\n!!!!! BROWSER SUITE SKIPPED: ${message} !!!!!\n`);
  return message;
}
