import type { CorsFailureCode } from '../reasons/codes.ts';
import type { ModelRules } from '../engines/model.ts';
import type { PreflightCache } from '../cache/preflight-cache.ts';
import { authorizationCoveredByWildcard, checkPreflightResponse, preflightDenial } from '../checks/preflight-check.ts';
import type { PreflightNeed } from '../checks/preflight-need.ts';
import { locationUrl } from '../redirects/redirects.ts';
import { transportFailure } from '../reasons/transport-error.ts';
import type { PreflightSummary, SimulationStep, Transport, TransportResponse } from '../types.ts';

type Exchange = Pick<SimulationStep, 'request' | 'response'>;

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
  const { url, method, need, origin, credentials, model, cache } = input;
  const names = [...new Set(need.unsafeHeaders)];
  const why = [
    need.methodUnsafe ? `method ${method} is not GET, HEAD or POST` : '',
    names.length
      ? `header${names.length > 1 ? 's' : ''} ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not safelisted`
      : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const base = { url: url.href, method, ...(need.requestHeaders ? { headers: need.requestHeaders } : {}) };
  const cacheable = !input.tainted || model.cachesTaintedPreflights;
  if (
    cacheable &&
    input.useCache &&
    cache.covers({ origin, url: url.href, method, unsafeHeaders: need.unsafeHeaders, credentials })
  ) {
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

  // Firefox forgets the URL's cached entries when its preflight fails (ModelRules.forgetsPreflightOnPreflightFailure).
  const forget = (): void => {
    if (model.forgetsPreflightOnPreflightFailure) cache.forget(origin, url.href);
  };
  const headers = new Headers({ accept: '*/*', origin, 'access-control-request-method': method });
  if (need.requestHeaders) headers.set('access-control-request-headers', need.requestHeaders);
  const request = { method: 'OPTIONS', url: url.href, headers: pairs(headers) };
  let response: TransportResponse;
  try {
    response = await input.transport({ method: 'OPTIONS', url: url.href, headers, includeCredentials: false });
  } catch (error) {
    forget();
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
  const failed = (failure: PreflightFailure): PreflightOutcome => {
    forget();
    return { ok: false, summary, failure, exchange };
  };

  if (locationUrl(response.status, response.headers, url).kind !== 'none') {
    return failed({ reason: 'preflight-redirect', value: response.headers.get('location') ?? '' });
  }
  const checked = checkPreflightResponse({
    status: response.status,
    headers: response.headers,
    origin,
    credentials,
    model,
  });
  if ('failure' in checked) {
    return failed({
      reason: checked.failure.code,
      value: checked.failure.value,
      names: checked.failure.code === 'invalid-allow-headers' ? names : undefined,
    });
  }
  const denial = preflightDenial(checked.result, method, need.unsafeHeaders, model);
  if (cacheable && (!denial || model.cachesRefusedPreflights)) cache.store(origin, url.href, checked.result);
  if (denial) {
    const listed = denial.code === 'method-not-allowed' ? checked.result.methods : checked.result.headers;
    return failed({ reason: denial.code, names: denial.names, wildcardListed: listed.has('*') });
  }
  return {
    ok: true,
    summary: { ...summary, ok: true },
    ...(authorizationCoveredByWildcard(checked.result, need.unsafeHeaders) ? { warning: AUTHORIZATION_WARNING } : {}),
    step: {
      kind: 'preflight',
      ok: true,
      summary: `Preflight OPTIONS ${url.href} → ${response.status}: allows ${method}${names.length ? ` with ${names.join(', ')}` : ''} (needed because ${why}); cacheable for ${Math.min(checked.result.maxAgeSeconds, model.maxAgeCap)} s.`,
      ...exchange,
    },
  };
}
