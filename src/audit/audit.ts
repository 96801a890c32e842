import type { ClosableTransport } from '../transport/node-transport.ts';
import { auditTarget } from './audit-target.ts';
import { createLimiter } from './limiter.ts';
import { DEFAULT_TIMEOUT_MS, validateOptions } from './options.ts';
import type { AuditOptions, AuditReport, AuditSummary, AuditTarget, TargetReport } from './types.ts';
import { sessionOf } from './session.ts';
import { VERSION } from './version.ts';

async function defaultTransport(timeout: number): Promise<ClosableTransport> {
  // Loaded on demand so that `corsguard/audit` with an injected transport runs where node:http does not exist.
  const { nodeTransport } = await import('../transport/node-transport.ts');
  return nodeTransport({ timeout });
}

export function summarise(targets: readonly TargetReport[]): AuditSummary {
  const summary = { high: 0, medium: 0, low: 0, info: 0 };
  for (const target of targets) for (const finding of target.findings) summary[finding.severity]++;
  return summary;
}

/**
 * Audits each URL's CORS behaviour and reports every problem with its evidence. Never throws for a
 * URL that cannot be reached: that URL's report carries the error. Reports are in input order.
 * Throws AuditOptionsError, listing every problem, when an option cannot work.
 */
export async function audit(urls: readonly (string | AuditTarget)[], options: AuditOptions = {}): Promise<AuditReport> {
  validateOptions(options);
  const startedAt = new Date().toISOString();
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const concurrency = options.concurrency ?? 8;
  let transport = options.transport;
  let close = (): void => {};
  if (transport === undefined) {
    const own = await defaultTransport(timeout);
    close = () => own.close();
    transport = own;
  }
  const session = sessionOf(options.headers ?? [], options.cookie);
  const settings = {
    trusted: options.origins ?? [],
    untrusted: options.untrusted ?? [],
    headers: session.headers,
    session,
    methods: options.methods?.length ? options.methods : ['GET'],
    preflightMethods: [] as readonly string[],
    // A cookie travels only with credentialed requests: a front end that needs one uses credentials.
    credentials: (options.credentials ?? false) || session.cookie !== undefined,
    unsafe: options.unsafe ?? false,
    transport,
    limiter: createLimiter(concurrency, options.rate ?? 0),
    timeout,
  };
  const targets: TargetReport[] = new Array(urls.length);
  let next = 0;
  let done = 0;
  // At most `concurrency` URLs in progress: their probes share the limiter's request slots.
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const index = next++;
      const input = urls[index] ?? '';
      const methods = typeof input === 'string' ? undefined : input.methods;
      const target = await auditTarget(
        typeof input === 'string' ? input : input.url,
        methods?.length ? { ...settings, methods, preflightMethods: methods } : settings,
      );
      targets[index] = target;
      options.onTarget?.(target, ++done, urls.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  } finally {
    close();
  }
  return { tool: 'corsguard', version: VERSION, startedAt, targets, summary: summarise(targets) };
}
