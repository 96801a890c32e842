// The simulator's copy of this browser's cookie jar: every Set-Cookie the simulator says the
// browser stored is handed back to it on the next send, as the browser's own jar does.
import { parseSetCookie } from '../../../src/simulate/cookies/set-cookie.ts';
import type { CookieReport, SimulatedCookie } from '../../../src/simulate/index.ts';
import type { WireRecord } from '../wire.ts';

/** Keyed by name and partition: a partitioned cookie and an unpartitioned one of a name are two. */
const held = new Map<string, SimulatedCookie>();

export function heldCookies(): SimulatedCookie[] {
  return [...held.values()];
}

export function keepStored(report: CookieReport | undefined, pageOrigin: string): void {
  for (const entry of report?.set ?? []) {
    const cookie = entry.stored && entry.line !== undefined ? parseSetCookie(entry.line) : undefined;
    if (cookie === undefined) continue;
    held.set(`${cookie.name} ${entry.partition ?? ''}`, {
      ...cookie,
      setBy: 'response',
      setFrom: pageOrigin,
      ...(entry.url !== undefined ? { setOn: entry.url } : {}),
    });
  }
}

/** The cookie names the simulator says go with the actual request (not the preflight). */
export function simulatedSent(report: CookieReport | undefined): readonly string[] {
  return report?.exchanges.find((exchange) => exchange.kind === 'request')?.sent ?? [];
}

/** The cookie names the API received with the browser's actual request. */
export function browserSent(actual: WireRecord | undefined): readonly string[] {
  return actual?.cookiesReceived ?? [];
}

/** Same names, whatever the order. */
export function sameCookies(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}
