// Shared plumbing for the per-adapter API servers: a logged node:http server on 127.0.0.1:0, and
// reading and writing the framework-neutral route on plain node:http objects.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { CorsOptions } from '../../../../src/index.ts';
import { listen, type RunningServer } from '../../../support/servers.ts';
import type { RouteInput, RouteOutput } from '../api-routes.ts';
import type { RequestLog } from '../request-log.ts';

/** Starts one adapter's server with `options` on 127.0.0.1:0, logging every request to `log`. */
export type StartApi = (options: CorsOptions<any>, log: RequestLog) => Promise<RunningServer>;

/** Serves `listener` on 127.0.0.1:0, logging every request to `log` as it arrives, before the listener sees it. */
export function listenLogged(log: RequestLog, listener: RequestListener): Promise<RunningServer> {
  return listen(
    createServer((request, response) => {
      log.observe(request, response);
      listener(request, response);
    }),
  );
}

export function nodeRouteInput(request: IncomingMessage): RouteInput {
  return {
    method: request.method ?? 'GET',
    target: request.url ?? '/',
    header(name) {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** Writes a route's answer after whatever headers corsguard already set on `response`. */
export function writeRoute(response: ServerResponse, route: RouteOutput): void {
  const lines = new Map<string, string[]>();
  for (const [name, value] of route.headers) lines.set(name, [...(lines.get(name) ?? []), value]);
  for (const [name, values] of lines) response.setHeader(name, values.length === 1 ? values[0]! : values);
  response.statusCode = route.status;
  response.end(route.body);
}
