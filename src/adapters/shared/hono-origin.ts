// An `origin(origin, c)` function in corsguard/hono's `cors` options, read as hono/cors reads it
// (core/peers/hono-origin.ts) whichever options are beside it. With `debug` set, this module sends
// the debug events itself, so a refused string answer is named (detail) instead of "returned false".
import type { Context } from 'hono';
import type { CorsDecision } from '../../core/decision.ts';
import type { DebugEvent } from '../../core/debug.ts';
import { docsUrl } from '../../core/docs-url.ts';
import { CorsConfigError, type ConfigIssue } from '../../core/errors.ts';
import {
  explainHonoRefusal,
  honoOriginPredicate,
  PROBE_ORIGIN,
  reflectsEveryOrigin,
  type HonoAnswerRefusal,
} from '../../core/peers/hono-origin.ts';
import { explain } from '../../core/reasons.ts';
import { isThenable } from '../../core/thenable.ts';
import { run } from './hono-run.ts';

type Apply = (decision: CorsDecision, c: Context, next: () => Promise<void>) => Promise<Response | undefined>;
type Raw = Record<string, unknown>;
interface Refusal {
  readonly why: HonoAnswerRefusal;
  readonly answer: unknown;
}

const REFLECTS_ALL: ConfigIssue = {
  code: 'origin-reflect-all',
  path: 'origin',
  docs: docsUrl('config', 'origin-reflect-all'),
  message: `a function answering every origin with itself (it allowed ${PROBE_ORIGIN}, which no site has) with credentials: hono/cors reflected every Origin with Access-Control-Allow-Credentials: true, so any website could read your users' authenticated responses. Answer only the origins that need cookies: (origin) => (allowed.includes(origin) ? origin : null).`,
};

interface HonoOrigin<O> {
  /** For corsguard: the origin function as a predicate. */
  readonly options: O;
  readonly apply: Apply;
  /** What start-up already knows is unsafe. */
  readonly issues: readonly ConfigIssue[];
}

/** Options for corsguard (the origin function as a predicate) and what to do with each decision. */
export function readHonoOrigin<O>(options: O, credentials: boolean): HonoOrigin<O> {
  const raw = options as Raw;
  if (raw === null || typeof raw !== 'object' || typeof raw.origin !== 'function')
    return { options, apply: run, issues: [] };
  const rules = {
    credentials,
    allowInsecure: raw.dangerouslyAllowInsecureOrigins === true,
    allowCustomSchemes: raw.dangerouslyAllowCustomSchemeOrigins === true,
  };
  const fn = raw.origin as (origin: string, c: Context) => unknown;
  const issues = credentials && reflectsEveryOrigin(fn) ? [REFLECTS_ALL] : [];
  const sink =
    raw.debug === true
      ? logToConsole
      : typeof raw.debug === 'function'
        ? (raw.debug as (event: DebugEvent) => unknown)
        : undefined;
  // Anything else in `debug` goes on to corsguard's validation.
  if (sink === undefined)
    return { options: { ...raw, origin: honoOriginPredicate(fn, rules) } as O, apply: run, issues };
  const refusals = new WeakMap<Context, Refusal>();
  const origin = honoOriginPredicate(fn, rules, (c, why, answer) => refusals.set(c as Context, { why, answer }));
  const apply: Apply = (decision, c, next) => {
    report(sink, c, decision, refusals.get(c));
    return run(decision, c, next);
  };
  return { options: { ...raw, origin, debug: undefined } as O, apply, issues };
}

/** Compiles, throwing one CorsConfigError with start-up's issues and the compiler's. */
export function compileWithIssues<T>(issues: readonly ConfigIssue[], compile: () => T): T {
  let compiled: T;
  try {
    compiled = compile();
  } catch (error) {
    if (issues.length > 0 && error instanceof CorsConfigError) throw new CorsConfigError([...issues, ...error.issues]);
    throw error;
  }
  if (issues.length > 0) throw new CorsConfigError(issues);
  return compiled;
}

/** The event corsguard's own `debug` would send, with a refused answer named. */
function report(
  sink: (event: DebugEvent) => unknown,
  c: Context,
  decision: CorsDecision,
  refusal: Refusal | undefined,
): void {
  const origin = c.req.raw.headers.get('origin') ?? undefined;
  const method = c.req.method;
  const named = decision.reason === 'origin-predicate-refused' ? refusal : undefined;
  const detail = named?.why ?? decision.detail;
  try {
    const pending = sink({
      kind: decision.kind,
      method,
      path: c.req.path,
      origin,
      allowed: decision.allowed,
      status: decision.status,
      reason: decision.reason,
      ...(detail === undefined ? {} : { detail }),
      message:
        named === undefined
          ? explain(decision.reason, { origin, method, detail })
          : explainHonoRefusal(named.why, origin, named.answer),
      docs: docsUrl('decision', decision.reason),
    });
    // An async callback that rejects must not become an unhandled rejection (which ends the process).
    if (isThenable(pending)) pending.then(undefined, () => {});
  } catch {
    // A failing debug callback must not change the answer.
  }
}

function logToConsole(event: DebugEvent): void {
  console.info(
    `[corsguard] ${event.kind} ${event.method} ${event.allowed ? 'allowed' : 'refused'} (${event.reason}): ${event.message}`,
  );
}
