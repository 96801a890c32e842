import { CATALOGUE, type AuditReport, type FindingId, type Severity } from '../../audit/index.ts';
import { docsUrl } from '../../core/docs-url.ts';
import { trimSet } from '../../simulate/checks/trim.ts';

// SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
// GitHub code scanning ranks security results by this property (0.0–10.0).
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

const DEFAULT_PORT: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/**
 * A repository-relative pseudo-path for an audited URL: code-scanning UIs accept only such artifact
 * locations (an http: URI is refused). `https://api.example.com/v1/items?id=1` →
 * `cors-audit/api.example.com_443/v1/items`; the real URL is in each result's properties.
 */
export function artifactPath(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/[^a-zA-Z0-9.-]/g, '_');
    const path = trimSet(parsed.pathname, '/');
    return `cors-audit/${host}_${parsed.port || DEFAULT_PORT[parsed.protocol] || '0'}/${path || 'index'}`;
  } catch {
    return 'cors-audit/invalid-url';
  }
}

/** The report as a SARIF 2.1.0 log: one rule per finding id, one result per finding, errors as notifications. */
export const SARIF_FINGERPRINT = 'corsguardFinding/v1';

/** `baseline`: the findings were filtered by --baseline, so each one left is new. */
export function toSarif(report: AuditReport, baseline = false): object {
  const ids = Object.keys(CATALOGUE) as FindingId[];
  const rules = ids.map((id) => {
    const text = CATALOGUE[id];
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
      shortDescription: { text: text.title },
      fullDescription: { text: text.why },
      help: { text: text.fix },
      helpUri: docsUrl('audit', id),
      defaultConfiguration: { level: LEVEL[text.severity.plain] },
      properties: { tags: ['security', 'cors'], 'security-severity': SECURITY_SEVERITY[text.severity.credentials] },
    };
  });
  const results = report.targets.flatMap((target) =>
    target.findings.map((finding) => ({
      ruleId: finding.id,
      ruleIndex: ids.indexOf(finding.id),
      level: LEVEL[finding.severity],
      message: {
        text: `${finding.title}${finding.origin === undefined ? '' : ` (origin ${finding.origin})`}. Fix: ${finding.fix}`,
      },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactPath(finding.url) } } }],
      partialFingerprints: { [SARIF_FINGERPRINT]: finding.fingerprint },
      ...(baseline ? { baselineState: 'new' } : {}),
      properties: {
        url: finding.url,
        severity: finding.severity,
        'security-severity': SECURITY_SEVERITY[finding.severity],
        evidence: finding.evidence,
        ...(finding.authenticated === undefined ? {} : { authenticated: finding.authenticated }),
      },
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
            toolExecutionNotifications: errors.map((target) => ({
              level: 'error',
              message: { text: `${target.url}: ${target.error}` },
            })),
          },
        ],
        results,
      },
    ],
  };
}
