// Shared plumbing for the per-adapter API servers: listening on 127.0.0.1:0, closing, and reading
// and writing the framework-neutral route on plain node:http objects.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CorsOptions } from '../../../../src/index.ts';
import type { RouteInput, RouteOutput } from '../api-routes.ts';
import type { RequestLog } from '../request-log.ts';

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts one adapter's server with `options` on 127.0.0.1:0, logging every request to `log`. */
export type StartApi = (options: CorsOptions<any>, log: RequestLog) => Promise<RunningServer>;

export async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
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
