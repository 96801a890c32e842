// Test servers on real sockets, 127.0.0.1 only, on a port the system picks.
//
//   const running = await listen(createServer(handler));   // any node:http or node:net server
//   fetch(`${running.url}/path`); ...; await running.close();
//
//   const app = await serveFetch((request) => new Response('ok'));   // a WHATWG fetch handler
//
// close() resolves once the server has stopped, after destroying every open socket (keep-alive
// connections would otherwise hold it open). fetchListener is the bare fetch → node:http bridge,
// for a server that must do something of its own first (log the raw request, say).
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo, Server, Socket } from 'node:net';

export const LOOPBACK = '127.0.0.1';

export interface RunningServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts `server` (node:http, node:https or node:net) on 127.0.0.1:0. */
export async function listen(server: Server): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = portOf(server);
  return {
    port,
    url: `http://${LOOPBACK}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/**
 * The RunningServer of a server a framework listened with itself on LOOPBACK (Fastify's
 * `app.listen({ port: 0, host: LOOPBACK })`), closed by the framework's own close.
 */
export function listening(server: Server, close: () => Promise<void>): RunningServer {
  const port = portOf(server);
  return { port, url: `http://${LOOPBACK}:${port}`, close };
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  return (address as AddressInfo).port;
}

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Serves a fetch handler over node:http on 127.0.0.1:0. */
export function serveFetch(handler: FetchHandler): Promise<RunningServer> {
  return listen(createServer(fetchListener(handler)));
}

/**
 * A node:http request listener for a fetch handler: the request (URL from the Host header) with
 * its body read in full; the response written with every header line (each Set-Cookie its own)
 * and no body for HEAD. A handler that throws or rejects gets a 500.
 */
export function fetchListener(handler: FetchHandler): RequestListener {
  return (incoming, outgoing) => {
    toRequest(incoming)
      .then(handler)
      .then((response) => writeResponse(incoming, outgoing, response))
      .catch(() => {
        if (!outgoing.headersSent) outgoing.writeHead(500);
        outgoing.end();
      });
  };
}

async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2)
    headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  const method = incoming.method ?? 'GET';
  const url = `http://${incoming.headers.host ?? LOOPBACK}${incoming.url ?? '/'}`;
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
  const body =
    incoming.method === 'HEAD' || response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, lines);
  outgoing.end(body);
}
