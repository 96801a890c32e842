// How many client connections createProxyServer accepts at once (node's server.maxConnections).
// Each proxied connection can hold a second descriptor upstream (an unpooled body, a WebSocket
// tunnel), so a flood past half the descriptor limit would leave none for upstream connections,
// log files or DNS: every request in flight would fail with it.
import { readFileSync } from 'node:fs';

/** The default where the descriptor limit is not known (or high). */
export const DEFAULT_MAX_CONNECTIONS = 10_000;

/** Descriptors kept for everything but connections: stdio, the listening socket, logs, DNS, the upstream pool's spares. */
const RESERVED = 32;

/** `maxConnections` when none is given: the default, lowered to fit the process's descriptor limit where it is known. */
export function defaultMaxConnections(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_MAX_CONNECTIONS;
  return Math.max(1, Math.min(DEFAULT_MAX_CONNECTIONS, Math.floor((limit - RESERVED) / 2)));
}

/** The soft RLIMIT_NOFILE (Linux: /proc/self/limits; node raises it to the hard limit at start), or undefined. */
export function descriptorLimit(): number | undefined {
  try {
    const line = /^Max open files +(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line === null || line[1] === 'unlimited' ? undefined : Number(line[1]);
  } catch {
    return undefined;
  }
}
