// The playground behind `npm start`: the page on one origin, the corsguard-guarded API on a second
// (cross-site) origin and on a third, same-site one (the page's host on another port) where
// cookies travel. The page server also hands the page the API's record of each exchange, swaps the
// API's policy (`reconfigure`) and carries the page's simulator exchanges to the API; it answers
// only the page itself (page-guard.ts); every server answers only under its own names (host-guard.ts).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CorsConfigError } from '../../src/index.ts';
import { createPlaygroundApi, type PlaygroundApi } from './api.ts';
import { bundlePage } from './bundle.ts';
import { exchange, exchangeTarget } from './exchange.ts';
import { hostGuarded, loopbackHosts } from './host-guard.ts';
import { guardPageRequest, PageRequestError, readJson } from './page-guard.ts';
import type { PageError, PageErrorCode, PlaygroundConfig, PolicyJson, WireLog } from './wire.ts';

export type ServerRole = 'page' | 'api' | 'site';

export interface PlaygroundOptions {
  /** Port of the page (default 5173; 0 picks a free one). */
  readonly pagePort?: number;
  /** Port of the cross-site API (default 8080). */
  readonly apiPort?: number;
  /** Port of the same-site API (default 8081). */
  readonly sitePort?: number;
}

export interface Playground extends PlaygroundConfig {
  readonly api: PlaygroundApi;
  close(): Promise<void>;
}

/** One of the playground's servers could not listen: which one, on which port, and the system's code. */
export class PlaygroundListenError extends Error {
  constructor(
    readonly server: ServerRole,
    readonly port: number,
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    super(`the ${server} server could not listen on port ${port} (${code ?? 'unknown error'})`, options);
    this.name = 'PlaygroundListenError';
  }
}

const PAGE_HOST = 'page.localhost';
const API_HOST = 'api.localhost';
const BODY_LIMIT = 256 * 1024;

const html = readFileSync(new URL('./page/index.html', import.meta.url), 'utf8');
const css = readFileSync(new URL('./page/style.css', import.meta.url), 'utf8');

export async function startPlayground({
  pagePort = 5173,
  apiPort = 8080,
  sitePort = 8081,
}: PlaygroundOptions = {}): Promise<Playground> {
  const script = await bundlePage();
  const started: Server[] = [];
  const closeAll = () => Promise.all(started.map(close)).then(() => undefined);
  try {
    const pageServer = createServer();
    await listen(pageServer, pagePort, 'page');
    started.push(pageServer);
    const pageOrigin = `http://${PAGE_HOST}:${port(pageServer)}`;
    const api = createPlaygroundApi({ origin: [pageOrigin] });
    const apiServer = createServer();
    await listen(apiServer, apiPort, 'api');
    started.push(apiServer);
    const siteServer = createServer();
    await listen(siteServer, sitePort, 'site');
    started.push(siteServer);
    for (const [server, name, host] of [
      [apiServer, 'api', API_HOST],
      [siteServer, 'site', PAGE_HOST],
    ] as const) {
      server.on('request', hostGuarded(loopbackHosts(host, port(server)), api.listener(name)));
      server.on('clientError', api.clientError(name));
    }
    const config: PlaygroundConfig = {
      pageOrigin,
      apiOrigin: `http://${API_HOST}:${port(apiServer)}`,
      siteOrigin: `http://${PAGE_HOST}:${port(siteServer)}`,
    };
    const ports = new Map([
      [config.apiOrigin, port(apiServer)],
      [config.siteOrigin, port(siteServer)],
    ]);
    const page = html.replace('__CONFIG__', JSON.stringify(config).replaceAll('<', '\\u003c'));
    const hosts = loopbackHosts(PAGE_HOST, port(pageServer));
    pageServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
      pageRoute(req, res, { page, script, api, ports, hosts, pageOrigin }).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        if (!(error instanceof PageRequestError)) return sendError(res, 500, 'internal-error', 'internal error');
        // A body left unread (too large, or never read) is not worth draining: answer, then close.
        if (!req.complete) res.setHeader('Connection', 'close');
        sendError(res, error.status, error.code, error.message);
      });
    });
    return { ...config, api, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

interface PageContext {
  readonly page: string;
  readonly script: string;
  readonly api: PlaygroundApi;
  readonly ports: ReadonlyMap<string, number>;
  readonly hosts: ReadonlySet<string>;
  readonly pageOrigin: string;
}

async function pageRoute(
  req: IncomingMessage,
  res: ServerResponse,
  { page, script, api, ports, hosts, pageOrigin }: PageContext,
): Promise<void> {
  guardPageRequest(req, hosts);
  const url = new URL(req.url ?? '/', 'http://page');
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /':
      // The page's origin is what every preset and the simulator reason about: a page opened as
      // localhost or 127.0.0.1 would be another origin than the one the API trusts. 302, not 301:
      // a browser keeps a permanent redirect for a port that may serve something else tomorrow.
      if (`http://${req.headers.host?.toLowerCase()}` !== pageOrigin) {
        res
          .writeHead(302, { Location: `${pageOrigin}${url.pathname}${url.search}`, 'Cache-Control': 'no-store' })
          .end();
        return;
      }
      return send(res, 200, 'text/html; charset=utf-8', page);
    case 'GET /app.js':
      return send(res, 200, 'text/javascript; charset=utf-8', script);
    case 'GET /style.css':
      return send(res, 200, 'text/css; charset=utf-8', css);
    case 'GET /favicon.ico':
      res.writeHead(204).end();
      return;
    case 'GET /policy':
      return sendJson(res, 200, api.policy);
    case 'PUT /policy': {
      const policy = await readJson(req, BODY_LIMIT);
      try {
        api.apply(policy as PolicyJson);
      } catch (error) {
        if (!(error instanceof CorsConfigError)) throw error;
        return sendJson(res, 400, { issues: error.issues });
      }
      return sendJson(res, 200, api.policy);
    }
    case 'GET /wire': {
      const after = Number(url.searchParams.get('after') ?? 0);
      const log: WireLog = { records: api.recordsAfter(Number.isFinite(after) ? after : 0), last: api.lastId };
      return sendJson(res, 200, log);
    }
    case 'POST /exchange': {
      const target = exchangeTarget(await readJson(req, BODY_LIMIT), ports);
      try {
        return sendJson(res, 200, await exchange(target));
      } catch (error) {
        return sendError(res, 502, 'exchange-failed', error instanceof Error ? error.message : String(error));
      }
    }
    default:
      return sendError(res, 404, 'not-found', `no ${route}`);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: PageErrorCode, error: string): void {
  const body: PageError = { code, error };
  sendJson(res, status, body);
}

function listen(server: Server, portNumber: number, role: ServerRole): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new PlaygroundListenError(role, portNumber, error.code, { cause: error })),
    );
    server.listen(portNumber, '127.0.0.1', () => resolve());
  });
}

function port(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
