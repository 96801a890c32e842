// The live demo behind `npm start`: an API with a corsguard policy on one origin and a page on
// another origin that calls it. The page shows what the browser did and why the server decided so.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// From the source, not the package: `npm start` shows the code as it is now, with no build step.
import type { DebugEvent } from '../../src/index.ts';
import { cors } from '../../src/adapters/node.ts';

export interface DemoOptions {
  /** Port of the API (default 8080; 0 picks a free one). */
  readonly apiPort?: number;
  /** Port of the page (default 5173; 0 picks a free one). */
  readonly pagePort?: number;
}

export interface Demo {
  readonly apiUrl: string;
  readonly pageUrl: string;
  readonly decisions: readonly (DebugEvent & { readonly id: number })[];
  close(): Promise<void>;
}

const page = readFileSync(new URL('./page.html', import.meta.url), 'utf8');

export async function startDemo({ apiPort = 8080, pagePort = 5173 }: DemoOptions = {}): Promise<Demo> {
  const pageServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page.replace('__API__', apiUrl));
  });
  await listen(pageServer, pagePort, 'page');
  // Page and API differ by port: two origins (so CORS applies) on one site (so the cookie is first-party).
  const pageUrl = `http://localhost:${port(pageServer)}`;

  const decisions: Array<DebugEvent & { id: number }> = [];
  const middleware = cors({
    origin: [pageUrl],
    credentials: true,
    methods: ['PUT'],
    allowedHeaders: ['X-Demo', 'Content-Type'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 5,
    csrf: true,
    debug: (event) => {
      if (event.path === '/decisions') return;
      decisions.push({ ...event, id: decisions.length + 1 });
      if (decisions.length > 200) decisions.shift();
    },
  });
  const apiServer = createServer((req, res) => middleware(req, res, () => api(req, res, decisions)));
  try {
    await listen(apiServer, apiPort, 'api');
  } catch (error) {
    await close(pageServer);
    throw error;
  }
  const apiUrl = `http://localhost:${port(apiServer)}`;

  return {
    apiUrl,
    pageUrl,
    decisions,
    close: async () => {
      await Promise.all([close(apiServer), close(pageServer)]);
    },
  };
}

let requestCount = 0;

function api(req: IncomingMessage, res: ServerResponse, decisions: readonly DebugEvent[]): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  res.setHeader('X-Request-Id', String(++requestCount));
  if (url.pathname === '/decisions') {
    const since = Number(url.searchParams.get('since') ?? 0);
    return json(res, 200, (decisions as Array<DebugEvent & { id: number }>).filter((event) => event.id > since));
  }
  if (url.pathname === '/login' && req.method === 'POST') {
    // Same site (localhost), so SameSite=Lax lets the cookie travel with credentialed fetches.
    res.setHeader('Set-Cookie', `demo_session=s${requestCount}; Path=/; SameSite=Lax; HttpOnly`);
    return json(res, 200, { loggedIn: true });
  }
  if (url.pathname === '/me') {
    const session = /(?:^|;\s*)demo_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    return json(res, 200, { session: session ?? null });
  }
  if (url.pathname.startsWith('/items')) {
    return json(res, 200, { method: req.method, demoHeader: req.headers['x-demo'] ?? null });
  }
  json(res, 404, { error: 'not found' });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** One of the demo's servers could not listen: which one, on which port, and the system's code. */
export class DemoListenError extends Error {
  constructor(
    readonly server: 'api' | 'page',
    readonly port: number,
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    super(`the ${server} server could not listen on port ${port} (${code ?? 'unknown error'})`, options);
    this.name = 'DemoListenError';
  }
}

function listen(server: Server, portNumber: number, role: 'api' | 'page'): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new DemoListenError(role, portNumber, error.code, { cause: error })));
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
