import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Transport, TransportRequest, TransportResponse } from '../simulate/index.ts';

export interface NodeTransportOptions {
  /** Milliseconds before one exchange is abandoned, headers and capped body included. Default 10 000. */
  readonly timeout?: number;
  /** Accept invalid TLS certificates (`--insecure`). Default false. */
  readonly insecure?: boolean;
  /** Name resolution, e.g. to send `*.localhost` to 127.0.0.1. Default: the system's. */
  readonly lookup?: LookupFunction;
  /** Largest response head accepted, in bytes. Default 16 KiB (Node's default). */
  readonly maxHeaderSize?: number;
  /** Body bytes read (to keep the connection for the next request) before the connection is dropped instead. Default 64 KiB. */
  readonly bodyCap?: number;
}

/** A Transport holding keep-alive connections: close() drops them. */
export type ClosableTransport = Transport & { close(): void };

function toHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] ?? '', raw[i + 1] ?? '');
    } catch {
      // A name or value the Fetch API refuses cannot reach a browser's CORS check either.
    }
  }
  return headers;
}

/**
 * One HTTP exchange per call over node:http/https: never follows redirects, reads at most `bodyCap`
 * bytes of a body (only to reuse the connection; a longer body drops it), and gives up after
 * `timeout` ms in total. A keep-alive connection the server closed meanwhile is retried once.
 */
export function nodeTransport(options: NodeTransportOptions = {}): ClosableTransport {
  const timeout = options.timeout ?? 10_000;
  const bodyCap = options.bodyCap ?? 65_536;
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  const exchange = (request: TransportRequest, retry: boolean): Promise<TransportResponse> =>
    new Promise<TransportResponse>((resolve, reject) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name] = value;
      const secure = url.protocol === 'https:';
      let outgoing: ClientRequest;
      let answer: TransportResponse | undefined;
      // A deadline for the whole exchange, not an idle timeout: a server trickling bytes is cut off too.
      const deadline = setTimeout(() => outgoing.destroy(Object.assign(new Error(`no answer within ${timeout} ms`), { code: 'ETIMEDOUT' })), timeout);
      const finish = () => {
        clearTimeout(deadline);
        if (answer) resolve(answer);
      };
      outgoing = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: request.method,
          headers,
          agent: secure ? agents.https : agents.http,
          maxHeaderSize: options.maxHeaderSize ?? 16_384,
          ...(options.lookup ? { lookup: options.lookup } : {}),
          ...(secure ? { rejectUnauthorized: options.insecure !== true } : {}),
        },
        (response: IncomingMessage) => {
          answer = { status: response.statusCode ?? 0, headers: toHeaders(response.rawHeaders) };
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > bodyCap) {
              response.destroy();
              finish();
            }
          });
          response.on('end', finish);
          response.on('error', finish);
          response.on('close', finish);
        },
      );
      outgoing.on('error', (error) => {
        if (answer) return finish();
        clearTimeout(deadline);
        if (retry && outgoing.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') resolve(exchange(request, false));
        else reject(error);
      });
      outgoing.end();
    });

  return Object.assign((request: TransportRequest) => exchange(request, true), {
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  });
}
