import { failedVerdict, positionOf, type FetchRun, type Hop, type StepDetail } from '../fetch-run.ts';
import { isSameOrigin } from '../checks/origin.ts';
import {
  hasUrlCredentials,
  MAX_REDIRECTS,
  redirectedMethod,
  withoutBodyHeaders,
  withoutClientHints,
} from './redirects.ts';
import type { SimulationVerdict } from '../types.ts';

/**
 * https://fetch.spec.whatwg.org/#http-redirect-fetch: the checks a redirect must pass, and the
 * request it turns into (method, headers, tainted origin).
 */
export function followRedirect(
  run: FetchRun,
  hop: Hop,
  status: number,
  next: URL,
  detail: StepDetail,
): { hop: Hop } | { verdict: SimulationVerdict } {
  const { url, cors } = hop;
  const refuse = (
    reason: 'redirect-unsupported-scheme' | 'too-many-redirects' | 'redirect-contains-credentials',
    value?: string,
  ) => ({
    verdict: failedVerdict(run, positionOf(hop), { reason, stage: 'redirect', value }, detail),
  });
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return refuse('redirect-unsupported-scheme', next.href);
  if (hop.redirects === MAX_REDIRECTS) return refuse('too-many-redirects');
  if (hasUrlCredentials(next) && (cors || hop.tainted || !isSameOrigin(run.pageOrigin, next)))
    return refuse('redirect-contains-credentials', next.href);

  const crossOrigin = next.origin !== url.origin;
  const changed =
    crossOrigin && status !== 303 && run.model.crossOriginRedirectToGet.includes(hop.method)
      ? { method: 'GET', dropBody: false }
      : redirectedMethod(status, hop.method);
  let headers = changed.dropBody ? withoutBodyHeaders(hop.headers) : hop.headers;
  // Authorization does not follow a redirect to another origin.
  if (crossOrigin) headers = headers.filter(([name]) => name !== 'authorization');
  const dropped = hop.headers.filter((pair) => !headers.includes(pair));
  const droppedHeaders = run.model.preflightListsDroppedHeaders ? [...(hop.droppedHeaders ?? []), ...dropped] : [];
  if (run.model.dropsClientHintsOnRedirect && !isSameOrigin(run.pageOrigin, next))
    headers = withoutClientHints(headers);
  // A redirect to another origin, from a URL cross-origin to the page, taints the origin.
  const tainted = hop.tainted || (next.origin !== url.origin && !isSameOrigin(run.pageOrigin, url));
  run.steps.push({
    kind: 'redirect',
    ok: true,
    summary: `${status} redirect to ${next.href}${cors ? ' passes the CORS check' : ''}${tainted ? "; the origin is now tainted: later requests carry 'Origin: null'" : ''}.`,
    ...detail,
  });
  return {
    hop: {
      url: next,
      method: changed.method,
      headers,
      tainted,
      cors: cors || !isSameOrigin(run.pageOrigin, next),
      redirects: hop.redirects + 1,
      redirectedFrom: hop.redirectedFrom ?? url.href,
      ...(droppedHeaders.length ? { droppedHeaders } : {}),
    },
  };
}
