import { FORBIDDEN_RESPONSE_HEADERS } from '../../core/headers.ts';
import { readableHeaderNames } from '../checks/exposed-headers.ts';
import type { Failure } from '../reasons/failure.ts';
import { failedVerdict, positionOf, type FetchRun, type Hop, type StepDetail } from '../fetch-run.ts';
import { parseTokenList } from '../checks/header-lists.ts';
import type { SimulationVerdict, TransportResponse } from '../types.ts';

const plural = (names: readonly string[], one: string, many: string): string => (names.length > 1 ? many : one);

/**
 * The fetch resolved: what script can read of the response
 * (https://fetch.spec.whatwg.org/#concept-filtered-response-cors), and whether that covers the
 * headers it wants. A wanted header the server did not send blocks nothing: it is reported in
 * `unsentHeaders` and a warning.
 */
export function readResponse(
  run: FetchRun,
  hop: Hop,
  response: TransportResponse,
  detail: StepDetail,
): SimulationVerdict {
  const { url, method, cors } = hop;
  const exposedHeaders = readableHeaderNames({ headers: response.headers, cors, credentials: run.credentials });
  run.steps.push({
    kind: 'actual',
    ok: true,
    summary: cors
      ? `${method} ${url.href} → ${response.status}: the CORS check passes; script can read the response.`
      : `${method} ${url.href} → ${response.status}: same-origin, CORS does not apply.`,
    ...detail,
  });
  const wanted = run.readHeaders.map((name) => name.toLowerCase());
  // Forbidden response headers are never readable, sent or not: say so before anything else.
  const neverReadable = wanted.filter((name) => FORBIDDEN_RESPONSE_HEADERS.has(name));
  const unsent = wanted.filter((name) => !FORBIDDEN_RESPONSE_HEADERS.has(name) && !response.headers.has(name));
  const hidden = wanted.filter((name) => response.headers.has(name) && !exposedHeaders.includes(name));
  if (unsent.length) {
    run.warnings.push(
      `The server did not send response ${plural(unsent, 'header', 'headers')} ${unsent.join(', ')}: the browser blocked nothing, but response.headers.get() returns null for ${plural(unsent, 'it', 'them')}.`,
    );
  }
  const resolved = {
    preflight: run.preflight,
    steps: run.steps,
    warnings: run.warnings,
    response: { status: response.status, url: url.href, redirected: hop.redirects > 0 },
    exposedHeaders,
    ...(unsent.length ? { unsentHeaders: unsent } : {}),
  };
  if (hidden.length === 0 && neverReadable.length === 0) {
    const readable = wanted.filter((name) => !unsent.includes(name));
    if (readable.length) run.steps.push({ kind: 'read', ok: true, summary: `Script can read ${readable.join(', ')}.` });
    return { allowed: true, ...resolved };
  }
  const exposeHeader = response.headers.get('access-control-expose-headers');
  const exposeList = parseTokenList(exposeHeader);
  const failure: Failure = neverReadable.length
    ? { reason: 'header-never-readable', stage: 'read', names: neverReadable }
    : {
        reason: exposeList === undefined ? 'invalid-expose-headers' : 'header-not-exposed',
        stage: 'read',
        names: hidden,
        value: exposeHeader ?? undefined,
        wildcardListed: exposeList?.includes('*') ?? false,
      };
  const exposeLine: [string, string][] = exposeHeader === null ? [] : [['access-control-expose-headers', exposeHeader]];
  const failed = failedVerdict(run, positionOf(hop), failure, {
    response: { status: response.status, headers: exposeLine },
  });
  return { ...failed, ...resolved, allowed: false };
}
