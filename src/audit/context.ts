import type { Transport } from '../simulate/index.ts';
import type { FindingCollector } from './collector.ts';
import type { Exchange } from './exchange.ts';
import type { Send } from './sender.ts';
import type { Session } from './session.ts';
import type { TargetNote } from './types.ts';

/** What the user asked for, the same for every URL. */
export interface AuditPlan {
  readonly trusted: readonly string[];
  /** Origins that must never be allowed (--untrusted). */
  readonly untrusted: readonly string[];
  /** Headers the front end sets (-H), on every request it makes. */
  readonly headers: readonly (readonly [string, string])[];
  readonly methods: readonly string[];
  /** Methods of the URL's operations (an OpenAPI document's), each probed in an unrelated origin's preflight. */
  readonly preflightMethods: readonly string[];
  readonly credentials: boolean;
  readonly unsafe: boolean;
  /** -H and --cookie, on every probe of the URL but preflights. */
  readonly session: Session;
}

/** Everything the checks for one URL share. */
export interface TargetContext extends AuditPlan {
  readonly url: string;
  /** A random label for this URL's unrelated origins. */
  readonly nonce: string;
  readonly send: Send;
  /** The guarded transport, for the simulator. */
  readonly transport: Transport;
  readonly findings: FindingCollector;
  /** Every exchange so far (for the passive and Vary checks). */
  readonly exchanges: Exchange[];
  readonly notes: TargetNote[];
}

/** Sends a probe and records the exchange. */
export async function probe(
  context: TargetContext,
  method: string,
  headers: Record<string, string>,
): Promise<Exchange> {
  const exchange = await context.send(method, context.url, headers);
  context.exchanges.push(exchange);
  return exchange;
}

/** Waits for every task (none is left running), then throws the first failure, if any. */
export async function settleAll(tasks: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
