// The fix the playground offers for a blocked request. The simulator names a change that makes a
// browser allow the request, knowing only the answers; the playground knows more: the policy the API
// runs, that Node's HTTP server stands in front of corsguard, and whether the page plays a site the
// API must not trust. A fix is offered with a button only when applying it changes the policy or
// the request, so "Apply the fix" can never repeat itself.
import { isStateChangingMethod } from '../../../src/core/csrf.ts';
import { normalizeMethod, type SimulationVerdict } from '../../../src/simulate/index.ts';
import type { PolicyJson } from '../wire.ts';
import { mergeFix } from './policy-form.ts';
import type { ComposedRequest } from './state.ts';

export type FixCode =
  /** The simulator's fix, merged into the policy. */
  | 'policy-fix'
  /** csrf: true, for a state-changing request from a page the API must not trust. */
  | 'csrf-guard'
  /** Write the method in upper case (Node's parser refuses any other spelling with 400). */
  | 'upper-case-method'
  /** Advice with nothing to apply (the calling code has to change). */
  | 'advice'
  /** The page plays an untrusted site and the request was refused: nothing to fix. */
  | 'untrusted-page-refused'
  /** The simulator's fix is already in the policy: something before corsguard answered. */
  | 'fix-changes-nothing';

export interface FixChoice {
  readonly code: FixCode;
  readonly side: 'server' | 'client';
  readonly text: string;
  /** The policy with the fix applied, when the fix changes it. */
  readonly policy?: PolicyJson;
  /** The options the fix changes, as they read after it (for display). */
  readonly changes?: PolicyJson;
  /** The request fields the fix changes. */
  readonly request?: Partial<ComposedRequest>;
}

export interface FixContext {
  readonly policy: PolicyJson;
  readonly request: ComposedRequest;
  /** The page plays a site the API must not trust (the CSRF presets). */
  readonly untrustedPage?: boolean;
}

/** A fix has something to apply. */
export function applicable(choice: FixChoice): boolean {
  return choice.policy !== undefined || choice.request !== undefined;
}

/** What to offer for `verdict`; undefined when the request was allowed. */
export function chooseFix(
  verdict: SimulationVerdict,
  { policy, request, untrustedPage = false }: FixContext,
): FixChoice | undefined {
  if (verdict.allowed) return undefined;
  const method = normalizeMethod(request.method.trim() || 'GET');
  if (untrustedPage) return untrustedFix(policy, method);
  // llhttp knows methods in upper case only: any other spelling gets 400 before corsguard runs, so
  // allowing it in `methods` (the simulator's server-side fix) would only move the failure.
  if (method !== method.toUpperCase()) return upperCaseFix(policy, method);
  const fix = verdict.fix;
  if (fix === undefined) return undefined;
  if (fix.options === undefined) return { code: 'advice', side: fix.side, text: fix.text };
  const merged = mergeFix(policy, fix.options);
  if (same(merged, policy)) {
    const status = [...verdict.steps].reverse().find((step) => step.response !== undefined)?.response?.status;
    return {
      code: 'fix-changes-nothing',
      side: 'server',
      text: `The policy already grants what the simulator's fix asks for. The answer that blocked the request${status === undefined ? '' : ` (status ${status})`} carries no CORS headers because something in front of corsguard answered it, so no corsguard option changes it: look at what answered.`,
    };
  }
  return { code: 'policy-fix', side: fix.side, text: fix.text, policy: merged, changes: changes(policy, merged) };
}

function untrustedFix(policy: PolicyJson, method: string): FixChoice {
  const guarded = policy.csrf !== undefined && policy.csrf !== false;
  if (!guarded && isStateChangingMethod(method)) {
    const merged = mergeFix(policy, { csrf: true });
    return {
      code: 'csrf-guard',
      side: 'server',
      text: 'This page plays a site the API must not trust: adding it to origin would hand it the answer. The browser hid the answer, but the request reached the handler and changed state. csrf: true refuses state-changing requests from origins the policy does not allow, with 403, before the handler runs.',
      policy: merged,
      changes: { csrf: true },
    };
  }
  return {
    code: 'untrusted-page-refused',
    side: 'server',
    text: guarded
      ? 'The CSRF guard refused the request with 403 before the handler ran, and the browser hid the answer from a page the API does not trust.'
      : 'This page plays a site the API must not trust, the browser hid the answer and the method changes nothing on the server.',
  };
}

function upperCaseFix(policy: PolicyJson, method: string): FixChoice {
  const upper = method.toUpperCase();
  const text = `This API is Node's HTTP server, which answers '${method}' with 400 before corsguard or any route runs (it knows methods only in upper case). fetch() sends a method as written, upper-casing only DELETE, GET, HEAD, OPTIONS, POST and PUT: write '${upper}' in the fetch call.`;
  const listed = Array.isArray(policy.methods) ? (policy.methods as unknown[]) : undefined;
  const needsListing = !['GET', 'HEAD', 'POST'].includes(upper) && policy.methods !== '*' && !listed?.includes(upper);
  if (!needsListing) return { code: 'upper-case-method', side: 'client', text, request: { method: upper } };
  const merged = mergeFix(
    { ...policy, methods: (listed ?? []).filter((item) => item !== method) },
    { methods: [upper] },
  );
  return {
    code: 'upper-case-method',
    side: 'client',
    text: `${text} The policy must allow ${upper} too.`,
    request: { method: upper },
    policy: merged,
    changes: changes(policy, merged),
  };
}

function same(a: PolicyJson, b: PolicyJson): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function changes(before: PolicyJson, after: PolicyJson): PolicyJson {
  return Object.fromEntries(
    Object.entries(after).filter(([name, value]) => JSON.stringify(before[name]) !== JSON.stringify(value)),
  );
}
