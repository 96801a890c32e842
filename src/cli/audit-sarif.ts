import { CATALOGUE, type AuditReport, type FindingId, type Severity } from '../audit/index.ts';

// SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };
// GitHub code scanning ranks security results by this property (0.0–10.0).
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/** The report as a SARIF 2.1.0 log: one rule per finding id, one result per finding, errors as notifications. */
export function toSarif(report: AuditReport): object {
  const ids = Object.keys(CATALOGUE) as FindingId[];
  const rules = ids.map((id) => {
    const text = CATALOGUE[id];
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
      shortDescription: { text: text.title },
      fullDescription: { text: text.why },
      help: { text: text.fix },
      defaultConfiguration: { level: LEVEL[text.severity.plain] },
      properties: { tags: ['security', 'cors'], 'security-severity': SECURITY_SEVERITY[text.severity.credentials] },
    };
  });
  const results = report.targets.flatMap((target) =>
    target.findings.map((finding) => ({
      ruleId: finding.id,
      ruleIndex: ids.indexOf(finding.id),
      level: LEVEL[finding.severity],
      message: { text: `${finding.title}${finding.origin === undefined ? '' : ` (origin ${finding.origin})`}. Fix: ${finding.fix}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: finding.url } } }],
      properties: { severity: finding.severity, 'security-severity': SECURITY_SEVERITY[finding.severity], evidence: finding.evidence },
    })),
  );
  const errors = report.targets.filter((target) => target.error !== undefined);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'corsguard', version: report.version, semanticVersion: report.version, rules } },
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            startTimeUtc: report.startedAt,
            toolExecutionNotifications: errors.map((target) => ({ level: 'error', message: { text: `${target.url}: ${target.error}` } })),
          },
        ],
        results,
      },
    ],
  };
}
