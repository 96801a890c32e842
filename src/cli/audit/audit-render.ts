import { SEVERITIES, type AuditSummary, type Finding, type Severity, type TargetReport } from '../../audit/index.ts';
import { docsUrl } from '../../core/docs-url.ts';
import type { Palette } from '../shared/colors.ts';

const LABEL: Readonly<Record<Severity, string>> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' };

function severityLabel(severity: Severity, colors: Palette): string {
  const label = LABEL[severity].padEnd(6);
  if (severity === 'high') return colors.bold(colors.bad(label));
  if (severity === 'medium') return colors.bad(label);
  return severity === 'low' ? colors.bold(label) : colors.dim(label);
}

function renderFinding(finding: Finding, colors: Palette): string[] {
  const pad = '          ';
  const { request, response } = finding.evidence;
  const lines = [`  ${severityLabel(finding.severity, colors)}  ${colors.bold(finding.id)}  ${finding.title}`];
  if (finding.origin !== undefined) lines.push(`${pad}origin: ${finding.origin}`);
  if (finding.authenticated !== undefined)
    lines.push(`${pad}seen ${finding.authenticated ? 'with' : 'without'} your -H/--cookie credentials`);
  lines.push(colors.dim(`${pad}> ${request.method} ${request.url}`));
  for (const [name, value] of Object.entries(request.headers)) lines.push(colors.dim(`${pad}> ${name}: ${value}`));
  lines.push(colors.dim(`${pad}< ${response.status}`));
  for (const [name, value] of Object.entries(response.headers)) lines.push(colors.dim(`${pad}< ${name}: ${value}`));
  lines.push(`${pad}why: ${finding.why}`, `${pad}fix: ${finding.fix}`, `${pad}docs: ${docsUrl('audit', finding.id)}`);
  return lines;
}

/** Order of URL blocks: the worst finding first, then URLs not audited, then clean ones. */
export function worstFirst(targets: readonly TargetReport[]): TargetReport[] {
  const rank = (target: TargetReport): number => {
    const worst = target.findings[0];
    if (worst !== undefined) return SEVERITIES.indexOf(worst.severity);
    return target.error === undefined ? SEVERITIES.length + 1 : SEVERITIES.length;
  };
  return [...targets].sort((a, b) => rank(a) - rank(b));
}

/** One URL's block: the URL, then its findings worst first with their evidence, notes and error. */
export function renderTarget(target: TargetReport, colors: Palette): string {
  const lines = [colors.bold(target.url)];
  if (target.error !== undefined) lines.push(`  ${colors.bad(target.error)}`);
  for (const finding of target.findings) lines.push(...renderFinding(finding, colors));
  if (target.findings.length === 0 && target.error === undefined) lines.push(`  ${colors.ok('no CORS problem found')}`);
  for (const note of target.notes ?? []) lines.push(colors.dim(`  note: ${note.message}`));
  return `${lines.join('\n')}\n\n`;
}

export function renderSummary(summary: AuditSummary, targets: readonly TargetReport[], colors: Palette): string {
  const failed = targets.filter((target) => target.error !== undefined).length;
  const counts = `${summary.high} high, ${summary.medium} medium, ${summary.low} low, ${summary.info} info`;
  const audited = `${targets.length} URL${targets.length === 1 ? '' : 's'}${failed ? `, ${failed} not (fully) audited` : ''}`;
  return `${colors.bold('Summary:')} ${summary.high + summary.medium > 0 ? colors.bad(counts) : counts} (${audited})\n`;
}

/** A one-line progress report for a terminal, redrawn in place. */
export function renderProgress(done: number, total: number, summary: AuditSummary): string {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} URLs  ${summary.high} high ${summary.medium} medium ${summary.low} low`;
}
