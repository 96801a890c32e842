import { formatFixOptions, simulateFetch, type SimulationVerdict, type Transport } from '../simulate/index.ts';
import { settleAll, type TargetContext } from './context.ts';
import { allowOrigin, type Exchange } from './exchange.ts';
import { SAFE_METHODS } from './sender.ts';

/**
 * The guarded transport, recording each exchange; without --unsafe, an actual request with another
 * method is replaced by a GET with the same headers (its CORS headers stand in; nothing changes state).
 */
function recordingTransport(context: TargetContext, log: Exchange[]): Transport {
  return async (request) => {
    const standIn = !context.unsafe && !SAFE_METHODS.has(request.method);
    const method = standIn ? 'GET' : request.method;
    const response = await context.transport({ ...request, method });
    const exchange: Exchange = { request: { method, url: request.url, headers: Object.fromEntries(request.headers) }, response };
    log.push(exchange);
    context.exchanges.push(exchange);
    if (standIn) context.notes.push(`${request.method} was not sent (no --unsafe): a GET with the same headers stood in for its CORS headers.`);
    return response;
  };
}

function fixText(verdict: SimulationVerdict): string | undefined {
  if (verdict.fix === undefined) return undefined;
  return verdict.fix.options === undefined ? verdict.fix.text : `${verdict.fix.text} corsguard: { ${formatFixOptions(verdict.fix.options)} }`;
}

/** Would the browser let this trusted front end make this request? (the simulator's verdict) */
async function checkOne(context: TargetContext, origin: string, method: string): Promise<void> {
  const log: Exchange[] = [];
  const verdict = await simulateFetch(
    { url: context.url, origin, method, headers: context.headers.map(([n, v]) => [n, v] as [string, string]), credentials: context.credentials ? 'include' : 'same-origin' },
    recordingTransport(context, log),
  );
  if (verdict.allowed) return;
  const last = log.at(-1);
  if (last === undefined || verdict.reason === 'network-error' || verdict.reason === 'tls-error' || verdict.stage === 'request') {
    context.notes.push(`Could not check ${method} from ${origin}: ${verdict.message ?? verdict.reason}`);
    return;
  }
  const simpleGranted = context.exchanges.some((exchange) => exchange.request.method === 'GET' && exchange.request.headers.origin === origin && allowOrigin(exchange) !== null);
  const preflight = log.find((exchange) => exchange.request.method === 'OPTIONS');
  if (verdict.stage === 'preflight' && preflight && simpleGranted && (verdict.reason === 'preflight-invalid-status' || verdict.reason === 'missing-allow-origin')) {
    context.findings.add({ id: 'preflight-unanswered', exchange: preflight, origin });
  }
  context.findings.add({
    id: 'trusted-origin-blocked',
    exchange: last,
    origin,
    title: `${method} from ${origin} is blocked (${verdict.reason})`,
    why: verdict.message,
    fix: fixText(verdict),
  });
}

export async function checkTrustedOrigins(context: TargetContext): Promise<void> {
  await settleAll(context.trusted.flatMap((origin) => context.methods.map((method) => checkOne(context, origin, method))));
}
