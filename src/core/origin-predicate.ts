import type { OriginPredicate } from './options.ts';
import { isThenable } from './thenable.ts';

export type CorsPredicateErrorCode =
  /** The predicate returned (or its promise resolved to) something other than true or false. */
  | 'predicate-not-boolean'
  /** The predicate called its second argument, the request, as a function: a callback-style predicate. */
  | 'predicate-called-callback'
  /**
   * The predicate threw (or rejected with) undefined or null: no error a framework can handle
   * (`next(undefined)` means "carry on", so it would skip the policy).
   */
  | 'predicate-threw-nothing';

/** Marks instances across copies of this class (the ESM and CommonJS builds are two modules). */
const BRAND = Symbol.for('corsguard.CorsPredicateError');

/**
 * Thrown (or, for an async predicate, rejected with) when the `origin` predicate breaks its
 * contract: it must return true or false, or a promise of one. A programming error, not a refusal:
 * adapters pass it on to the framework's error handling.
 */
export class CorsPredicateError extends TypeError {
  readonly code: CorsPredicateErrorCode;
  /** What the predicate returned or resolved to; undefined when it threw. */
  readonly returned: unknown;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(code: CorsPredicateErrorCode, message: string, returned: unknown, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CorsPredicateError';
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
    this.returned = returned;
  }
}

const EXPECTED = 'corsguard calls it as (origin, request) and expects true or false (or a promise of one)';
const CALLBACK_HINT =
  'If it is written in the callback style of expressjs/cors or @fastify/cors ((origin, callback) => callback(null, true)), return the boolean instead of calling a callback.';

/**
 * Runs the origin predicate: true or false, or a promise of one. Throws (or rejects with) a
 * CorsPredicateError when it answers anything else; any other error it throws passes through.
 */
export function runOriginPredicate(
  predicate: OriginPredicate<never>,
  origin: string,
  request: unknown,
): boolean | Promise<boolean> {
  let answer: unknown;
  try {
    // The compiled policy stores predicates of any request type; the adapter passes its own request.
    answer = predicate(origin, request as never);
  } catch (error) {
    throw failure(predicate, error);
  }
  if (typeof answer === 'boolean') return answer;
  if (isThenable(answer)) {
    return Promise.resolve(answer).then(
      (settled) => {
        if (typeof settled === 'boolean') return settled;
        throw notBoolean(settled, 'resolved to');
      },
      (error: unknown) => {
        throw failure(predicate, error);
      },
    );
  }
  throw notBoolean(answer, 'returned');
}

/** What a predicate that threw or rejected is reported as: its own error, unless that is no error at all or a callback-style call. */
function failure(predicate: OriginPredicate<never>, error: unknown): unknown {
  if (error === undefined || error === null) {
    return new CorsPredicateError(
      'predicate-threw-nothing',
      `The origin predicate threw ${String(error)}; ${EXPECTED}. Throw an Error (or reject with one) when it cannot decide.`,
      undefined,
    );
  }
  return calledCallback(predicate, error) ?? error;
}

/**
 * `(origin, cb) => cb(null, true)` calls the request object: V8 says "cb is not a function". Only a
 * predicate declaring a second parameter can be one; any other error passes through untouched.
 */
function calledCallback(predicate: OriginPredicate<never>, error: unknown): CorsPredicateError | undefined {
  if (predicate.length < 2 || !(error instanceof TypeError) || !error.message.includes('is not a function'))
    return undefined;
  return new CorsPredicateError(
    'predicate-called-callback',
    `The origin predicate threw TypeError: ${error.message}. ${EXPECTED}. ${CALLBACK_HINT}`,
    undefined,
    error,
  );
}

function notBoolean(value: unknown, verb: 'returned' | 'resolved to'): CorsPredicateError {
  let hint = '';
  if (value === undefined) {
    hint = ` ${CALLBACK_HINT} Otherwise check that every path of the predicate returns true or false.`;
  } else if (value === null || typeof value === 'string') {
    hint =
      " hono/cors and @koa/cors predicates return the origin to allow (or null); corsguard's returns whether to allow it, e.g. (origin) => allowed.includes(origin).";
  }
  return new CorsPredicateError(
    'predicate-not-boolean',
    `The origin predicate ${verb} ${render(value)}; ${EXPECTED}.${hint}`,
    value,
  );
}

/** A short rendering of what the predicate returned: its type and, for a primitive, its value. */
function render(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'symbol') {
    return `the ${typeof value} ${String(value)}`;
  }
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return 'an object';
}
