import { compilePolicy, type Policy } from './compile.ts';
import { decide } from './decide.ts';
import type { CorsDecision } from './decision.ts';
import { docsUrl } from './docs-url.ts';
import type { CorsOptions } from './options.ts';
import { CorsConfigError } from './errors.ts';
import { explain } from './reasons.ts';
import { isThenable } from './thenable.ts';
import { plainRequestReader, type PlainRequest, type RequestReader } from './request.ts';

/** A compiled CORS policy: decides per request, and can be swapped at run time. */
export interface Cors<Req = unknown> {
  /**
   * Decides for one request read through `reader`. Synchronous unless the origin predicate returns
   * a promise. Throws or rejects only when the origin predicate does.
   */
  decide<R extends Req>(request: R, reader: RequestReader<R>): CorsDecision | Promise<CorsDecision>;
  /** Decides for a plain `{ method, headers, url }` description of a request. */
  decide(request: PlainRequest): CorsDecision | Promise<CorsDecision>;
  /**
   * Validates and compiles new options, then swaps them in atomically. The new options replace the
   * whole set (nothing is kept from the old one); pass a function to derive them from the current
   * options: `reconfigure((current) => ({ ...current, origin: [...] }))`. Throws CorsConfigError
   * and keeps the old policy on bad options.
   */
  reconfigure(options: Reconfiguration<Req>): void;
}

/** New options, or a function from the current options to the new ones. */
export type Reconfiguration<Req = unknown> = CorsOptions<Req> | ((current: CorsOptions<Req>) => CorsOptions<Req>);

/** Validates and compiles `options` once. Throws one CorsConfigError listing every problem. */
export function createCors<Req = unknown>(options: CorsOptions<Req>): Cors<Req> {
  let policy: Policy = compilePolicy(options);
  let current = options;
  return {
    decide(request: unknown, reader: RequestReader<unknown> = plainRequestReader as RequestReader<unknown>) {
      const current = policy;
      const result = decide(current, request, reader);
      if (current.debug === undefined) return result;
      // decide() only ever makes native promises (the origin predicate's answer is normalised).
      if (result instanceof Promise) return result.then((settled) => report(current, request, reader, settled));
      return report(current, request, reader, result);
    },
    reconfigure(next: Reconfiguration<Req>) {
      const options = typeof next === 'function' ? next(frozenCopy(current)) : next;
      if (isThenable(options)) {
        throw new CorsConfigError([
          {
            code: 'options-not-object',
            path: 'options',
            message:
              'reconfigure() takes options or a synchronous function returning them, not a promise: await what you need first, then call reconfigure(options).',
          },
        ]);
      }
      policy = compilePolicy(options);
      current = options;
    },
  } as Cors<Req>;
}

function report(policy: Policy, request: unknown, reader: RequestReader<unknown>, result: CorsDecision): CorsDecision {
  const method = reader.method(request);
  const origin = reader.header(request, 'origin');
  const message = explain(result.reason, { origin, method, detail: result.detail });
  try {
    const pending: unknown = policy.debug?.({
      kind: result.kind,
      method,
      path: reader.path(request),
      origin,
      allowed: result.allowed,
      status: result.status,
      reason: result.reason,
      ...(result.detail === undefined ? {} : { detail: result.detail }),
      message,
      docs: docsUrl('decision', result.reason),
    });
    // An async callback that rejects must not become an unhandled rejection (which ends the process).
    if (isThenable(pending)) pending.then(undefined, ignore);
  } catch {
    // A failing debug callback must not change the answer.
  }
  return result;
}

const ignore = (): void => {};

/** The current options for a reconfigure function: a copy it cannot change (arrays included), so a failed reconfigure leaves nothing behind. */
function frozenCopy<Options extends object>(options: Options): Options {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options))
    copy[name] = Array.isArray(value) ? Object.freeze(value.slice()) : value;
  return Object.freeze(copy) as Options;
}
