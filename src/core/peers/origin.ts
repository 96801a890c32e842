// The `origin` option of expressjs/cors and @fastify/cors: true (reflect), false (CORS off), a
// string sent as written, a RegExp or an array tested against the request's Origin, or a function
// answering any of those through a callback (or, in @fastify/cors, a promise).
import type { IssueList } from '../errors.ts';
import type { OriginOption, OriginPredicate } from '../options.ts';
import type { PeerSpec } from './spec.ts';

/** What the peer's origin option becomes: corsguard's origin, or CORS switched off. */
export type TranslatedOrigin =
  | { readonly off: true }
  | {
      readonly off: false;
      readonly origin: OriginOption<never>;
      readonly allowNull: boolean;
      readonly credentials: boolean;
    };

const OFF = { off: true } as const;

export function translateOrigin(
  value: unknown,
  credentials: boolean,
  spec: PeerSpec,
  thisArg: unknown,
  issues: IssueList,
): TranslatedOrigin {
  const allowed = (
    origin: OriginOption<never>,
    allowNull = false,
    withCredentials = credentials,
  ): TranslatedOrigin => ({
    off: false,
    origin,
    allowNull,
    credentials: withCredentials,
  });
  if (value === false) return OFF;
  const reflects = value === true || (spec.anyWithCredentialsReflects && (value === undefined || value === '*'));
  if (reflects) {
    if (!credentials) return allowed('*'); // reflecting every origin without cookies is what '*' does
    const shape = value === true ? 'origin: true' : value === '*' ? "origin: '*'" : 'no origin option';
    issues.report(
      'origin-reflect-all',
      'origin',
      `${shape} with credentials: ${spec.name} reflected every Origin with Access-Control-Allow-Credentials: true, so any website could read your users' authenticated responses. List the origins that need cookies (origin: ['https://app.example.com']), or decide per request with a function.`,
    );
    return allowed('*', false, false);
  }
  // '*' with credentials: browsers refuse the credentialed requests and allow the others, as '*' alone does.
  if (value === undefined || value === '*') return allowed('*', false, false);
  if (typeof value === 'function') {
    const predicate =
      spec.originFunction === 'callback'
        ? callbackPredicate(value as PeerOriginFunction, credentials, spec, thisArg)
        : spec.originFunction === 'predicate'
          ? (value as OriginPredicate<unknown>)
          : answeringPredicate(value as (first: unknown, second?: unknown) => unknown, credentials, spec);
    return allowed(predicate);
  }
  const entries: unknown[] | undefined = Array.isArray(value) ? value : undefined;
  if (entries?.includes('*')) return allowed('*', false, false);
  if (value === 'null' || entries?.includes('null')) {
    if (!credentials) return allowed(value as OriginOption, true);
    issues.report(
      'origin-null-needs-opt-in',
      'origin',
      `lists 'null' with credentials: true: ${spec.name} allowed it, but browsers send Origin: null from sandboxed iframes, data: and file: pages, which any website can create, so every site could read your users' authenticated responses. Remove 'null', or drop credentials (without them 'null' is allowed); dangerouslyAllowNullOrigin: true is the explicit opt-in.`,
    );
  }
  return allowed(value as OriginOption);
}

type PeerOriginFunction = (
  this: unknown,
  origin: string,
  callback: (error: unknown, answer?: unknown) => void,
) => unknown;

/**
 * The peer's `(origin, callback)` function as a corsguard predicate: synchronous when the callback
 * is called (or a boolean returned) before it returns, a promise otherwise. A returned promise (a
 * @fastify/cors async function) counts as the answer too.
 */
function callbackPredicate(
  fn: PeerOriginFunction,
  credentials: boolean,
  spec: PeerSpec,
  thisArg: unknown,
): OriginPredicate<unknown> {
  return (origin) => {
    // Widened: the callback changes it during fn.call, which TypeScript's narrowing cannot see.
    let state = 'waiting' as 'waiting' | 'answered' | 'failed';
    let result: unknown;
    let settle: ((error: unknown, answer?: unknown) => void) | undefined;
    const callback = (error: unknown, answer?: unknown): void => {
      if (state !== 'waiting') return;
      if (settle !== undefined) return settle(error, answer);
      if (error !== null && error !== undefined) {
        state = 'failed';
        result = error;
      } else {
        state = 'answered';
        result = answer;
      }
    };
    const returned = fn.call(thisArg, origin, callback);
    if (state === 'waiting' && typeof returned === 'boolean') {
      state = 'answered';
      result = returned;
    }
    if (state === 'answered') return allows(result, origin, credentials, spec);
    if (state === 'failed') throw result;
    return new Promise<boolean>((resolve, reject) => {
      settle = (error, answer) => {
        if (state !== 'waiting') return;
        state = 'answered';
        if (error !== null && error !== undefined) reject(error);
        else {
          try {
            resolve(allows(answer, origin, credentials, spec));
          } catch (failure) {
            reject(failure);
          }
        }
      };
      if (
        returned !== null &&
        typeof returned === 'object' &&
        typeof (returned as PromiseLike<unknown>).then === 'function'
      ) {
        (returned as PromiseLike<unknown>).then(
          (answer) => settle?.(null, answer),
          (error: unknown) => settle?.(error ?? new Error('The origin function rejected without a reason')),
        );
      }
    });
  };
}

/**
 * A function answering the Allow-Origin value (or a promise of it; a boolean is taken as is):
 * @koa/cors's `origin(ctx)`. A falsy answer allows nothing.
 */
export function answeringPredicate(
  fn: (first: unknown, second?: unknown) => unknown,
  credentials: boolean,
  spec: PeerSpec,
): OriginPredicate<unknown> {
  return (origin, context) => {
    const answer = fn(context);
    if (answer !== null && typeof answer === 'object' && typeof (answer as PromiseLike<unknown>).then === 'function') {
      return Promise.resolve(answer).then((settled) => allows(settled, origin, credentials, spec));
    }
    return allows(answer, origin, credentials, spec);
  };
}

/** Whether the peer's answer for `origin` lets it read the response, as the browser would judge the peer's headers. */
export function allows(answer: unknown, origin: string, credentials: boolean, spec: PeerSpec): boolean {
  if (answer === true) return true;
  if (answer === false) return false;
  if (!answer) {
    // @fastify/cors fails the request on null, undefined or ''; expressjs/cors sends no CORS headers.
    if (spec.falsyAnswerFails) throw new Error('Invalid CORS origin option');
    return false;
  }
  // '*' with credentials: browsers refuse every credentialed request, so the origin is refused.
  if (answer === '*') return !credentials;
  if (typeof answer === 'string') return answer === origin;
  if (answer instanceof RegExp) {
    answer.lastIndex = 0;
    return answer.test(origin);
  }
  // ['*'] means every origin, as in the static option (@fastify/cors's reading; expressjs/cors matched no origin).
  if (Array.isArray(answer)) return answer.some((entry) => allows(entry, origin, credentials, spec));
  return true;
}
