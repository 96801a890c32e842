// A scenario's outcome in one comparable shape, predicted (corsguard's decisions read through the
// Fetch model) or observed (what Chromium let script see, and what reached the server).
import { METHODS } from 'node:http';
import type { Cors } from '../../../../src/index.ts';
import { API_HOST, OTHER_API_HOST, type ApiEndpoint } from '../../support/api-server.ts';
import {
  corsCheck,
  headerMap,
  preflightCheck,
  readableHeaders,
  sentRequest,
  siteOf,
} from '../../support/fetch-model.ts';
import type { ProbeResult } from '../../support/probe.ts';
import type { RequestLog } from '../../support/request-log.ts';
import type { MatrixRequest } from './requests.ts';

/** Set for the API host by a first-party visit before the matrix runs (cookies belong to hosts, not ports). */
export const MATRIX_COOKIE = { name: 'sid', value: 'matrix' } as const;

/** Response headers script tries to read in every scenario. */
export const READ_HEADERS = ['content-type', 'x-secret', 'x-request-id'] as const;
/** Headers every handler answer carries (api-routes.ts), so only exposure decides readability. */
const PRESENT = new Set<string>(READ_HEADERS);

export interface Outcome {
  /** Preflights that reached the server: the method and headers they asked for. */
  readonly preflights: ReadonlyArray<{ readonly method: string | undefined; readonly headers: string | null }>;
  /** `Origin` of each non-preflight request that reached the server, in order. */
  readonly origins: ReadonlyArray<string | null>;
  /** `METHOD /path` of each request that reached the route handler, in order, `+ cookie` when it carried one. */
  readonly handled: readonly string[];
  readonly script: 'read the response' | 'network error';
  readonly status?: number;
  readonly readable?: Readonly<Record<string, boolean>>;
}

interface Hop {
  readonly path: string;
  readonly host: string;
}

/** The URL hops of a request: the first on the API, then wherever redirects lead. */
function hops(request: MatrixRequest): Hop[] {
  switch (request.route ?? 'data') {
    case 'data':
      return [{ path: '/data', host: API_HOST }];
    case 'same-origin redirect':
      return [
        { path: '/redirect', host: API_HOST },
        { path: '/data', host: API_HOST },
      ];
    case 'cross-origin redirect':
      return [
        { path: '/redirect', host: API_HOST },
        { path: '/data', host: OTHER_API_HOST },
      ];
  }
}

/** The URL script fetches for a scenario (unique per scenario, so no preflight cache entry is shared). */
export function scenarioUrl(api: ApiEndpoint, request: MatrixRequest, id: string): string {
  const [first, second] = hops(request);
  const final = `/data?s=${id}`;
  if (second === undefined) return api.url(`${first!.path}?s=${id}`);
  const to = second.host === API_HOST ? final : api.url(final, second.host);
  return api.url(`/redirect?s=${id}&to=${encodeURIComponent(to)}`);
}

/**
 * What should happen: Chromium sends what the Fetch model says; corsguard (a fresh engine with the
 * same options) answers each request; the Fetch model's checks decide what script sees.
 */
export async function predictOutcome(
  engine: Cors,
  api: ApiEndpoint,
  request: MatrixRequest,
  pageOrigin: string,
): Promise<Outcome> {
  const script = {
    method: request.method,
    headers: request.headers ?? {},
    credentials: request.credentials ?? 'same-origin',
  } as const;
  const sent = sentRequest(script, pageOrigin, api.origin());
  const preflights: Array<{ method: string | undefined; headers: string | null }> = [];
  const origins: Array<string | null> = [];
  const handled: string[] = [];
  const blocked = (): Outcome => ({ preflights, origins, handled, script: 'network error' });
  const host = `${API_HOST}:${api.port}`;

  if (sent.preflight) {
    preflights.push({ method: sent.method, headers: sent.requestHeaders ?? null });
    const answer = await engine.decide({
      method: 'OPTIONS',
      url: '/data',
      headers: {
        origin: sent.origin,
        host,
        'sec-fetch-site': sent.secFetchSite,
        'access-control-request-method': sent.method,
        'access-control-request-headers': sent.requestHeaders,
      },
    });
    if (!preflightCheck(answer.status, headerMap(answer.headers), sent)) return blocked();
  }
  // Node's HTTP parser only accepts the methods it knows, in upper case: anything else (`patch`)
  // is answered 400 without reaching the adapter (finding in the report).
  if (!METHODS.includes(sent.method)) return blocked();

  let origin = sent.origin;
  const route = hops(request);
  for (const [index, hop] of route.entries()) {
    origins.push(origin);
    const answer = await engine.decide({
      method: sent.method,
      url: hop.path,
      headers: { origin, host: `${hop.host}:${api.port}`, 'sec-fetch-site': sent.secFetchSite },
    });
    // Cookies go only with credentialed requests, to the host that set them, and Chromium blocks
    // third-party cookies: only a page on the API's own site (example.localhost) gets them sent.
    const cookie =
      sent.credentialed && hop.host === API_HOST && siteOf(sent.origin) === siteOf(api.origin()) ? ' + cookie' : '';
    if (answer.status === 0) handled.push(`${sent.method} ${hop.path}${cookie}`);
    const status = answer.status === 0 ? (hop.path === '/redirect' ? 302 : 200) : answer.status;
    const headers = headerMap(answer.headers);
    if (!corsCheck(headers, origin, sent.credentialed)) return blocked();
    const next = route[index + 1];
    if (next !== undefined) {
      if (sent.preflight) throw new Error('the matrix only redirects requests without a preflight');
      // https://fetch.spec.whatwg.org/#http-redirect-fetch: a redirect to another origin, of a request already
      // cross-origin, taints the origin, which is then serialised as `null`.
      if (next.host !== hop.host && origin !== `http://${hop.host}:${api.port}`) origin = 'null';
      continue;
    }
    const readable = readableHeaders(headers, PRESENT, sent.credentialed, READ_HEADERS);
    return { preflights, origins, handled, script: 'read the response', status, readable };
  }
  throw new Error('unreachable: a route has at least one hop');
}

/** What did happen, from the probe's result and the server's log for the scenario. */
export function observeOutcome(result: ProbeResult, log: RequestLog, id: string): Outcome {
  const received = log.received(id);
  const preflights = received
    .filter((r) => r.method === 'OPTIONS' && r.requestMethod !== undefined)
    .map((r) => ({ method: r.requestMethod, headers: r.requestHeaders ?? null }));
  const origins = received
    .filter((r) => !(r.method === 'OPTIONS' && r.requestMethod !== undefined))
    .map((r) => r.origin ?? null);
  const handled = log
    .handled(id)
    .map(
      (r) =>
        `${r.method} ${r.path}${r.cookie?.includes(`${MATRIX_COOKIE.name}=${MATRIX_COOKIE.value}`) ? ' + cookie' : ''}`,
    );
  if (result.kind === 'network-error') return { preflights, origins, handled, script: 'network error' };
  const readable: Record<string, boolean> = {};
  for (const name of READ_HEADERS) readable[name] = result.headers[name] !== null;
  return { preflights, origins, handled, script: 'read the response', status: result.status, readable };
}
