// The server of the cross-site cookie suite: one port, three host names. The API is
// api.example.localhost; the same-site page a.example.localhost; the cross-site page
// app.other.localhost (a registrable domain of its own: every engine treats `localhost` as a
// public suffix, so the sites are example.localhost and other.localhost). Every request's cookie
// names are logged under its `r` parameter.
import { createServer } from 'node:http';
import { listen } from '../../support/servers.ts';
import { PROBE_SCRIPT } from '../support/probe.ts';
import type { PageKey } from './matrix.ts';
import { cookieAnswer, stageOf, type CookieAnswer } from './routes.ts';

export interface Arrival {
  readonly at: 'preflight' | 'hop' | 'echo';
  /** Cookie names, sorted. */
  readonly cookies: readonly string[];
}

export interface CookieServer {
  readonly port: number;
  readonly api: string;
  readonly pages: Readonly<Record<PageKey, string>>;
  /** Per request id, what reached the server in order. */
  readonly arrivals: Map<string, Arrival[]>;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><title>cookies</title><script src="/probe.js"></script>';

export async function startCookieServer(
  answerFor: (method: string, url: URL, origin: string | null) => CookieAnswer | undefined = cookieAnswer,
): Promise<CookieServer> {
  const arrivals = new Map<string, Arrival[]>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://server.invalid');
    if (url.pathname === '/page') return response.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
    if (url.pathname === '/probe.js')
      return response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(PROBE_SCRIPT);
    request.resume();
    const method = request.method ?? 'GET';
    const answer = answerFor(method, url, request.headers.origin ?? null);
    if (answer === undefined) return response.writeHead(404).end();
    const id = url.searchParams.get('r');
    if (id !== null) {
      const cookies = (request.headers.cookie ?? '')
        .split(';')
        .map((part) => part.trim().split('=')[0]!)
        .filter(Boolean)
        .sort();
      arrivals.set(id, [...(arrivals.get(id) ?? []), { at: stageOf(method, url), cookies }]);
    }
    const lines: string[] = answer.headers.flat();
    response.writeHead(answer.status, lines).end();
  });
  const running = await listen(server);
  const at = (host: string) => `http://${host}:${running.port}`;
  return {
    port: running.port,
    api: at('api.example.localhost'),
    pages: { 'same-site': at('a.example.localhost'), 'cross-site': at('app.other.localhost') },
    arrivals,
    close: () => running.close(),
  };
}
