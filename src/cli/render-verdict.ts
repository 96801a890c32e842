import type { SimulationVerdict } from '../simulate/index.ts';
import type { Palette } from './colors.ts';

/** The verdict for a person: each step with ✔/✘, the headers that mattered, then the fix. */
export function renderVerdict(verdict: SimulationVerdict, colors: Palette, conclusive = true): string {
  const lines: string[] = [];
  for (const step of verdict.steps) {
    lines.push(`${step.ok ? colors.ok('✔') : colors.bad('✘')} ${step.summary}`);
    if (step.request) {
      lines.push(colors.dim(`    > ${step.request.method} ${step.request.url}`));
      for (const [name, value] of step.request.headers) lines.push(colors.dim(`    > ${name}: ${value}`));
    }
    if (step.response) {
      lines.push(colors.dim(`    < ${step.response.status}`));
      for (const [name, value] of step.response.headers) lines.push(colors.dim(`    < ${name}: ${value}`));
      if (step.response.headers.length === 0) lines.push(colors.dim('    < (no CORS headers)'));
    }
  }
  for (const warning of verdict.warnings) lines.push(`${colors.bad('⚠')} ${warning}`);
  lines.push('');
  if (verdict.allowed) {
    const readable = verdict.exposedHeaders.length ? verdict.exposedHeaders.join(', ') : 'none';
    lines.push(colors.ok(colors.bold('Allowed.')) + ` Script can read the body and these response headers: ${readable}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(colors.bad(colors.bold(conclusive ? `Blocked (${verdict.reason}).` : `Could not check (${verdict.reason}).`)));
  if (verdict.fix) {
    lines.push(`${colors.bold(`Fix (${verdict.fix.side}):`)} ${verdict.fix.text}`);
    if (verdict.fix.options) lines.push(`  corsguard options: ${colors.bold(`{ ${verdict.fix.options} }`)}`);
  }
  return `${lines.join('\n')}\n`;
}
