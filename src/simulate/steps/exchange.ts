import { corsCheck } from '../checks/cors-check.ts';
import { failedVerdict, positionOf, type FetchRun, type Hop, type StepDetail } from '../fetch-run.ts';
import { preflightNeed } from '../checks/preflight-need.ts';
import { relevantResponseHeaders, runPreflight } from './preflight-step.ts';
import type { FailureStage } from '../reasons/codes.ts';
import { locationUrl } from '../redirects/redirects.ts';
import { transportFailure } from '../reasons/transport-error.ts';
import type { SimulationVerdict, TransportResponse } from '../types.ts';

export type HopOutcome =
  | { readonly kind: 'failed'; readonly verdict: SimulationVerdict }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: URL; readonly detail: StepDetail }
  | { readonly kind: 'response'; readonly response: TransportResponse; readonly detail: StepDetail };

/**
 * One hop of https://fetch.spec.whatwg.org/#main-fetch: the CORS-preflight fetch when the request
 * needs one, the request itself, and the CORS check of its response (a redirect's included).
 */
export async function fetchHop(run: FetchRun, hop: Hop): Promise<HopOutcome> {
  const { url, method, cors } = hop;
  const origin = hop.tainted ? 'null' : run.pageOrigin;
  // Firefox preflights a tainted hop with the page's origin (ModelRules.taintedPreflightOrigin).
  const preflightOrigin = hop.tainted && run.model.taintedPreflightOrigin === 'page' ? run.pageOrigin : origin;
  const failed = (verdict: SimulationVerdict): HopOutcome => ({ kind: 'failed', verdict });

  if (cors) {
    const need = preflightNeed(method, hop.headers, run.model, hop.droppedHeaders);
    // Firefox and WebKit preflight every hop of a request that was preflighted once (see ModelRules).
    const forced = !need.needed && run.preflight !== undefined && run.model.preflightsEveryHopAfterPreflight;
    if (need.needed || forced) {
      run.preflightAsked = { ...(need.methodUnsafe ? { method } : {}), headers: [...new Set(need.unsafeHeaders)] };
      const outcome = await runPreflight({
        url,
        method,
        need,
        origin: preflightOrigin,
        credentials: run.credentials,
        tainted: hop.tainted,
        model: run.model,
        cache: run.cache,
        useCache: !(run.cacheMode === 'no-store' && run.model.noStoreSkipsPreflightCache),
        transport: run.transport,
      });
      run.preflight = outcome.summary;
      if (!outcome.summary.cached) run.cookies?.preflight('OPTIONS', url.href);
      if (!outcome.ok)
        return failed(
          failedVerdict(run, positionOf(hop), { ...outcome.failure, stage: 'preflight' }, outcome.exchange),
        );
      if (outcome.warning) run.warnings.push(outcome.warning);
      run.steps.push(outcome.step);
    }
  }

  const sent = new Headers();
  for (const [name, value] of hop.headers) sent.append(name, value);
  if (cors || (method !== 'GET' && method !== 'HEAD')) sent.set('origin', origin);
  const request = { method, url: url.href, headers: [...sent] as [string, string][] };
  // https://fetch.spec.whatwg.org/#http-network-or-cache-fetch: "includeCredentials".
  const includeCredentials = run.credentialsMode === 'include' || (run.credentialsMode === 'same-origin' && !cors);
  const cookie = run.cookies?.request(method, url, includeCredentials);
  let response: TransportResponse;
  try {
    response = await run.transport({
      method,
      url: url.href,
      headers: sent,
      includeCredentials,
      ...(cookie === undefined ? {} : { cookie }),
    });
  } catch (error) {
    return failed(failedVerdict(run, positionOf(hop), { ...transportFailure(error), stage: 'actual' }, { request }));
  }
  // Set-Cookie is processed before the CORS check (https://fetch.spec.whatwg.org/#http-network-fetch).
  run.cookies?.response(url, response.headers, includeCredentials);
  const detail = { request, response: { status: response.status, headers: relevantResponseHeaders(response.headers) } };
  const location = locationUrl(response.status, response.headers, url);
  const stage: FailureStage = location.kind === 'none' ? 'actual' : 'redirect';
  if (cors) {
    const failure = corsCheck({
      allowOrigin: response.headers.get('access-control-allow-origin'),
      allowCredentials: response.headers.get('access-control-allow-credentials'),
      origin,
      credentials: run.credentials,
    });
    if (failure) {
      if (run.model.forgetsPreflightOnFailure) run.cache.forget(preflightOrigin, url.href);
      return failed(failedVerdict(run, positionOf(hop), { reason: failure.code, stage, value: failure.value }, detail));
    }
  }
  if (location.kind === 'invalid')
    return failed(
      failedVerdict(
        run,
        positionOf(hop),
        { reason: 'redirect-invalid-location', stage, value: location.location },
        detail,
      ),
    );
  if (location.kind === 'url') return { kind: 'redirect', status: response.status, location: location.url, detail };
  return { kind: 'response', response, detail };
}
