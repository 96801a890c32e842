// hono/cors's `origin(origin, c)` answers the Access-Control-Allow-Origin value. corsguard/hono's
// `cors` reads it whatever other options are given, as the browser would read hono/cors's header
// (https://fetch.spec.whatwg.org/#cors-check): the request's own origin allows it, '*' allows it
// without credentials, anything else allows nothing, and nothing fails the request. A boolean
// keeps corsguard's predicate meaning; any other type is left to corsguard's contract check.
import type { OriginPredicate } from '../options.ts';
import { isPotentiallyTrustworthyHost } from '../origin-host.ts';
import { isThenable } from '../thenable.ts';

/** Why a string (or empty) answer allowed nothing: the `detail` of the debug event. */
export type HonoAnswerRefusal =
  /** null, undefined or '': hono/cors sends no Allow-Origin. */
  | 'answer-empty'
  /** Another origin, or a string that is no origin at all: the browser refuses the request. */
  | 'answer-not-request-origin'
  /** '*' with credentials: browsers refuse credentialed requests, and corsguard never sends '*' with Allow-Credentials. */
  | 'answer-wildcard-with-credentials'
  /** An http: origin (not loopback) with credentials, refused at start-up when listed (origin-insecure-with-credentials). */
  | 'answer-insecure-with-credentials'
  /** A non-web scheme (capacitor://…) with credentials, refused at start-up when listed (origin-custom-scheme-with-credentials). */
  | 'answer-custom-scheme-with-credentials';

/** An origin no site can have (the .invalid TLD, https://www.rfc-editor.org/rfc/rfc2606#section-2). */
export const PROBE_ORIGIN = 'https://corsguard-probe.invalid';

/**
 * Asked once at start-up, without a context: a function that answers an origin no site has with
 * that origin reflects every origin (hono/cors's `origin: (origin) => origin`). A function that
 * throws (it reads `c`) or answers with a promise tells nothing here and is read per request.
 */
export function reflectsEveryOrigin(fn: (origin: string, c: never) => unknown): boolean {
  let answer: unknown;
  try {
    answer = fn(PROBE_ORIGIN, undefined as never);
  } catch {
    return false;
  }
  if (isThenable(answer)) {
    Promise.resolve(answer).then(undefined, () => {}); // a rejection here is nobody's business
    return false;
  }
  return answer === PROBE_ORIGIN;
}

export interface HonoOriginRules {
  readonly credentials: boolean;
  readonly allowInsecure: boolean;
  readonly allowCustomSchemes: boolean;
}

/** True, a refusal, or (not a string, boolean or empty) the answer itself for corsguard's contract check. */
export function honoVerdict(
  answer: unknown,
  origin: string,
  rules: HonoOriginRules,
): true | HonoAnswerRefusal | { readonly other: unknown } {
  if (answer === null || answer === undefined || answer === '') return 'answer-empty';
  if (typeof answer !== 'string') return { other: answer };
  if (answer === '*') return rules.credentials ? 'answer-wildcard-with-credentials' : true;
  if (answer !== origin) return 'answer-not-request-origin';
  // 'null' reaches a predicate only with dangerouslyAllowNullOrigin: the opt-in covers it.
  if (!rules.credentials || origin === 'null') return true;
  // `origin` is a single serialised origin here: corsguard hands predicates nothing else.
  const separator = origin.indexOf('://');
  const scheme = origin.slice(0, separator);
  if (scheme === 'https') return true;
  if (scheme !== 'http') return rules.allowCustomSchemes ? true : 'answer-custom-scheme-with-credentials';
  const host = origin.slice(separator + 3).replace(/:\d+$/, '');
  return rules.allowInsecure || isPotentiallyTrustworthyHost(host) ? true : 'answer-insecure-with-credentials';
}

/**
 * The function as a corsguard predicate; a boolean answer costs no allocation. `refused` (given
 * only when someone listens) hears why a string answer allowed nothing.
 */
export function honoOriginPredicate(
  fn: (origin: string, c: never) => unknown,
  rules: HonoOriginRules,
  refused?: (c: unknown, why: HonoAnswerRefusal, answer: unknown) => void,
): OriginPredicate<never> {
  const read = (answer: unknown, origin: string, c: unknown): boolean => {
    if (typeof answer === 'boolean') return answer;
    const verdict = honoVerdict(answer, origin, rules);
    if (verdict === true) return true;
    if (typeof verdict === 'object') return verdict.other as boolean; // corsguard's CorsPredicateError names it
    refused?.(c, verdict, answer);
    return false;
  };
  const predicate: OriginPredicate<never> = (origin, c) => {
    const answer = fn(origin, c);
    if (typeof answer === 'boolean') return answer;
    if (isThenable(answer)) return Promise.resolve(answer).then((settled) => read(settled, origin, c));
    return read(answer, origin, c);
  };
  // The user's arity: corsguard recognises a callback-style (origin, callback) function by it.
  return Object.defineProperty(predicate, 'length', { value: fn.length });
}

/** The debug message for a refused answer: what the function answered and what to return instead. */
export function explainHonoRefusal(why: HonoAnswerRefusal, origin: string | undefined, answer: unknown): string {
  const refused = `Origin ${origin} was refused by your origin function, which answered ${JSON.stringify(answer) ?? String(answer)}`;
  switch (why) {
    case 'answer-empty':
      return `${refused}: no Allow-Origin (as hono/cors sends none). If it should be allowed, return the origin.`;
    case 'answer-not-request-origin':
      return `${refused}: not the request's origin, so the browser would refuse that Allow-Origin too. Return the request's origin (or '*' without credentials) to allow it.`;
    case 'answer-wildcard-with-credentials':
      return `${refused} with credentials: true: browsers refuse '*' with credentials. Return the origin itself to allow it with credentials.`;
    case 'answer-insecure-with-credentials':
      return `${refused}, plain http: with credentials: true, a network attacker could read credentialed responses (refused at start-up when listed). Use https, or set dangerouslyAllowInsecureOrigins: true if you really must.`;
    case 'answer-custom-scheme-with-credentials':
      return `${refused}, not http or https, with credentials: true: every app that can send this origin would act as your users (refused at start-up when listed). Set dangerouslyAllowCustomSchemeOrigins: true if you really must.`;
  }
}
