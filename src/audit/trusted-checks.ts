import { formatFixOptions, simulateFetch, type SimulationVerdict, type Transport } from '../simulate/index.ts';
import { settleAll, type TargetContext } from './context.ts';
import { allowOrigin, hasCorsHeaders, type Exchange } from './exchange.ts';
import { redirectOf } from './redirect-note.ts';
import { OffTargetError, SAFE_METHODS } from './sender.ts';
import { sentRequest } from './session.ts';

interface Recording {
  readonly log: Exchange[];
  /** The simulator asked for another URL (it follows redirects; the audit does not). */
  offTarget: boolean;
}

/**
 * The guarded transport, recording each exchange; without --unsafe, an actual request with another
 * method is replaced by a GET with the same headers (its CORS headers stand in; nothing changes state).
 */
function recordingTransport(context: TargetContext, recording: Recording): Transport {
  return async (request) => {
    const standIn = !context.unsafe && !SAFE_METHODS.has(request.method);
    const method = standIn ? 'GET' : request.method;
    let response;
    try {
      response = await context.transport({ ...request, method });
    } catch (error) {
      if (error instanceof OffTargetError) recording.offTarget = true;
      throw error;
    }
    const exchange: Exchange = { ...sentRequest(context.session, { ...request, method }), response };
    recording.log.push(exchange);
    context.exchanges.push(exchange);
    if (standIn) {
      context.notes.push({
        code: 'stand-in',
        method: request.method,
        message: `${request.method} was not sent (no --unsafe): a GET with the same headers stood in for its CORS headers.`,
      });
    }
    return response;
  };
}

function fixText(verdict: SimulationVerdict): string | undefined {
  if (verdict.fix === undefined) return undefined;
  return verdict.fix.options === undefined
    ? verdict.fix.text
    : `${verdict.fix.text} corsguard: { ${formatFixOptions(verdict.fix.options)} }`;
}

/** Would the browser let this trusted front end make this request? (the simulator's verdict) */
async function checkOne(context: TargetContext, origin: string, method: string): Promise<void> {
  const recording: Recording = { log: [], offTarget: false };
  const verdict = await simulateFetch(
    {
      url: context.url,
      origin,
      method,
      headers: context.headers.map(([n, v]) => [n, v] as [string, string]),
      credentials: context.credentials ? 'include' : 'same-origin',
    },
    recordingTransport(context, recording),
  );
  if (verdict.allowed) return;
  const last = recording.log.at(-1);
  const redirect = last && redirectOf(last);
  // The redirect passed the CORS check and the simulator wanted to follow it: the front end's answer is elsewhere.
  if (recording.offTarget && redirect) {
    context.notes.push({
      code: 'redirect',
      ...redirect,
      origin,
      method,
      message: `${method} from ${origin} is answered ${redirect.status} with a redirect to ${redirect.location}: not followed, so the request was not checked; audit that URL directly.`,
    });
    return;
  }
  if (
    last === undefined ||
    verdict.reason === 'network-error' ||
    verdict.reason === 'tls-error' ||
    verdict.stage === 'request'
  ) {
    const reason = verdict.reason ?? 'unknown';
    context.notes.push({
      code: 'not-checked',
      origin,
      method,
      reason,
      message: `Could not check ${method} from ${origin}: ${verdict.message ?? reason}`,
    });
    return;
  }
  const simpleGranted = context.exchanges.some(
    (exchange) =>
      exchange.request.method === 'GET' && exchange.request.headers.origin === origin && allowOrigin(exchange) !== null,
  );
  const preflight = recording.log.find((exchange) => exchange.request.method === 'OPTIONS');
  // A preflight refused on purpose (a 403 from a policy lacking the method) carries CORS headers; an unanswered one has none.
  if (verdict.stage === 'preflight' && preflight && simpleGranted && !hasCorsHeaders(preflight)) {
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
  await settleAll(
    context.trusted.flatMap((origin) => context.methods.map((method) => checkOne(context, origin, method))),
  );
}
