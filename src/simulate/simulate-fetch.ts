import { corsCheck } from './cors-check.ts';
import { FORBIDDEN_RESPONSE_HEADERS } from '../core/headers.ts';
import { readableHeaderNames } from './exposed-headers.ts';
import { parseTokenList } from './header-lists.ts';
import { fixFor } from './fixes.ts';
import { isToken } from '../core/tokens.ts';
import { prepareMethod } from './methods.ts';
import { modelRules } from './model.ts';
import { isSameOrigin, parseOrigin } from './origin.ts';
import { PreflightCache } from './preflight-cache.ts';
import { preflightNeed } from './preflight-need.ts';
import { errorText, relevantResponseHeaders, runPreflight } from './preflight-step.ts';
import { describe, type FailureStage, type SimulationReason } from './reasons.ts';
import { hasUrlCredentials, locationUrl, MAX_REDIRECTS, redirectedMethod, withoutBodyHeaders, withoutClientHints } from './redirects.ts';
import { prepareHeaders, type HeaderList } from './request-headers.ts';
import type {
  PreflightSummary,
  SimulatedRequest,
  SimulateOptions,
  SimulationStep,
  SimulationVerdict,
  Transport,
  TransportResponse,
} from './types.ts';

type Pairs = ReadonlyArray<readonly [string, string]>;

interface Failure {
  readonly reason: SimulationReason;
  readonly stage: FailureStage;
  readonly value?: string;
  readonly names?: readonly string[];
  readonly wildcardListed?: boolean;
}

function pairsOf(headers: Headers): Pairs {
  return [...headers];
}

/**
 * Runs one fetch() the way a browser would (Fetch §4.1 main fetch, §4.4 redirects, §4.8 preflight,
 * §4.9 CORS check), with `transport` performing each HTTP exchange, and explains the outcome.
 */
export async function simulateFetch(request: SimulatedRequest, transport: Transport, options: SimulateOptions = {}): Promise<SimulationVerdict> {
  const model = modelRules(options.model ?? options.cache?.model);
  const cache = options.cache ?? new PreflightCache({ model: model.name });
  const credentialsMode = request.credentials ?? 'same-origin';
  const include = credentialsMode === 'include';
  const steps: SimulationStep[] = [];
  const warnings: string[] = [];
  let preflight: PreflightSummary | undefined;
  let preflightAsked: { method?: string; headers: readonly string[] } | undefined;
  let tainted = false;
  let method = request.method ?? 'GET';
  let currentUrl = request.url;
  let redirectedFrom: string | undefined;
  const pageOrigin = parseOrigin(request.origin) ?? request.origin;

  const fail = (failure: Failure, step?: Omit<SimulationStep, 'ok' | 'summary' | 'kind'>): SimulationVerdict => {
    const context = {
      url: currentUrl,
      origin: tainted ? 'null' : pageOrigin,
      method,
      stage: failure.stage,
      value: failure.value,
      names: failure.names,
      redirectedFrom,
    };
    const message = describe(failure.reason, context);
    steps.push({ kind: failure.stage, ok: false, summary: message, ...step });
    return {
      allowed: false,
      preflight,
      steps,
      warnings,
      reason: failure.reason,
      stage: failure.stage,
      message,
      fix: fixFor(failure.reason, {
        origin: pageOrigin,
        tainted,
        credentials: include,
        method,
        stage: failure.stage,
        value: failure.value,
        names: failure.names,
        wildcardListed: failure.wildcardListed,
        preflightAsked,
      }),
      exposedHeaders: [],
    };
  };

  // new Request(): URL, origin, method and headers are validated before anything is sent.
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return fail({ reason: 'invalid-url', stage: 'request' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail({ reason: 'unsupported-scheme', stage: 'request', value: url.protocol.slice(0, -1) });
  // Fetch §5.4 new Request() step 5.4: a URL with user:password@ throws a TypeError.
  if (hasUrlCredentials(url)) return fail({ reason: 'url-contains-credentials', stage: 'request' });
  url.hash = '';
  currentUrl = url.href;
  const origin = parseOrigin(request.origin);
  if (origin === undefined) return fail({ reason: 'invalid-origin', stage: 'request' });
  const prepared = prepareMethod(method);
  if ('problem' in prepared) return fail({ reason: prepared.problem, stage: 'request' });
  method = prepared.method;
  const preparedHeaders = prepareHeaders(request.headers);
  if ('invalid' in preparedHeaders) return fail({ reason: 'invalid-header', stage: 'request', value: preparedHeaders.invalid });
  let headers: HeaderList = preparedHeaders.list;
  const badReadHeader = (request.readHeaders ?? []).find((name) => !isToken(name));
  if (badReadHeader !== undefined) return fail({ reason: 'invalid-read-header', stage: 'request', value: badReadHeader });
  const dropped = preparedHeaders.dropped.length
    ? ` The browser drops forbidden header${preparedHeaders.dropped.length > 1 ? 's' : ''} ${preparedHeaders.dropped.join(', ')}.`
    : '';
  steps.push({
    kind: 'request',
    ok: true,
    summary: `fetch('${url.href}', { method: '${method}', credentials: '${credentialsMode}' }) from ${origin}.${dropped}`,
  });

  let corsTainting = false;
  let redirects = 0;
  for (;;) {
    currentUrl = url.href;
    const cors: boolean = corsTainting || !isSameOrigin(origin, url);
    corsTainting = cors;
    const sentOrigin = tainted ? 'null' : origin;

    if (cors) {
      const need = preflightNeed(method, headers, model);
      if (need.needed) {
        preflightAsked = { ...(need.methodUnsafe ? { method } : {}), headers: [...new Set(need.unsafeHeaders)] };
        const outcome = await runPreflight({ url, method, need, origin: sentOrigin, credentials: include, tainted, model, cache, transport });
        preflight = outcome.summary;
        if (!outcome.ok) return fail({ ...outcome.failure, stage: 'preflight' }, outcome.exchange);
        if (outcome.warning) warnings.push(outcome.warning);
        steps.push(outcome.step);
      }
    }

    const sent = new Headers();
    for (const [name, value] of headers) sent.append(name, value);
    if (cors || (method !== 'GET' && method !== 'HEAD')) sent.set('origin', sentOrigin);
    const sentRequest = { method, url: url.href, headers: pairsOf(sent) };
    let response: TransportResponse;
    try {
      response = await transport({ method, url: url.href, headers: sent });
    } catch (error) {
      return fail({ reason: 'network-error', stage: 'actual', value: errorText(error) }, { request: sentRequest });
    }
    const exchange = { request: sentRequest, response: { status: response.status, headers: relevantResponseHeaders(response.headers) } };
    const location = locationUrl(response.status, response.headers, url);
    const stage: FailureStage = location.kind === 'none' ? 'actual' : 'redirect';
    if (cors) {
      const failure = corsCheck({
        allowOrigin: response.headers.get('access-control-allow-origin'),
        allowCredentials: response.headers.get('access-control-allow-credentials'),
        origin: sentOrigin,
        credentials: include,
      });
      if (failure) return fail({ reason: failure.code, stage, value: failure.value }, exchange);
    }
    if (location.kind === 'invalid') return fail({ reason: 'redirect-invalid-location', stage, value: location.location }, exchange);
    if (location.kind === 'url') {
      const next = location.url;
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return fail({ reason: 'redirect-unsupported-scheme', stage, value: next.href }, exchange);
      }
      if (redirects === MAX_REDIRECTS) return fail({ reason: 'too-many-redirects', stage }, exchange);
      redirects += 1;
      if (hasUrlCredentials(next) && (cors || tainted || !isSameOrigin(origin, next))) {
        return fail({ reason: 'redirect-contains-credentials', stage, value: next.href }, exchange);
      }
      const changed = redirectedMethod(response.status, method);
      method = changed.method;
      if (changed.dropBody) headers = withoutBodyHeaders(headers);
      // Fetch §4.4 step 13: Authorization does not follow a redirect to another origin.
      if (next.origin !== url.origin) headers = headers.filter(([name]) => name !== 'authorization');
      if (model.dropsClientHintsOnRedirect && !isSameOrigin(origin, next)) headers = withoutClientHints(headers);
      // Fetch §4.4 step 14: a redirect to another origin, from a URL cross-origin to the page, taints the origin.
      if (next.origin !== url.origin && !isSameOrigin(origin, url)) tainted = true;
      steps.push({
        kind: 'redirect',
        ok: true,
        summary: `${response.status} redirect to ${next.href}${cors ? ' passes the CORS check' : ''}${tainted ? "; the origin is now tainted: later requests carry 'Origin: null'" : ''}.`,
        ...exchange,
      });
      redirectedFrom ??= url.href;
      url = next;
      continue;
    }

    const exposedHeaders = readableHeaderNames({ headers: response.headers, cors, credentials: include });
    steps.push({
      kind: 'actual',
      ok: true,
      summary: cors
        ? `${method} ${url.href} → ${response.status}: the CORS check passes; script can read the response.`
        : `${method} ${url.href} → ${response.status}: same-origin, CORS does not apply.`,
      ...exchange,
    });
    const verdict = {
      preflight,
      steps,
      warnings,
      response: { status: response.status, url: url.href, redirected: redirects > 0 },
      exposedHeaders,
    };
    const wanted = (request.readHeaders ?? []).map((name) => name.toLowerCase());
    // Forbidden response headers are never readable, sent or not: say so before anything else.
    const neverReadable = wanted.filter((name) => FORBIDDEN_RESPONSE_HEADERS.has(name));
    const missing = wanted.filter((name) => !response.headers.has(name));
    const hidden = wanted.filter((name) => response.headers.has(name) && !exposedHeaders.includes(name));
    if (missing.length === 0 && hidden.length === 0 && neverReadable.length === 0) {
      if (wanted.length) steps.push({ kind: 'read', ok: true, summary: `Script can read ${wanted.join(', ')}.` });
      return { allowed: true, ...verdict };
    }
    const exposeHeader = response.headers.get('access-control-expose-headers');
    const exposeList = parseTokenList(exposeHeader);
    const failure: Failure = neverReadable.length
      ? { reason: 'header-never-readable', stage: 'read', names: neverReadable }
      : hidden.length
        ? {
            reason: exposeList === undefined ? 'invalid-expose-headers' : 'header-not-exposed',
            stage: 'read',
            names: hidden,
            value: exposeHeader ?? undefined,
            wildcardListed: exposeList?.includes('*') ?? false,
          }
        : { reason: 'header-not-sent', stage: 'read', names: missing };
    const failed = fail(failure, { response: { status: response.status, headers: exposeHeader === null ? [] : [['access-control-expose-headers', exposeHeader]] } });
    return { ...failed, ...verdict, allowed: false };
  }
}

