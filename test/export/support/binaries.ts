// The front servers' binaries. Outside CI a missing one skips its target's suites with one loud
// line; with CI=true it is a failure, so a CI run never passes without them.
import { existsSync } from 'node:fs';
import type { ExportTarget } from '../../../src/export/index.ts';

export const BINARIES: Record<ExportTarget, string> = {
  nginx: process.env.NGINX ?? '/usr/sbin/nginx',
  apache: process.env.APACHE ?? '/usr/sbin/apache2',
  caddy: process.env.CADDY ?? '/usr/bin/caddy',
  haproxy: process.env.HAPROXY ?? '/usr/sbin/haproxy',
};

/** Why `target` cannot run here (its suites are skipped), or undefined when it can. Throws under CI=true. */
export function frontServerUnavailable(target: ExportTarget): string | undefined {
  return missingBinary(target, BINARIES[target], process.env.CI === 'true');
}

/** The rule itself, for a binary at any path: undefined when it exists, else a loud skip (a failure in CI). */
export function missingBinary(target: ExportTarget, binary: string, ci: boolean): string | undefined {
  if (existsSync(binary)) return undefined;
  const message = `${target} not found at ${binary} (scripts/install-front-servers.sh, or set ${target.toUpperCase()})`;
  if (ci) throw new Error(`${message}; the export suites are required in CI.`);
  console.warn(`\n!!!!! EXPORT SUITE SKIPPED: ${message} !!!!!\n`);
  return message;
}
