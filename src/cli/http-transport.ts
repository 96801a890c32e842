import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Transport, TransportRequest, TransportResponse } from '../simulate/index.ts';

export interface HttpTransportOptions {
  /** Milliseconds before an exchange is abandoned. Default 10 000. */
  readonly timeout?: number;
  /** Headers a browser adds itself (User-Agent, Sec-Fetch-*); added unless the request sets them. */
  readonly extraHeaders?: (request: TransportRequest) => Record<string, string>;
  /** Accept any TLS certificate: for local HTTPS with a self-signed one. Default false. */
  readonly insecure?: boolean;
}

/** One real HTTP exchange per call, never following redirects (the simulator does that). */
export function httpTransport(options: HttpTransportOptions = {}): Transport {
  const timeout = options.timeout ?? 10_000;
  return (request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = { ...options.extraHeaders?.(request) };
      for (const [name, value] of request.headers) headers[name] = value;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const tls = url.protocol === 'https:' && options.insecure ? { rejectUnauthorized: false } : {};
      const outgoing = send(url, { method: request.method, headers, agent: false, ...tls }, (response: IncomingMessage) => {
        const received = new Headers();
        const raw = response.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) received.append(raw[i] ?? '', raw[i + 1] ?? '');
        // Only the status and headers matter: a streamed (SSE) or large body is not waited for.
        clearTimeout(deadline);
        resolve({ status: response.statusCode ?? 0, headers: received });
        response.destroy();
      });
      // An overall deadline, not only an idle-socket timeout: a server that trickles bytes is cut off too.
      const deadline = setTimeout(() => outgoing.destroy(Object.assign(new Error(`no answer within ${timeout} ms`), { code: 'ETIMEDOUT' })), timeout);
      outgoing.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      outgoing.end();
    });
}
