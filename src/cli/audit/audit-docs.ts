import type { AuditReport, Finding } from '../../audit/index.ts';
import { docsUrl } from '../../core/docs-url.ts';

/** A finding as `--json` prints it: with the URL of its page on the documentation site. */
export type DocumentedFinding = Finding & { readonly docs: string };

/** The report with each finding's `docs` URL, for `--json`. */
export function withDocs<T extends AuditReport>(report: T): T {
  return {
    ...report,
    targets: report.targets.map((target) => ({
      ...target,
      findings: target.findings.map(
        (finding): DocumentedFinding => ({ ...finding, docs: docsUrl('audit', finding.id) }),
      ),
    })),
  };
}
