import { corsCheck } from '../checks/cors-check.ts';
import { failedVerdict, positionOf, type FetchRun, type Hop, type StepDetail } from '../fetch-run.ts';
import { preflightNeed, type PreflightNeed } from '../checks/preflight-need.ts';
import { relevantResponseHeaders, runPreflight, type PreflightInput } from './preflight-step.ts';
import type { FailureStage } from '../reasons/codes.ts';
import type { Failure, PreflightAsked } from '../reasons/failure.ts';
import { locationUrl } from '../redirects/redirects.ts';
import { transportFailure } from '../reasons/transport-error.ts';
import type { SimulationVerdict, TransportResponse } from '../types.ts';

export type HopOutcome =
  | { readonly kind: 'failed'; readonly verdict: SimulationVerdict }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: URL; readonly detail: StepDetail }
  | { readonly kind: 'response'; readonly response: TransportResponse; readonly detail: StepDetail };

/** The origins a hop's requests carry. */
interface HopOrigins {
  /** The serialised origin the request sends ('null' once tainted). */
  readonly request: string;
  /** The origin its preflight sends, and the preflight cache is keyed by. */
  readonly preflight: string;
}

/**
 * One hop of https://fetch.spec.whatwg.org/#main-fetch: the CORS-preflight fetch when the request
 * needs one, the request itself, and the CORS check of its response (a redirect's included).
 */
export async function fetchHop(run: FetchRun, hop: Hop): Promise<HopOutcome> {
  const origins = hopOrigins(run, hop);
  if (hop.cors) {
    const refused = await preflightIfNeeded(run, hop, origins.preflight);
    if (refused) return refused;
  }

  const sent = requestHeaders(hop, origins.request);
  const request = { method: hop.method, url: hop.url.href, headers: [...sent] as [string, string][] };
  const includeCredentials = includesCredentials(run, hop.cors);
  let response: TransportResponse;
  try {
    response = await sendRequest(run, hop, sent, includeCredentials);
  } catch (error) {
    return failedHop(run, hop, { ...transportFailure(error), stage: 'actual' }, { request });
  }
  // Set-Cookie is processed before the CORS check (https://fetch.spec.whatwg.org/#http-network-fetch).
  run.cookies?.response(hop.url, response.headers, includeCredentials);
  const detail = { request, response: { status: response.status, headers: relevantResponseHeaders(response.headers) } };
  return judgeResponse(run, hop, origins, response, detail);
}

function hopOrigins(run: FetchRun, hop: Hop): HopOrigins {
  const request = hop.tainted ? 'null' : run.pageOrigin;
  // Firefox preflights a tainted hop with the page's origin (ModelRules.taintedPreflightOrigin).
  const preflight = hop.tainted && run.model.taintedPreflightOrigin === 'page' ? run.pageOrigin : request;
  return { request, preflight };
}

function failedHop(run: FetchRun, hop: Hop, failure: Failure, detail?: StepDetail): HopOutcome {
  return { kind: 'failed', verdict: failedVerdict(run, positionOf(hop), failure, detail) };
}

/** The CORS-preflight fetch, when the hop needs one: the failed outcome when it is refused. */
async function preflightIfNeeded(run: FetchRun, hop: Hop, origin: string): Promise<HopOutcome | undefined> {
  const need = preflightNeed(hop.method, hop.headers, run.model, hop.droppedHeaders);
  if (!need.needed && !forcedPreflight(run)) return undefined;
  run.preflightAsked = preflightAsked(hop.method, need);
  const outcome = await runPreflight(preflightInput(run, hop, need, origin));
  run.preflight = outcome.summary;
  if (!outcome.summary.cached) run.cookies?.preflight('OPTIONS', hop.url.href);
  if (!outcome.ok) return failedHop(run, hop, { ...outcome.failure, stage: 'preflight' }, outcome.exchange);
  if (outcome.warning) run.warnings.push(outcome.warning);
  run.steps.push(outcome.step);
  return undefined;
}

/** Firefox and WebKit preflight every hop of a request that was preflighted once (see ModelRules). */
function forcedPreflight(run: FetchRun): boolean {
  return run.preflight !== undefined && run.model.preflightsEveryHopAfterPreflight;
}

function preflightAsked(method: string, need: PreflightNeed): PreflightAsked {
  return { ...(need.methodUnsafe ? { method } : {}), headers: [...new Set(need.unsafeHeaders)] };
}

function preflightInput(run: FetchRun, hop: Hop, need: PreflightNeed, origin: string): PreflightInput {
  return {
    url: hop.url,
    method: hop.method,
    need,
    origin,
    credentials: run.credentials,
    tainted: hop.tainted,
    model: run.model,
    cache: run.cache,
    useCache: !(run.cacheMode === 'no-store' && run.model.noStoreSkipsPreflightCache),
    transport: run.transport,
  };
}

/** The hop's headers, with Origin for a CORS request or a method other than GET and HEAD. */
function requestHeaders(hop: Hop, origin: string): Headers {
  const sent = new Headers();
  for (const [name, value] of hop.headers) sent.append(name, value);
  if (hop.cors || (hop.method !== 'GET' && hop.method !== 'HEAD')) sent.set('origin', origin);
  return sent;
}

/** https://fetch.spec.whatwg.org/#http-network-or-cache-fetch: "includeCredentials". */
function includesCredentials(run: FetchRun, cors: boolean): boolean {
  return run.credentialsMode === 'include' || (run.credentialsMode === 'same-origin' && !cors);
}

function sendRequest(
  run: FetchRun,
  hop: Hop,
  headers: Headers,
  includeCredentials: boolean,
): Promise<TransportResponse> {
  const { method, url } = hop;
  const cookie = run.cookies?.request(method, url, includeCredentials);
  return run.transport({
    method,
    url: url.href,
    headers,
    includeCredentials,
    ...(cookie === undefined ? {} : { cookie }),
  });
}

/** The response's CORS check (a redirect's included), then where a redirect leads. */
function judgeResponse(
  run: FetchRun,
  hop: Hop,
  origins: HopOrigins,
  response: TransportResponse,
  detail: StepDetail,
): HopOutcome {
  const location = locationUrl(response.status, response.headers, hop.url);
  const stage: FailureStage = location.kind === 'none' ? 'actual' : 'redirect';
  if (hop.cors) {
    const refused = corsCheckFailure(run, hop, origins, response, stage, detail);
    if (refused) return refused;
  }
  if (location.kind === 'invalid')
    return failedHop(run, hop, { reason: 'redirect-invalid-location', stage, value: location.location }, detail);
  if (location.kind === 'url') return { kind: 'redirect', status: response.status, location: location.url, detail };
  return { kind: 'response', response, detail };
}

function corsCheckFailure(
  run: FetchRun,
  hop: Hop,
  origins: HopOrigins,
  response: TransportResponse,
  stage: FailureStage,
  detail: StepDetail,
): HopOutcome | undefined {
  const failure = corsCheck({
    allowOrigin: response.headers.get('access-control-allow-origin'),
    allowCredentials: response.headers.get('access-control-allow-credentials'),
    origin: origins.request,
    credentials: run.credentials,
  });
  if (!failure) return undefined;
  if (run.model.forgetsPreflightOnFailure) run.cache.forget(origins.preflight, hop.url.href);
  return failedHop(run, hop, { reason: failure.code, stage, value: failure.value }, detail);
}
