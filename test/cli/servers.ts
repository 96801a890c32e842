// Local servers for the CLI tests: one behind corsguard's node middleware, and hand-written
// broken CORS answers. Each records what reached it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cors } from '../../src/adapters/node.ts';
import type { CorsOptions } from '../../src/core/options.ts';

export interface Arrival {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
}

export interface TestServer {
  readonly url: string;
  readonly arrivals: Arrival[];
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

function recordingInto(arrivals: Arrival[], handler: Handler): Handler {
  return (request, response) => {
    arrivals.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    handler(request, response);
  };
}

async function listening(
  server: Server | HttpsServer,
  scheme: 'http' | 'https',
  arrivals: Arrival[],
): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export function startServer(handler: Handler): Promise<TestServer> {
  const arrivals: Arrival[] = [];
  return listening(createServer(recordingInto(arrivals, handler)), 'http', arrivals);
}

export function corsguardServer(options: CorsOptions<IncomingMessage>): Promise<TestServer> {
  const middleware = cors(options);
  return startServer((request, response) =>
    middleware(request, response, () => {
      response.setHeader('content-type', 'text/plain');
      response.setHeader('x-total', '42');
      response.end('ok');
    }),
  );
}

/** Answers every request with exactly these headers and status. */
export function fixedServer(status: number, headers: [string, string][]): Promise<TestServer> {
  return startServer((_request, response) => {
    response.writeHead(status, headers.flat());
    response.end();
  });
}

/** A self-signed certificate for 127.0.0.1, made by openssl in a temporary folder. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'corsguard-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An HTTPS server on 127.0.0.1 with a self-signed certificate, answering every request with these headers. */
export function selfSignedServer(headers: [string, string][]): Promise<TestServer> {
  const arrivals: Arrival[] = [];
  const handler: Handler = (_request, response) => {
    response.writeHead(200, headers.flat());
    response.end();
  };
  return listening(createHttpsServer(selfSignedCertificate(), recordingInto(arrivals, handler)), 'https', arrivals);
}

export interface RawServer {
  readonly url: string;
  /** Each request head received, as bytes read (latin1). */
  readonly heads: string[];
  close(): Promise<void>;
}

/** A TCP server that answers each request head with `answer(head)` verbatim, one byte a char (latin1); undefined: never answers. */
export async function rawServer(answer: (head: string) => string | undefined): Promise<RawServer> {
  const heads: string[] = [];
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffered.slice(0, end);
      buffered = buffered.slice(end + 4);
      heads.push(head);
      const reply = answer(head);
      if (reply !== undefined) socket.write(reply, 'latin1');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    heads,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
