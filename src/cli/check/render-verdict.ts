import { formatFixOptions, type SimulationStep, type SimulationVerdict } from '../../simulate/index.ts';
import { docsUrl } from '../../core/docs-url.ts';
import type { Palette } from '../shared/colors.ts';
import { renderCookies } from './check-cookies.ts';

export interface RenderOptions {
  /** False when the check could not run (exit 2): "Could not check" instead of "Blocked". */
  readonly conclusive: boolean;
  /** Lines about the CLI itself (e.g. which flag to try), printed after the fix. */
  readonly hints?: readonly string[];
  /** Show the cookies section (default true; --browser all shows each engine's apart). */
  readonly cookies?: boolean;
}

/** A verdict as `check --json` prints it: a blocked one links its reason's page (`docs`). */
export function documentedVerdict<T extends SimulationVerdict>(verdict: T): T & { readonly docs?: string } {
  return verdict.reason === undefined ? verdict : { ...verdict, docs: docsUrl('simulate', verdict.reason) };
}

/** The request line is what the page asked for, not a check: it gets no ✔ or ✘. */
function marker(step: SimulationStep, colors: Palette): string {
  if (step.kind === 'request') return colors.dim('→');
  return step.ok ? colors.ok('✔') : colors.bad('✘');
}

function exchangeLines(step: SimulationStep, colors: Palette): string[] {
  const lines: string[] = [];
  if (step.request) {
    lines.push(`    > ${step.request.method} ${step.request.url}`);
    for (const [name, value] of step.request.headers) lines.push(`    > ${name}: ${value}`);
  }
  if (step.response) {
    // A read step is about the response already shown above: only its Expose-Headers matter.
    if (step.kind !== 'read') lines.push(`    < ${step.response.status}`);
    for (const [name, value] of step.response.headers) lines.push(`    < ${name}: ${value}`);
    if (step.response.headers.length === 0)
      lines.push(step.kind === 'read' ? '    < (no Access-Control-Expose-Headers)' : '    < (no CORS headers)');
  }
  return lines.map((line) => colors.dim(line));
}

/** The verdict for a person: each step with ✔/✘, the headers that mattered, then the fix. */
export function renderVerdict(verdict: SimulationVerdict, colors: Palette, options: RenderOptions): string {
  const lines: string[] = [];
  for (const step of verdict.steps)
    lines.push(`${marker(step, colors)} ${step.summary}`, ...exchangeLines(step, colors));
  for (const warning of verdict.warnings) lines.push(`${colors.bad('⚠')} ${warning}`);
  lines.push('');
  if (verdict.allowed) {
    const readable = verdict.exposedHeaders.length ? verdict.exposedHeaders.join(', ') : 'none';
    lines.push(
      `${colors.ok(colors.bold('Allowed.'))} Script can read the body and these response headers: ${readable}.`,
    );
  } else {
    lines.push(
      colors.bad(
        colors.bold(options.conclusive ? `Blocked (${verdict.reason}).` : `Could not check (${verdict.reason}).`),
      ),
    );
    if (verdict.reason !== undefined) lines.push(`  docs: ${docsUrl('simulate', verdict.reason)}`);
    if (verdict.fix) {
      lines.push(`${colors.bold(`Fix (${verdict.fix.side}):`)} ${verdict.fix.text}`);
      if (verdict.fix.options)
        lines.push(`  corsguard options: ${colors.bold(`{ ${formatFixOptions(verdict.fix.options)} }`)}`);
    }
  }
  lines.push(...(options.hints ?? []));
  if (options.cookies !== false) {
    const cookies = renderCookies(verdict.cookies, colors);
    if (cookies.length) lines.push('', ...cookies);
  }
  return `${lines.join('\n')}\n`;
}
