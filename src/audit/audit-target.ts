import type { Transport } from '../simulate/index.ts';
import { FindingCollector } from './collector.ts';
import { settleAll, type AuditPlan, type TargetContext } from './context.ts';
import { checkSimplePost } from './csrf-check.ts';
import { checkOrigins, fetchTrusted } from './origin-checks.ts';
import { checkPreflightReflection, checkPrivateNetwork } from './preflight-checks.ts';
import { checkEachResponse, checkVary } from './response-checks.ts';
import { guardedTransport, sender } from './sender.ts';
import { randomLabel } from './lookalikes.ts';
import { checkTrustedOrigins } from './trusted-checks.ts';
import type { TargetReport } from './types.ts';
import type { Limiter } from './limiter.ts';

export interface TargetSettings extends AuditPlan {
  readonly transport: Transport;
  readonly limiter: Limiter;
  readonly timeout: number;
}

const message = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const text = typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  return typeof code === 'string' && /CERT|SELF_SIGNED|TLS|SSL/.test(code) ? `${text}; --insecure accepts the certificate` : text;
};

function redirectNote(status: number, location: string | null): string | undefined {
  if (status < 300 || status > 399 || location === null) return undefined;
  return `Answers ${status} with a redirect to ${location}: not followed; audit that URL directly.`;
}

/**
 * Audits one URL: a plain GET first (when it fails, nothing else is sent), then every probe. The
 * probes share a deadline of ten request timeouts; when it passes, the findings so far are kept.
 */
export async function auditTarget(url: string, settings: TargetSettings): Promise<TargetReport> {
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`unsupported scheme ${parsed.protocol}`);
  } catch (error) {
    return { url, findings: [], error: `not audited: invalid URL (${message(error)})` };
  }
  const { transport: network, limiter, timeout, ...plan } = settings;
  const transport = guardedTransport(url, { transport: network, limiter, timeout, deadline: Date.now() + 10 * timeout, unsafe: plan.unsafe });
  const context: TargetContext = {
    ...plan,
    url,
    nonce: randomLabel(),
    send: sender(transport),
    transport,
    findings: new FindingCollector(url),
    exchanges: [],
    notes: [],
  };
  try {
    const plain = await context.send('GET', url, {});
    context.exchanges.push(plain);
    const note = redirectNote(plain.response.status, plain.response.headers.get('location'));
    if (note) context.notes.push(note);
  } catch (error) {
    return { url, findings: [], error: `not audited: ${message(error)}` };
  }
  let error: string | undefined;
  try {
    await settleAll([checkOrigins(context), fetchTrusted(context), checkPreflightReflection(context), checkPrivateNetwork(context)]);
    await checkTrustedOrigins(context);
    if (settings.unsafe) await checkSimplePost(context);
  } catch (failure) {
    error = `audit incomplete: ${message(failure)}`;
  }
  checkEachResponse(context);
  checkVary(context);
  const notes = [...new Set(context.notes)];
  return { url, findings: context.findings.findings(), ...(error ? { error } : {}), ...(notes.length ? { notes } : {}) };
}
