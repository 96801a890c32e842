// --baseline: report only the findings a previous run did not have.
import { fingerprintOf } from '../../audit/fingerprint.ts';
import { summarise, type AuditReport, type FindingId, type TargetReport } from '../../audit/index.ts';
import { SARIF_FINGERPRINT } from './audit-sarif.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The fingerprints in a previous `--json` report (a finding without one, from an earlier version,
 * gets it from its id and url) or SARIF log (partialFingerprints). Throws with the reason when the
 * text is neither.
 */
export async function baselineFingerprints(text: string): Promise<Set<string>> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  const fingerprints = new Set<string>();
  if (isObject(document) && document.tool === 'corsguard' && Array.isArray(document.targets)) {
    for (const target of document.targets) {
      for (const finding of listOf(isObject(target) ? target.findings : undefined)) {
        if (!isObject(finding)) continue;
        if (typeof finding.fingerprint === 'string') fingerprints.add(finding.fingerprint);
        else if (typeof finding.id === 'string' && typeof finding.url === 'string')
          fingerprints.add(await fingerprintOf(finding.id as FindingId, finding.url));
      }
    }
    return fingerprints;
  }
  if (isObject(document) && typeof document.version === 'string' && Array.isArray(document.runs)) {
    for (const run of document.runs) {
      for (const result of listOf(isObject(run) ? run.results : undefined)) {
        const value =
          isObject(result) && isObject(result.partialFingerprints)
            ? result.partialFingerprints[SARIF_FINGERPRINT]
            : undefined;
        if (typeof value === 'string') fingerprints.add(value);
      }
    }
    return fingerprints;
  }
  throw new Error('neither a corsguard audit --json report nor a SARIF log from --sarif');
}

/** One URL's report without the findings in the baseline. */
export const targetWithout = (target: TargetReport, known: ReadonlySet<string>): TargetReport => ({
  ...target,
  findings: target.findings.filter((finding) => !known.has(finding.fingerprint)),
});

/** The report without the findings in the baseline (summary recounted), and how many were left out. */
export function withoutBaseline(
  report: AuditReport,
  known: ReadonlySet<string>,
): { report: AuditReport; suppressed: number } {
  const targets = report.targets.map((target) => targetWithout(target, known));
  const count = (list: readonly TargetReport[]) => list.reduce((sum, target) => sum + target.findings.length, 0);
  return {
    report: { ...report, targets, summary: summarise(targets) },
    suppressed: count(report.targets) - count(targets),
  };
}
