import { fetchHop } from './steps/exchange.ts';
import { failedVerdict, type FetchRun, type Hop } from './fetch-run.ts';
import { followRedirect } from './redirects/follow-redirect.ts';
import { modelRules } from './engines/model.ts';
import { parseOrigin } from './checks/origin.ts';
import { PreflightCache } from './cache/preflight-cache.ts';
import { readResponse } from './steps/read-response.ts';
import type { SimulatedRequest, SimulateOptions, SimulationVerdict, Transport } from './types.ts';
import { validateRequest } from './steps/validate-request.ts';
import { CookieJar } from './cookies/jar.ts';

/**
 * Runs one fetch() the way a browser would, with `transport` performing each HTTP exchange, and
 * explains the outcome: validate the request, then for each hop the preflight and the exchange
 * (https://fetch.spec.whatwg.org/#main-fetch), following redirects
 * (https://fetch.spec.whatwg.org/#http-redirect-fetch), then what script can read.
 */
export async function simulateFetch(
  request: SimulatedRequest,
  transport: Transport,
  options: SimulateOptions = {},
): Promise<SimulationVerdict> {
  const model = modelRules(options.model ?? options.cache?.model);
  const cookies =
    request.cookies === undefined
      ? undefined
      : new CookieJar(model.cookies, model.label, {
          url: request.url,
          origin: request.origin,
          cookies: request.cookies,
        });
  const verdict = await runFetch(request, transport, options, cookies);
  return cookies ? { ...verdict, cookies: cookies.report() } : verdict;
}

async function runFetch(
  request: SimulatedRequest,
  transport: Transport,
  options: SimulateOptions,
  cookies: CookieJar | undefined,
): Promise<SimulationVerdict> {
  const model = modelRules(options.model ?? options.cache?.model);
  const credentialsMode = request.credentials ?? 'same-origin';
  const run: FetchRun = {
    model,
    cache: options.cache ?? new PreflightCache({ model: model.name }),
    transport,
    pageOrigin: parseOrigin(request.origin) ?? request.origin,
    credentialsMode,
    cacheMode: request.cache ?? 'default',
    credentials: credentialsMode === 'include',
    readHeaders: request.readHeaders ?? [],
    steps: [],
    warnings: [],
    ...(cookies ? { cookies } : {}),
  };
  const validated = validateRequest(request);
  if ('failure' in validated) return failedVerdict(run, validated.position, validated.failure);
  const dropped = validated.droppedHeaders;
  run.steps.push({
    kind: 'request',
    ok: true,
    summary: `fetch('${validated.hop.url.href}', { method: '${validated.hop.method}', credentials: '${credentialsMode}' }) from ${validated.origin}.${
      dropped.length ? ` The browser drops forbidden header${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')}.` : ''
    }`,
  });
  let hop: Hop = validated.hop;
  for (;;) {
    const outcome = await fetchHop(run, hop);
    if (outcome.kind === 'failed') return outcome.verdict;
    if (outcome.kind === 'response') return readResponse(run, hop, outcome.response, outcome.detail);
    const next = followRedirect(run, hop, outcome.status, outcome.location, outcome.detail);
    if ('verdict' in next) return next.verdict;
    hop = next.hop;
  }
}
