import type { CorsFailureCode } from '../reasons/codes.ts';
import type { ModelRules } from '../engines/model.ts';
import type { PreflightCache } from '../cache/preflight-cache.ts';
import {
  authorizationCoveredByWildcard,
  checkPreflightResponse,
  type PreflightDenial,
  type PreflightResult,
  preflightDenial,
} from '../checks/preflight-check.ts';
import type { CorsCheckFailure } from '../checks/cors-check.ts';
import type { PreflightNeed } from '../checks/preflight-need.ts';
import { locationUrl } from '../redirects/redirects.ts';
import { transportFailure } from '../reasons/transport-error.ts';
import type { PreflightSummary, SimulationStep, Transport, TransportResponse } from '../types.ts';

type Exchange = Pick<SimulationStep, 'request' | 'response'>;

/** What a preflight's summary says about the request it is for. */
type SummaryBase = Pick<PreflightSummary, 'url' | 'method' | 'headers'>;

export interface PreflightInput {
  readonly url: URL;
  readonly method: string;
  readonly need: PreflightNeed;
  /** The serialised origin the browser sends ('null' once tainted). */
  readonly origin: string;
  readonly credentials: boolean;
  readonly tainted: boolean;
  readonly model: ModelRules;
  readonly cache: PreflightCache;
  /** Look the preflight up in the cache (no for a `cache: 'no-store'` fetch in some engines: ModelRules.noStoreSkipsPreflightCache). */
  readonly useCache: boolean;
  readonly transport: Transport;
}

export type PreflightFailure = {
  readonly reason:
    | CorsFailureCode
    | 'network-error'
    | 'tls-error'
    | 'preflight-redirect'
    | 'method-not-allowed'
    | 'header-not-allowed'
    | 'authorization-not-covered-by-wildcard';
  readonly value?: string;
  readonly errorCode?: string;
  readonly names?: readonly string[];
  readonly wildcardListed?: boolean;
};

export type PreflightOutcome =
  | { readonly ok: true; readonly summary: PreflightSummary; readonly step: SimulationStep; readonly warning?: string }
  | {
      readonly ok: false;
      readonly summary: PreflightSummary;
      readonly failure: PreflightFailure;
      readonly exchange: Exchange;
    };

const AUTHORIZATION_WARNING =
  "Access-Control-Allow-Headers: * let Authorization through. Chromium, Firefox and WebKit allow this today, but the Fetch standard does not (Authorization must be listed by name): use allowedHeaders: ['authorization', ...].";

function pairs(headers: Headers): [string, string][] {
  return [...headers];
}

/** Response headers worth showing: the CORS ones and Location. */
export function relevantResponseHeaders(headers: Headers): [string, string][] {
  return pairs(headers).filter(([name]) => name.startsWith('access-control-') || name === 'location');
}

/**
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch for a request that needs one: served from the cache, or an
 * OPTIONS exchange checked and, when it passes, stored.
 */
export async function runPreflight(input: PreflightInput): Promise<PreflightOutcome> {
  const names = askedHeaderNames(input.need);
  const why = preflightReason(input.method, input.need, names);
  const base = summaryBase(input);
  const cacheable = isCacheable(input);
  if (cacheable && input.useCache && cacheCovers(input)) return cachedOutcome(base, why);

  const headers = preflightHeaders(input);
  const request = { method: 'OPTIONS', url: input.url.href, headers: pairs(headers) };
  let response: TransportResponse;
  try {
    response = await input.transport({ method: 'OPTIONS', url: input.url.href, headers, includeCredentials: false });
  } catch (error) {
    forgetAfterFailure(input);
    return {
      ok: false,
      summary: { ...base, cached: false, ok: false },
      failure: transportFailure(error),
      exchange: { request },
    };
  }
  const exchange = {
    request,
    response: { status: response.status, headers: relevantResponseHeaders(response.headers) },
  };
  const summary = { ...base, cached: false, status: response.status, ok: false };
  const judged = judgeResponse(input, response, names, cacheable);
  if ('failure' in judged) {
    forgetAfterFailure(input);
    return { ok: false, summary, failure: judged.failure, exchange };
  }
  return allowedOutcome(
    input,
    { ...summary, ok: true },
    exchange,
    judged.result,
    allowedSummary(input, response.status, judged.result, names, why),
  );
}

/** The passed preflight's outcome, warning when '*' let Authorization through. */
function allowedOutcome(
  input: PreflightInput,
  summary: PreflightSummary,
  exchange: Exchange,
  result: PreflightResult,
  stepSummary: string,
): PreflightOutcome {
  return {
    ok: true,
    summary,
    ...(authorizationCoveredByWildcard(result, input.need.unsafeHeaders) ? { warning: AUTHORIZATION_WARNING } : {}),
    step: { kind: 'preflight', ok: true, summary: stepSummary, ...exchange },
  };
}

/** The unsafe header names the preflight asks for, each once. */
function askedHeaderNames(need: PreflightNeed): string[] {
  return [...new Set(need.unsafeHeaders)];
}

/** Why the request needs a preflight, as a clause for the step's summary. */
function preflightReason(method: string, need: PreflightNeed, names: readonly string[]): string {
  const plural = names.length > 1;
  return [
    need.methodUnsafe ? `method ${method} is not GET, HEAD or POST` : '',
    names.length ? `header${plural ? 's' : ''} ${names.join(', ')} ${plural ? 'are' : 'is'} not safelisted` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

/** The request the preflight is for, as its summary shows it. */
function summaryBase({ url, method, need }: PreflightInput): SummaryBase {
  return { url: url.href, method, ...(need.requestHeaders ? { headers: need.requestHeaders } : {}) };
}

/** Only some engines cache a preflight sent with `Origin: null` (ModelRules.cachesTaintedPreflights). */
function isCacheable(input: PreflightInput): boolean {
  return !input.tainted || input.model.cachesTaintedPreflights;
}

function cacheCovers({ cache, origin, url, method, need, credentials }: PreflightInput): boolean {
  return cache.covers({ origin, url: url.href, method, unsafeHeaders: need.unsafeHeaders, credentials });
}

function cachedOutcome(base: SummaryBase, why: string): PreflightOutcome {
  return {
    ok: true,
    summary: { ...base, cached: true, ok: true },
    step: {
      kind: 'preflight-cache',
      ok: true,
      summary: `A preflight is needed (${why}); a cached preflight result covers it, so none is sent.`,
    },
  };
}

function preflightHeaders({ origin, method, need }: PreflightInput): Headers {
  const headers = new Headers({ accept: '*/*', origin, 'access-control-request-method': method });
  if (need.requestHeaders) headers.set('access-control-request-headers', need.requestHeaders);
  return headers;
}

/** Firefox forgets the URL's cached entries when its preflight fails (ModelRules.forgetsPreflightOnPreflightFailure). */
function forgetAfterFailure({ model, cache, origin, url }: PreflightInput): void {
  if (model.forgetsPreflightOnPreflightFailure) cache.forget(origin, url.href);
}

/**
 * The preflight response's checks, in order: no redirect, then the response checks, then the method and header
 * checks. The result is stored before a denial is returned.
 */
function judgeResponse(
  input: PreflightInput,
  response: TransportResponse,
  names: readonly string[],
  cacheable: boolean,
): { readonly failure: PreflightFailure } | { readonly result: PreflightResult } {
  if (locationUrl(response.status, response.headers, input.url).kind !== 'none') {
    return { failure: { reason: 'preflight-redirect', value: response.headers.get('location') ?? '' } };
  }
  const { origin, credentials, model } = input;
  const checked = checkPreflightResponse({
    status: response.status,
    headers: response.headers,
    origin,
    credentials,
    model,
  });
  if ('failure' in checked) return { failure: responseCheckFailure(checked.failure, names) };
  const denial = preflightDenial(checked.result, input.method, input.need.unsafeHeaders, model);
  if (cacheable) storeResult(input, checked.result, denial);
  return denial ? { failure: denialFailure(denial, checked.result) } : { result: checked.result };
}

function responseCheckFailure(failure: CorsCheckFailure, names: readonly string[]): PreflightFailure {
  return {
    reason: failure.code,
    value: failure.value,
    names: failure.code === 'invalid-allow-headers' ? names : undefined,
  };
}

/** A refused preflight's lists are cached only in some engines (ModelRules.cachesRefusedPreflights). */
function storeResult(input: PreflightInput, result: PreflightResult, denial: PreflightDenial | undefined): void {
  if (!denial || input.model.cachesRefusedPreflights) input.cache.store(input.origin, input.url.href, result);
}

function denialFailure(denial: PreflightDenial, result: PreflightResult): PreflightFailure {
  const listed = denial.code === 'method-not-allowed' ? result.methods : result.headers;
  return { reason: denial.code, names: denial.names, wildcardListed: listed.has('*') };
}

function allowedSummary(
  { url, method, model }: PreflightInput,
  status: number,
  result: PreflightResult,
  names: readonly string[],
  why: string,
): string {
  const headers = names.length ? ` with ${names.join(', ')}` : '';
  const maxAge = Math.min(result.maxAgeSeconds, model.maxAgeCap);
  return `Preflight OPTIONS ${url.href} → ${status}: allows ${method}${headers} (needed because ${why}); cacheable for ${maxAge} s.`;
}
