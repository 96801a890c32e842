// A minimal HTTP/1.1 server over node:net. Node's own HTTP parser refuses methods it does not
// know (`patch`, `Foo`) with a 400, but browsers send them as written, so the differential test
// parses requests itself. Handles keep-alive and Content-Length bodies, which is all fetch() uses here.
import { createServer, type Socket } from 'node:net';
import { listen, type RunningServer } from '../../support/servers.ts';

export interface RawRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: Headers;
}

export interface RawResponse {
  readonly status: number;
  /** Written exactly as given, in order, one line each. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

function serve(socket: Socket, handle: (request: RawRequest) => RawResponse): void {
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const lines = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const [method = '', target = ''] = (lines[0] ?? '').split(' ');
      const headers = new Headers();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get('content-length') ?? 0);
      if (buffer.length < end + 4 + length) return;
      buffer = buffer.subarray(end + 4 + length);
      const response = handle({ method, target, headers });
      const body = response.body ?? '';
      const head = [
        `HTTP/1.1 ${response.status} ${REASONS[response.status] ?? 'Status'}`,
        ...response.headers.map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${head.join('\r\n')}\r\n\r\n${method === 'HEAD' ? '' : body}`, 'latin1');
    }
  });
  socket.on('error', () => socket.destroy());
}

export function startRawServer(handle: (request: RawRequest) => RawResponse): Promise<RunningServer> {
  return listen(createServer((socket) => serve(socket, handle)));
}
