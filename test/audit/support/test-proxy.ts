// A forward proxy on loopback, as Burp or a corporate proxy: absolute-form requests for http: URLs,
// CONNECT tunnels for https: URLs. It records the local port of every connection it opens
// upstream, so a server can tell whether each request it got came through the proxy.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listen, type Running } from './listen.ts';

export interface TestProxy extends Running {
  /** Local ports of the proxy's upstream connections. */
  readonly upstreamPorts: Set<number>;
  /** Every request line the proxy got: `CONNECT host:port` or `GET http://…`. */
  readonly lines: string[];
  /** Proxy-Authorization values received. */
  readonly authorizations: string[];
}

/** `refuseConnect`: answer CONNECT with this status instead of opening a tunnel. */
export async function startTestProxy(options: { refuseConnect?: number } = {}): Promise<TestProxy> {
  const upstreamPorts = new Set<number>();
  const lines: string[] = [];
  const authorizations: string[] = [];
  const note = (request: IncomingMessage) => {
    lines.push(`${request.method} ${request.url}`);
    const authorization = request.headers['proxy-authorization'];
    if (authorization) authorizations.push(authorization);
  };
  const server = createServer((request, response) => {
    note(request);
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400).end('absolute-form only');
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      {
        hostname: target.hostname,
        port: target.port || 80,
        path: `${target.pathname}${target.search}`,
        method: request.method,
        headers,
        agent: false,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('socket', (socket: Socket) => socket.once('connect', () => upstreamPorts.add(socket.localPort ?? 0)));
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    note(request);
    if (options.refuseConnect !== undefined) {
      client.end(`HTTP/1.1 ${options.refuseConnect} Refused\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = (request.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect(Number(port), (host ?? '').replace(/^\[|\]$/g, ''), () => {
      upstreamPorts.add(upstream.localPort ?? 0);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  const running = await listen(server);
  return { ...running, upstreamPorts, lines, authorizations };
}
