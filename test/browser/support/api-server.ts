// The server registry: for an adapter name and corsguard options, a real HTTP server on
// 127.0.0.1:0 serving the routes of api-routes.ts behind that adapter. Chromium reaches it as
// http://api.example.localhost:PORT (and as http://api2.example.localhost:PORT, another origin on
// the same server, for cross-origin redirects).
import type { CorsOptions } from '../../../src/index.ts';
import { startExpressApi } from './api-servers/express.ts';
import { startFastifyApi } from './api-servers/fastify.ts';
import { startFetchApi } from './api-servers/fetch.ts';
import { startHonoApi } from './api-servers/hono.ts';
import { startKoaApi } from './api-servers/koa.ts';
import { startNodeApi } from './api-servers/node.ts';
import type { RunningServer } from '../../support/servers.ts';
import type { StartApi } from './api-servers/server-kit.ts';
import { RequestLog } from './request-log.ts';

export const ADAPTERS = {
  node: startNodeApi,
  express: startExpressApi,
  fastify: startFastifyApi,
  koa: startKoaApi,
  hono: startHonoApi,
  fetch: startFetchApi,
} as const satisfies Record<string, StartApi>;

export type AdapterName = keyof typeof ADAPTERS;
export const ADAPTER_NAMES = Object.keys(ADAPTERS) as AdapterName[];

export const API_HOST = 'api.example.localhost';
/** Another origin served by the same server. */
export const OTHER_API_HOST = 'api2.example.localhost';

/** An API server on 127.0.0.1 as the browser reaches it, with the log of what reached it. */
export interface ApiEndpoint {
  readonly port: number;
  readonly log: RequestLog;
  /** `http://HOST:PORT`. */
  origin(host?: string): string;
  /** An absolute URL for a path (with query) on this server. */
  url(path: string, host?: string): string;
  close(): Promise<void>;
}

export interface ApiServer extends ApiEndpoint {
  readonly adapter: AdapterName;
}

export async function startApi(adapter: AdapterName, options: CorsOptions<any>): Promise<ApiServer> {
  const log = new RequestLog();
  return { adapter, ...apiEndpoint(await ADAPTERS[adapter](options, log), log) };
}

/** The endpoint of a server started with `log`. */
export function apiEndpoint(running: RunningServer, log: RequestLog): ApiEndpoint {
  const origin = (host = API_HOST) => `http://${host}:${running.port}`;
  return { port: running.port, log, origin, url: (path, host) => `${origin(host)}${path}`, close: running.close };
}
