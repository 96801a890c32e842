import type { CliIo } from '../shared/io.ts';
import { simulateFetch, type SimulatedRequest, type SimulationVerdict, type Transport } from '../../simulate/index.ts';
import { parseOrigin } from '../../simulate/checks/origin.ts';
import {
  type DocumentedWarning,
  type ExchangeRecorder,
  recordLastExchange,
  renderExchangeWarnings,
} from './exchange-warnings.ts';
import { browserHeaders } from './browser-headers.ts';
import { checkEngines, disagreement, type EngineVerdicts, renderEngines } from './check-browsers.ts';
import { type CheckArgs, parseCheckArgs, UsageError } from './check-args.ts';
import { type Palette, palette } from '../shared/colors.ts';
import { printable, printableJson } from '../shared/printable.ts';
import { httpTransport } from '../shared/http-transport.ts';
import { documentedVerdict, renderVerdict } from './render-verdict.ts';
import { usageText } from '../shared/usage.ts';
import { VERSION } from '../../version.ts';
import { type CheckNote, checkNotes, printNotes } from './check-notes.ts';
import { CHECK_HELP } from './check-help.ts';

export { CHECK_HELP };
export type { CheckNote };

/** What one check run needs once its arguments are read. */
interface CheckRun {
  readonly args: CheckArgs;
  readonly io: CliIo;
  readonly notes: readonly CheckNote[];
  readonly recorder: ExchangeRecorder;
  readonly request: SimulatedRequest;
  readonly colors: Palette;
}

/** `corsguard check …`; resolves to the exit status. */
export async function runCheck(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgsOrPrintUsage(argv, io);
  if (args === undefined) return 2;
  if (args.help) return printAndSucceed(io, CHECK_HELP);
  if (args.version) return printAndSucceed(io, `${VERSION}\n`);
  const notes = checkNotes(args);
  printNotes(notes, io);
  const run: CheckRun = {
    args,
    io,
    notes,
    recorder: recordLastExchange(checkTransport(args)),
    request: simulatedRequest(args),
    colors: palette(io.env, io.isTTY),
  };
  return args.allBrowsers ? checkEveryEngine(run) : checkOneModel(run);
}

/** The parsed arguments, or undefined after printing the usage error. */
function parseArgsOrPrintUsage(argv: readonly string[], io: CliIo): CheckArgs | undefined {
  try {
    return parseCheckArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(usageText('check', error));
    return undefined;
  }
}

function printAndSucceed(io: CliIo, text: string): number {
  io.stdout(text);
  return 0;
}

/** The network as the browser reaches it: with its timeout, TLS and proxy settings, and its headers. */
function checkTransport(args: CheckArgs): Transport {
  return httpTransport({
    timeout: args.timeout,
    insecure: args.insecure,
    ...(args.proxy ? { proxy: args.proxy } : {}),
    // The cookies each exchange carries come from the simulator's cookie model (TransportRequest.cookie).
    extraHeaders: browserHeaders({ pageOrigin: parseOrigin(args.origin) ?? args.origin }),
  });
}

/** The fetch() call the page makes. */
function simulatedRequest(args: CheckArgs): SimulatedRequest {
  return {
    url: args.url,
    origin: args.origin,
    method: args.method,
    headers: args.headers,
    credentials: args.credentials,
    readHeaders: args.readHeaders,
    cookies: args.cookies,
  };
}

/**
 * Exit 2 when the check itself could not run: the request as given is one fetch() would throw on
 * before sending anything (stage 'request'), or the server could not be reached. Else 1: blocked.
 */
function exitCodeFor(verdict: SimulationVerdict): number {
  if (verdict.allowed) return 0;
  return verdict.stage === 'request' || verdict.reason === 'network-error' || verdict.reason === 'tls-error' ? 2 : 1;
}

/** --browser all: the worst engine's exit status. */
function worstExitCode(result: EngineVerdicts): number {
  return Math.max(...[...result.verdicts.values()].map(exitCodeFor));
}

/** --browser all: every engine's verdict, and where they disagree. */
async function checkEveryEngine({ args, io, notes, recorder, request, colors }: CheckRun): Promise<number> {
  const result = await checkEngines(request, recorder.transport);
  const code = worstExitCode(result);
  const exchangeWarnings = recorder.warnings();
  io.stdout(args.json ? enginesJson(result, notes, exchangeWarnings) : enginesText(result, exchangeWarnings, colors));
  return code;
}

function enginesJson(
  result: EngineVerdicts,
  notes: readonly CheckNote[],
  exchangeWarnings: readonly DocumentedWarning[],
): string {
  const verdicts = Object.fromEntries(
    [...result.verdicts].map(([engine, verdict]) => [engine, documentedVerdict(verdict)]),
  );
  return `${printableJson({ browser: 'all', agree: result.groups.length === 1, disagreement: disagreement(result) ?? null, groups: result.groups, verdicts, notes, exchangeWarnings })}\n`;
}

function enginesText(result: EngineVerdicts, exchangeWarnings: readonly DocumentedWarning[], colors: Palette): string {
  return (
    renderEngines(printable(result), colors, (verdict) => exitCodeFor(verdict) !== 2) +
    renderExchangeWarnings(printable(exchangeWarnings), colors)
  );
}

/** One browser engine, or the Fetch standard (--model). */
async function checkOneModel({ args, io, notes, recorder, request, colors }: CheckRun): Promise<number> {
  const verdict = await simulateFetch(request, recorder.transport, { model: args.model });
  const code = exitCodeFor(verdict);
  const exchangeWarnings = recorder.warnings();
  io.stdout(
    args.json
      ? `${printableJson({ ...documentedVerdict(verdict), model: args.model, notes, exchangeWarnings })}\n`
      : verdictText(verdict, code, exchangeWarnings, { colors, insecure: args.insecure }),
  );
  return code;
}

function verdictText(
  verdict: SimulationVerdict,
  code: number,
  exchangeWarnings: readonly DocumentedWarning[],
  { colors, insecure }: { readonly colors: Palette; readonly insecure: boolean },
): string {
  return (
    renderVerdict(printable(verdict), colors, { conclusive: code !== 2, hints: tlsHints(verdict, insecure) }) +
    renderExchangeWarnings(printable(exchangeWarnings), colors)
  );
}

/** A certificate the check refused: how to check the CORS answers anyway. */
function tlsHints(verdict: SimulationVerdict, insecure: boolean): string[] {
  if (verdict.reason !== 'tls-error' || insecure) return [];
  return [
    'To check the CORS answers anyway, add --insecure (-k): corsguard then accepts the certificate, which a browser would not.',
  ];
}
