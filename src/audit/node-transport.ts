import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Transport, TransportResponse } from '../simulate/index.ts';

export interface NodeTransportOptions {
  /** Milliseconds before one exchange is abandoned, headers included. Default 10 000. */
  readonly timeout?: number;
  /** Accept invalid TLS certificates (`--insecure`). Default false. */
  readonly insecure?: boolean;
  /** Name resolution, e.g. to send `*.localhost` to 127.0.0.1. Default: the system's. */
  readonly lookup?: LookupFunction;
  /** Largest response head accepted, in bytes. Default 16 KiB (Node's default). */
  readonly maxHeaderSize?: number;
}

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
 * One HTTP exchange per call over node:http/https: never follows redirects, never reads the body
 * (the socket is closed once the head has arrived), and gives up after `timeout` ms in total.
 */
export function nodeTransport(options: NodeTransportOptions = {}): Transport {
  const timeout = options.timeout ?? 10_000;
  return (request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name] = value;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        {
          method: request.method,
          headers,
          agent: false,
          maxHeaderSize: options.maxHeaderSize ?? 16_384,
          ...(options.lookup ? { lookup: options.lookup } : {}),
          ...(url.protocol === 'https:' ? { rejectUnauthorized: options.insecure !== true } : {}),
        },
        (response: IncomingMessage) => {
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0, headers: toHeaders(response.rawHeaders) });
          response.destroy();
        },
      );
      // A deadline for the whole exchange, not an idle timeout: a server trickling bytes is cut off too.
      const deadline = setTimeout(() => outgoing.destroy(new Error(`no answer within ${timeout} ms`)), timeout);
      outgoing.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      outgoing.end();
    });
}
