// Options chosen per request (expressjs/cors's `cors((req, cb) => cb(null, options))`, @fastify/cors's
// `delegator`) cannot be checked at start-up: each distinct set is translated and compiled the
// first time it is seen and kept, so a delegator returning the same few option sets compiles each
// once. Options that fail validation fail that request (its framework's error handling).
import type { Cors } from '../cors.ts';
import { createPeerCors } from './translate.ts';
import type { PeerSpec } from './spec.ts';

/** Distinct option sets kept by value; past this many the cache starts again (a delegator building unbounded variety). */
const MAX_KEPT = 256;

export class PerRequestEngines<Req> {
  readonly #byObject = new WeakMap<object, Cors<Req> | null>();
  readonly #byValue = new Map<string, Cors<Req> | null>();
  readonly #spec: PeerSpec;
  readonly #thisArg: unknown;

  constructor(spec: PeerSpec, thisArg?: unknown) {
    this.#spec = spec;
    this.#thisArg = thisArg;
  }

  /** The engine for these options; undefined when they turn CORS off. Throws CorsConfigError. */
  engineFor(options: unknown): Cors<Req> | undefined {
    const isObject = options !== null && typeof options === 'object';
    if (isObject) {
      const known = this.#byObject.get(options);
      if (known !== undefined) return known ?? undefined;
    }
    const key = valueKey(options);
    let engine = this.#byValue.get(key);
    if (engine === undefined) {
      engine = createPeerCors<Req>(options, this.#spec, this.#thisArg) ?? null;
      if (this.#byValue.size >= MAX_KEPT) this.#byValue.clear();
      this.#byValue.set(key, engine);
    }
    if (isObject) this.#byObject.set(options, engine);
    return engine ?? undefined;
  }
}

const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;

/** A string equal for option sets that configure the same thing (functions by identity, RegExps by source and flags). */
function valueKey(options: unknown): string {
  return (
    JSON.stringify(options, (_name, value: unknown) => {
      if (typeof value === 'function') {
        let id = functionIds.get(value);
        if (id === undefined) {
          id = nextFunctionId++;
          functionIds.set(value, id);
        }
        return `\u0000function#${id}`;
      }
      if (value instanceof RegExp) return `\u0000regexp:${String(value)}`;
      if (value === undefined) return '\u0000undefined';
      return value;
    }) ?? 'undefined'
  );
}
