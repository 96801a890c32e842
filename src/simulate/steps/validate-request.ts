import type { Failure } from '../reasons/failure.ts';
import type { FailurePosition, Hop } from '../fetch-run.ts';
import { isToken } from '../../core/tokens.ts';
import { prepareMethod } from '../checks/methods.ts';
import { isSameOrigin, parseOrigin } from '../checks/origin.ts';
import { hasUrlCredentials } from '../redirects/redirects.ts';
import { prepareHeaders } from '../checks/request-headers.ts';
import type { SimulatedRequest } from '../types.ts';

export type ValidatedRequest =
  | { readonly hop: Hop; readonly origin: string; readonly droppedHeaders: readonly string[] }
  | { readonly failure: Failure; readonly position: FailurePosition };

/**
 * What `new Request()` and fetch() check before anything is sent (https://fetch.spec.whatwg.org/#dom-request):
 * the URL, the page's origin, the method, the headers, and the names script will read.
 */
export function validateRequest(request: SimulatedRequest): ValidatedRequest {
  const method = request.method ?? 'GET';
  const refuse = (failure: Omit<Failure, 'stage'>, url = request.url): ValidatedRequest => ({
    failure: { ...failure, stage: 'request' },
    position: { url, method, tainted: false },
  });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refuse({ reason: 'invalid-url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return refuse({ reason: 'unsupported-scheme', value: url.protocol.slice(0, -1) });
  // A URL with user:password@ makes new Request() throw a TypeError.
  if (hasUrlCredentials(url)) return refuse({ reason: 'url-contains-credentials' });
  url.hash = '';
  const origin = parseOrigin(request.origin);
  if (origin === undefined) return refuse({ reason: 'invalid-origin' }, url.href);
  const prepared = prepareMethod(method);
  if ('problem' in prepared) return refuse({ reason: prepared.problem }, url.href);
  const headers = prepareHeaders(request.headers);
  if ('invalid' in headers) return refuse({ reason: 'invalid-header', value: headers.invalid }, url.href);
  const badReadHeader = (request.readHeaders ?? []).find((name) => !isToken(name));
  if (badReadHeader !== undefined) return refuse({ reason: 'invalid-read-header', value: badReadHeader }, url.href);
  return {
    hop: {
      url,
      method: prepared.method,
      headers: headers.list,
      tainted: false,
      cors: !isSameOrigin(origin, url),
      redirects: 0,
    },
    origin,
    droppedHeaders: headers.dropped,
  };
}
