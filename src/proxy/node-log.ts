import type { IncomingMessage } from 'node:http';
import { nodeRequestReader } from '../http/node-request.ts';
import type { ReasonCode } from '../core/reasons.ts';
import type { ProxyLogEntry, ProxyOutcome } from './log.ts';
import type { ProxyConfig } from './options.ts';

/** Hands one access-log entry for a node:http request to `onLog`; a throwing logger is ignored. */
export function logNodeRequest(
  config: ProxyConfig,
  request: IncomingMessage,
  reason: ReasonCode | undefined,
  outcome: ProxyOutcome,
  status: number,
  upstreamStatus: number | undefined,
  start: number,
): void {
  if (config.onLog === undefined) return;
  const entry: ProxyLogEntry = {
    method: request.method ?? 'GET',
    path: nodeRequestReader.path(request),
    status,
    origin: nodeRequestReader.header(request, 'origin'),
    reason,
    upstreamStatus,
    outcome,
    ms: Math.round((performance.now() - start) * 100) / 100,
  };
  try {
    config.onLog(entry);
  } catch {
    // A failing logger must not take the gateway down.
  }
}
