// Upstream, gateway and raw-socket client for the proxy tests: real sockets on 127.0.0.1 only.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { listen, type RunningServer } from '../../support/servers.ts';
import { createProxyServer, type ProxyLogEntry, type ProxyOptions } from '../../../src/proxy/index.ts';

export const APP = 'https://app.example.com';
export const EVIL = 'https://evil.example.net';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface Upstream extends RunningServer {
  /** Every request the upstream received, in order. */
  readonly received: Received[];
}

/** An upstream that records each request and answers with `handler` (default: the request as JSON). */
export async function startUpstream(
  handler: (request: IncomingMessage, response: ServerResponse) => void = echo,
): Promise<Upstream> {
  const received: Received[] = [];
  const running = await listen(
    createServer((request, response) => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
      handler(request, response);
    }),
  );
  return Object.assign(running, { received });
}

/** Answers with the request it received as JSON: method, url, headers. */
export function echo(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  request.on('end', () => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ method: request.method, url: request.url, headers: request.headers }));
  });
}

export interface Gateway extends RunningServer {
  readonly logs: ProxyLogEntry[];
}

export async function startGateway(options: ProxyOptions): Promise<Gateway> {
  const logs: ProxyLogEntry[] = [];
  const server = createProxyServer({ ...options, onLog: (entry) => logs.push(entry) });
  const running = await listen(server);
  return Object.assign(running, { logs });
}

export interface RawResponse {
  readonly status: number;
  /** Lower-case names, each with every line's value. */
  readonly headers: Record<string, string[]>;
  readonly body: string;
  readonly raw: string;
}

/** Writes `text` as it is on a new connection and reads until the server closes it (or `ms` pass). */
export function rawExchange(port: number, text: string, ms = 5_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(parseRaw(raw));
      } catch (error) {
        reject(error);
      }
    });
    socket.write(text);
  });
}

export function parseRaw(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) throw new Error(`no complete response head in ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body: raw.slice(end + 4), raw };
}

/** The upstream's echo of the request it received, read from a gateway response body. */
export function echoed(body: string): Received {
  return JSON.parse(body) as Received;
}
