// Local servers for the CLI tests: one behind corsguard's node middleware, and hand-written
// broken CORS answers. Each records what reached it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function startServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<TestServer> {
  const arrivals: Arrival[] = [];
  const server: Server = createServer((request, response) => {
    arrivals.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
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
