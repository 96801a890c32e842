// The simulator's transport, server side: one HTTP/1.1 exchange written byte for byte as given (a
// lower-case method stays lower-case, as a browser sends it; node:http's client would upper-case
// it) to one of the playground's own API ports, never anywhere else.
import { connect } from 'node:net';
import type { ExchangeRequest, ExchangeResponse, HeaderPairs } from './wire.ts';
import { SIMULATOR_HEADER } from './wire.ts';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Sends the exchange to the API whose origin the URL names; `ports` maps each API origin to its port. */
export function exchange(request: ExchangeRequest, ports: ReadonlyMap<string, number>): Promise<ExchangeResponse> {
  const url = new URL(request.url);
  const port = ports.get(url.origin);
  if (port === undefined) return Promise.reject(new Error(`not a playground API origin: ${url.origin}`));
  if (!TOKEN.test(request.method)) return Promise.reject(new Error('invalid method'));
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of request.headers) {
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) return Promise.reject(new Error('invalid header'));
    if (['host', 'connection', 'content-length', 'transfer-encoding', SIMULATOR_HEADER].includes(name.toLowerCase())) continue;
    lines.push(`${name}: ${value}`);
  }
  lines.push(`${SIMULATOR_HEADER}: 1`, 'content-length: 0', 'connection: close');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.destroy();
      resolve(parseHead(received.subarray(0, end).toString('latin1')));
    });
    socket.on('end', () => reject(new Error('connection closed before a response head')));
  });
}

function parseHead(head: string): ExchangeResponse {
  const [statusLine = '', ...fields] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: HeaderPairs = fields.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
  });
  return { status, headers };
}
