// Hand-written CORS answers with the mistakes people make, as small node:http handlers.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export type Headers = Record<string, string | string[]>;

/** What a server answers for one request: the CORS headers it adds, and optionally another status. */
export type Answer = (
  origin: string | undefined,
  request: IncomingMessage,
) => Partial<Headers> & { ':status'?: string };

export const isPreflight = (request: IncomingMessage): boolean =>
  request.method === 'OPTIONS' &&
  request.headers.origin !== undefined &&
  request.headers['access-control-request-method'] !== undefined;

/** A handler that adds `answer`'s headers to every response: 204 for preflights, 200 'ok' otherwise. */
export function handwritten(answer: Answer): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    const { ':status': status, ...headers } = answer(request.headers.origin, request);
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) response.setHeader(name, value);
    response.statusCode = status ? Number(status) : isPreflight(request) ? 204 : 200;
    response.end(isPreflight(request) ? undefined : 'ok');
  };
}

/** Allows origins passing `test`: reflects them (with Vary: Origin unless told otherwise), with or without credentials. */
export function allowWhen(
  test: (origin: string) => boolean,
  options: { credentials?: boolean; vary?: boolean; preflight?: (request: IncomingMessage) => Headers } = {},
): RequestListener {
  return handwritten((origin, request) => {
    const headers: Headers = options.vary === false ? {} : { vary: 'Origin' };
    if (origin === undefined || !test(origin)) return headers;
    headers['access-control-allow-origin'] = origin;
    if (options.credentials) headers['access-control-allow-credentials'] = 'true';
    if (isPreflight(request))
      Object.assign(
        headers,
        { 'access-control-allow-methods': 'GET, PUT', 'access-control-allow-headers': 'content-type' },
        options.preflight?.(request),
      );
    return headers;
  });
}
