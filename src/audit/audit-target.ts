import type { Transport } from '../simulate/index.ts';
import { FindingCollector } from './collector.ts';
import { probe, settleAll, type AuditPlan, type TargetContext } from './context.ts';
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
import type { Exchange } from './exchange.ts';
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

/** How many request timeouts the probes of one URL may take in all. */
const DEADLINE_IN_TIMEOUTS = 10;

/** Why a URL was not (fully) audited. */
type AuditFailure = { readonly message: string; readonly code: AuditErrorCode };

/**
 * Audits one URL: a plain GET first (when it fails, nothing else is sent), then every probe. The
 * probes share a deadline of ten request timeouts, counted while one of them is in flight (not while
 * queued for a slot); when it passes, the findings so far are kept.
 */
export async function auditTarget(url: string, settings: TargetSettings): Promise<TargetReport> {
  const problem = urlProblem(url);
  if (problem !== undefined) return notAudited(url, { message: problem, code: 'invalid-url' });
  const context = targetContext(url, settings);
  const plainFailure = await failureOf(() => fetchPlain(context));
  if (plainFailure) return notAudited(url, plainFailure);
  const probeFailure = await failureOf(() => sendProbes(context));
  runPassiveChecks(context);
  return targetReport(context, probeFailure);
}

function notAudited(url: string, { message, code }: AuditFailure): TargetReport {
  return { url, findings: [], error: `not audited: ${message}`, errorCode: code };
}

/** What the checks of one URL share, with its requests guarded and held to the URL's deadline. */
function targetContext(url: string, settings: TargetSettings): TargetContext {
  const { transport: network, limiter, timeout, ...plan } = settings;
  const transport = guardedTransport(url, {
    transport: network,
    limiter,
    timeout,
    budget: DEADLINE_IN_TIMEOUTS * timeout,
    unsafe: plan.unsafe,
    session: plan.session,
  });
  return {
    ...plan,
    url,
    nonce: randomLabel(),
    send: sender(transport, plan.session),
    transport,
    findings: new FindingCollector(url, hasSession(plan.session)),
    exchanges: [],
    notes: [],
  };
}

/** Runs a step; resolves to how it failed, or undefined when it did not. */
async function failureOf(step: () => Promise<void>): Promise<AuditFailure | undefined> {
  try {
    await step();
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** The plain GET every audit starts with. */
async function fetchPlain(context: TargetContext): Promise<void> {
  noteRedirect(context, await probe(context, 'GET', {}));
}

/** A redirect is not followed: the note says to audit its target directly. */
function noteRedirect(context: TargetContext, exchange: Exchange): void {
  const redirect = redirectOf(exchange);
  if (!redirect) return;
  context.notes.push({
    code: 'redirect',
    ...redirect,
    message: `Answers ${redirect.status} with a redirect to ${redirect.location}: not followed; audit that URL directly.`,
  });
}

/** Every probe that sends requests; the first failure ends them. */
async function sendProbes(context: TargetContext): Promise<void> {
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
  if (context.unsafe) await checkSimplePost(context);
}

/** The checks of the exchanges already made: they send nothing, so they run even after a failure. */
function runPassiveChecks(context: TargetContext): void {
  checkEachResponse(context);
  checkFixedOrigins(context);
  checkVary(context);
  checkCookies(context);
}

async function targetReport(context: TargetContext, failure: AuditFailure | undefined): Promise<TargetReport> {
  const notes = uniqueNotes(context.notes);
  return {
    url: context.url,
    findings: await context.findings.findings(),
    ...(failure ? { error: `audit incomplete: ${failure.message}`, errorCode: failure.code } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

function uniqueNotes(notes: readonly TargetNote[]): TargetNote[] {
  const seen = new Map<string, TargetNote>();
  for (const note of notes) seen.set(JSON.stringify(note), note);
  return [...seen.values()];
}
