import type { Cors, Reconfiguration } from '../../core/cors.ts';

/** Gives a middleware the engine's `reconfigure`. */
export function withReconfigure<M extends object, Req>(
  middleware: M,
  engine: Cors<Req>,
): M & { reconfigure(next: Reconfiguration<Req>): void } {
  return Object.assign(middleware, { reconfigure: (next: Reconfiguration<Req>) => engine.reconfigure(next) });
}
