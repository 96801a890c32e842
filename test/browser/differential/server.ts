// One server for the differential test: the page (on a.example.localhost) and the API (on api.
// and cdn.example.localhost) share a port; hosts make them different origins.
import { PROBE_SCRIPT } from '../support/probe.ts';
import { startRawServer } from './raw-http-server.ts';
import { arrivalSignature, caseIdOf, respond, type Hosts } from './respond.ts';

export interface DifferentialServer {
  readonly hosts: Hosts;
  readonly pageUrl: string;
  /** Per case, the requests that reached the server, in order. */
  readonly arrivals: Map<number, string[]>;
  close(): Promise<void>;
}

export async function startDifferentialServer(): Promise<DifferentialServer> {
  const arrivals = new Map<number, string[]>();
  let hosts: Hosts = { page: '', api: '', cdn: '' };
  const raw = await startRawServer(({ method, target, headers }) => {
    const url = new URL(target, `http://${headers.get('host') ?? 'localhost'}`);
    if (url.pathname === '/page') {
      const body = '<!doctype html><title>differential</title><script src="/probe.js"></script>';
      return {
        status: 200,
        headers: [
          ['Content-Type', 'text/html'],
          ['Content-Length', String(body.length)],
        ],
        body,
      };
    }
    if (url.pathname === '/probe.js') {
      return {
        status: 200,
        headers: [
          ['Content-Type', 'text/javascript'],
          ['Content-Length', String(Buffer.byteLength(PROBE_SCRIPT))],
        ],
        body: PROBE_SCRIPT,
      };
    }
    const answer = respond(url, method, headers, hosts);
    if (!answer) return { status: 404, headers: [['Content-Length', '0']] };
    const id = caseIdOf(url);
    if (id !== undefined) {
      const list = arrivals.get(id) ?? [];
      list.push(arrivalSignature(url, method, headers));
      arrivals.set(id, list);
    }
    return answer;
  });
  const port = raw.port;
  hosts = {
    page: `http://a.example.localhost:${port}`,
    api: `http://api.example.localhost:${port}`,
    cdn: `http://cdn.example.localhost:${port}`,
  };
  return { hosts, pageUrl: `${hosts.page}/page`, arrivals, close: () => raw.close() };
}
