// `corsguard check --browser all`: the same fetch() through each engine's model — Chromium,
// Firefox, WebKit — against the real server, one verdict per engine side by side, and where the
// engines disagree ("it works in Chrome but not in Safari"). Each distinct request is sent to the
// server once: engines that send the same request share its answer.
import {
  BROWSER_MODELS,
  simulateFetch,
  type BrowserModel,
  type SimulatedRequest,
  type SimulationVerdict,
  type Transport,
} from '../../simulate/index.ts';
import { MODELS } from '../../simulate/engines/model.ts';
import type { Palette } from '../shared/colors.ts';
import { renderVerdict } from './render-verdict.ts';
import { cookieSummary, renderCookies } from './check-cookies.ts';

export const ENGINE_MODELS: readonly BrowserModel[] = BROWSER_MODELS.filter((name) => name !== 'fetch');

export interface EngineVerdicts {
  readonly verdicts: ReadonlyMap<BrowserModel, SimulationVerdict>;
  /** Engines grouped by outcome (allowed with the same status and readable headers, or blocked for the same reason), first group first. */
  readonly groups: ReadonlyArray<{ readonly outcome: string; readonly engines: readonly BrowserModel[] }>;
}

/** Sends each distinct exchange once, whichever engine asks. */
function sharedTransport(transport: Transport): Transport {
  const answers = new Map<string, ReturnType<Transport>>();
  return (request) => {
    const key = JSON.stringify([
      request.method,
      request.url,
      [...request.headers].sort(),
      request.includeCredentials ?? false,
      request.cookie ?? null,
    ]);
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = transport(request);
      answers.set(key, answer);
    }
    return answer;
  };
}

function outcomeOf(verdict: SimulationVerdict): string {
  if (!verdict.allowed) return `blocked (${verdict.reason})`;
  return `allowed (${verdict.response?.status ?? '?'}${verdict.response?.redirected ? ', redirected' : ''}; reads ${verdict.exposedHeaders.join(', ') || 'no headers'})`;
}

export async function checkEngines(request: SimulatedRequest, transport: Transport): Promise<EngineVerdicts> {
  const shared = sharedTransport(transport);
  const verdicts = new Map<BrowserModel, SimulationVerdict>();
  // One after another: the engines' requests reach the server in a readable order.
  for (const model of ENGINE_MODELS) verdicts.set(model, await simulateFetch(request, shared, { model }));
  const groups: Array<{ outcome: string; engines: BrowserModel[] }> = [];
  for (const [model, verdict] of verdicts) {
    const outcome = outcomeOf(verdict);
    const group = groups.find((entry) => entry.outcome === outcome);
    if (group) group.engines.push(model);
    else groups.push({ outcome, engines: [model] });
  }
  return { verdicts, groups };
}

const labelOf = (model: BrowserModel) => MODELS[model].label;
const listOf = (engines: readonly BrowserModel[]) => engines.map(labelOf).join(', ');

/** One sentence when the engines disagree, else undefined. */
export function disagreement({ groups }: EngineVerdicts): string | undefined {
  if (groups.length < 2) return undefined;
  return `Engines disagree: ${groups.map((group) => `${group.outcome} in ${listOf(group.engines)}`).join('; ')}.`;
}

/** The side-by-side summary, the disagreement, then each distinct verdict explained once. */
export function renderEngines(
  result: EngineVerdicts,
  colors: Palette,
  conclusive: (verdict: SimulationVerdict) => boolean,
): string {
  const width = Math.max(...ENGINE_MODELS.map((model) => labelOf(model).length));
  const lines = [...result.verdicts].map(([model, verdict]) => {
    const outcome = outcomeOf(verdict);
    return `${labelOf(model).padEnd(width)}  ${verdict.allowed ? colors.ok(outcome) : colors.bad(outcome)}`;
  });
  const differ = disagreement(result);
  lines.push('', differ ? colors.bold(differ) : `All ${ENGINE_MODELS.length} engines agree.`);
  for (const group of result.groups) {
    const verdict = result.verdicts.get(group.engines[0]!)!;
    lines.push(
      '',
      colors.bold(`── ${listOf(group.engines)} ──`),
      renderVerdict(verdict, colors, { conclusive: conclusive(verdict), cookies: false }).trimEnd(),
    );
  }
  // Engines that agree on CORS may still treat the cookies apart: each engine's cookies on their own.
  const cookieLines = [...result.verdicts].filter(([, verdict]) => cookieSummary(verdict) !== undefined);
  if (cookieLines.length) {
    lines.push(
      '',
      colors.bold('Cookies side by side:'),
      ...cookieLines.map(([model, verdict]) => `${labelOf(model).padEnd(width)}  ${cookieSummary(verdict)}`),
    );
    for (const [model, verdict] of cookieLines)
      lines.push(
        '',
        colors.bold(`── cookies in ${labelOf(model)} ──`),
        ...renderCookies(verdict.cookies, colors).slice(1),
      );
  }
  return `${lines.join('\n')}\n`;
}
