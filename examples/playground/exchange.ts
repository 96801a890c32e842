// The simulator's transport, server side: one HTTP/1.1 exchange written byte for byte as given (a
// lower-case method stays lower-case, as a browser sends it; node:http's client would upper-case
// it) to one of the playground's own API ports, never anywhere else.
import { connect } from 'node:net';
import type { ExchangeRequest, ExchangeResponse, HeaderPairs } from './wire.ts';
import { SIMULATOR_HEADER } from './wire.ts';
import { PageRequestError } from './page-guard.ts';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Checks what the page posted: a method, an absolute URL naming one of the API origins in `ports`
 * (origin to port), and header pairs of two strings each that can be written as they are. Throws a
 * PageRequestError (400) naming what is wrong.
 */
export function exchangeTarget(
  value: unknown,
  ports: ReadonlyMap<string, number>,
): { readonly request: ExchangeRequest; readonly port: number } {
  const refuse = (message: string) => new PageRequestError(400, 'invalid-exchange', message);
  if (typeof value !== 'object' || value === null)
    throw refuse('the exchange must be an object { method, url, headers }');
  const { method, url, headers } = value as Record<string, unknown>;
  if (typeof method !== 'string' || !TOKEN.test(method)) throw refuse('method must be a token');
  if (typeof url !== 'string' || !URL.canParse(url)) throw refuse('url must be an absolute URL');
  if (!Array.isArray(headers)) throw refuse('headers must be an array of [name, value] pairs');
  for (const pair of headers as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string')
      throw refuse('each header must be a [name, value] pair of strings');
    if (!TOKEN.test(pair[0]) || !FIELD_VALUE.test(pair[1]))
      throw refuse(`header ${JSON.stringify(pair[0])} is not a token name with a value free of line breaks`);
  }
  const { origin } = new URL(url);
  const port = ports.get(origin);
  if (port === undefined)
    throw new PageRequestError(400, 'not-an-api-origin', `not a playground API origin: ${origin}`);
  return { request: { method, url, headers: headers as HeaderPairs }, port };
}

/** Sends a checked exchange (see exchangeTarget) to the API on `port`. */
export function exchange({ request, port }: ReturnType<typeof exchangeTarget>): Promise<ExchangeResponse> {
  const url = new URL(request.url);
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of request.headers) {
    if (['host', 'connection', 'content-length', 'transfer-encoding', SIMULATOR_HEADER].includes(name.toLowerCase()))
      continue;
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
