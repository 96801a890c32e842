import type { Transport } from '../simulate/index.ts';
import { FindingCollector } from './collector.ts';
import { settleAll, type AuditPlan, type TargetContext } from './context.ts';
import { checkCookies } from './cookie-check.ts';
import { checkSimplePost } from './csrf-check.ts';
import { checkFixedOrigins } from './fixed-origin-check.ts';
import { checkOrigins, checkUntrusted, fetchTrusted } from './origin-checks.ts';
import {
  checkPreflightReflection,
  checkPrivateNetwork,
  probeUnrelatedPreflight,
  reportUnrelatedPreflight,
} from './preflight-checks.ts';
import { checkEachResponse, checkVary } from './response-checks.ts';
import { guardedTransport, sender } from './sender.ts';
import { randomLabel } from './lookalikes.ts';
import { checkTrustedOrigins } from './trusted-checks.ts';
import type { AuditErrorCode, TargetNote, TargetReport } from './types.ts';
import { describeError } from './audit-error.ts';
import { redirectOf } from './redirect-note.ts';
import { urlProblem } from './url-suggestion.ts';
import type { Limiter } from './limiter.ts';
import { hasSession } from './session.ts';

export interface TargetSettings extends AuditPlan {
  readonly transport: Transport;
  readonly limiter: Limiter;
  readonly timeout: number;
}

function uniqueNotes(notes: readonly TargetNote[]): TargetNote[] {
  const seen = new Map<string, TargetNote>();
  for (const note of notes) seen.set(JSON.stringify(note), note);
  return [...seen.values()];
}

/**
 * Audits one URL: a plain GET first (when it fails, nothing else is sent), then every probe. The
 * probes share a deadline of ten request timeouts, counted while one of them is in flight (not while
 * queued for a slot); when it passes, the findings so far are kept.
 */
export async function auditTarget(url: string, settings: TargetSettings): Promise<TargetReport> {
  const problem = urlProblem(url);
  if (problem !== undefined) return { url, findings: [], error: `not audited: ${problem}`, errorCode: 'invalid-url' };
  const { transport: network, limiter, timeout, ...plan } = settings;
  const transport = guardedTransport(url, {
    transport: network,
    limiter,
    timeout,
    budget: 10 * timeout,
    unsafe: plan.unsafe,
    session: plan.session,
  });
  const context: TargetContext = {
    ...plan,
    url,
    nonce: randomLabel(),
    send: sender(transport, plan.session),
    transport,
    findings: new FindingCollector(url, hasSession(plan.session)),
    exchanges: [],
    notes: [],
  };
  try {
    const plain = await context.send('GET', url, {});
    context.exchanges.push(plain);
    const redirect = redirectOf(plain);
    if (redirect)
      context.notes.push({
        code: 'redirect',
        ...redirect,
        message: `Answers ${redirect.status} with a redirect to ${redirect.location}: not followed; audit that URL directly.`,
      });
  } catch (error) {
    const { message, code } = describeError(error);
    return { url, findings: [], error: `not audited: ${message}`, errorCode: code };
  }
  let failure: { message: string; code: AuditErrorCode } | undefined;
  try {
    const unrelatedPreflight = probeUnrelatedPreflight(context);
    await settleAll([
      checkOrigins(context),
      checkUntrusted(context),
      fetchTrusted(context),
      checkPreflightReflection(context),
      checkPrivateNetwork(context),
      unrelatedPreflight,
    ]);
    reportUnrelatedPreflight(context, await unrelatedPreflight);
    await checkTrustedOrigins(context);
    if (settings.unsafe) await checkSimplePost(context);
  } catch (error) {
    failure = describeError(error);
  }
  checkEachResponse(context);
  checkFixedOrigins(context);
  checkVary(context);
  checkCookies(context);
  const notes = uniqueNotes(context.notes);
  return {
    url,
    findings: await context.findings.findings(),
    ...(failure ? { error: `audit incomplete: ${failure.message}`, errorCode: failure.code } : {}),
    ...(notes.length ? { notes } : {}),
  };
}
