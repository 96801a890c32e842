// Serves a WHATWG fetch handler (`(request: Request) => Response`) on node:http, for the Hono and
// fetch adapters: the request body is read in full, the response written with every header line
// (Set-Cookie kept apart), and no body for HEAD.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RouteInput, RouteOutput } from './api-routes.ts';
import type { RequestLog } from './request-log.ts';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export function serveFetch(handler: FetchHandler, log: RequestLog): Server {
  return createServer((incoming, outgoing) => {
    log.observe(incoming);
    toRequest(incoming)
      .then(handler)
      .then((response) => writeResponse(incoming, outgoing, response))
      .catch(() => {
        if (!outgoing.headersSent) outgoing.writeHead(500);
        outgoing.end();
      });
  });
}

async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  const method = incoming.method ?? 'GET';
  const url = `http://${incoming.headers.host ?? '127.0.0.1'}${incoming.url ?? '/'}`;
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return new Request(url, { method, headers, body: Buffer.concat(chunks) });
}

async function writeResponse(incoming: IncomingMessage, outgoing: ServerResponse, response: Response): Promise<void> {
  const lines: string[] = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') lines.push(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) lines.push('set-cookie', cookie);
  const body = incoming.method === 'HEAD' || response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, lines);
  outgoing.end(body);
}

/** The route input of a WHATWG Request. */
export function fetchRouteInput(request: Request): RouteInput {
  const url = new URL(request.url);
  return { method: request.method, target: url.pathname + url.search, header: (name) => request.headers.get(name) ?? undefined };
}

/** A WHATWG Response for a route's answer. */
export function routeResponse(route: RouteOutput): Response {
  const headers = new Headers();
  for (const [name, value] of route.headers) headers.append(name, value);
  const empty = route.status === 204 || route.status === 304;
  return new Response(empty ? null : route.body, { status: route.status, headers });
}
