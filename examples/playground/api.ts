// The playground's API: a corsguard-guarded node:http listener that records every exchange (what
// arrived, what corsguard decided, what was answered) for the page's sequence diagram.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createCors, type CorsOptions, type DebugEvent } from '../../src/index.ts';
import { cors } from '../../src/adapters/node.ts';
import { sessionCookie } from './session-cookie.ts';
import { SIMULATOR_HEADER, type ApiName, type HeaderPairs, type PolicyJson, type WireRecord } from './wire.ts';

const KEPT_RECORDS = 500;

export interface PlaygroundApi {
  /** The request listener for one of the two API origins. */
  listener(server: ApiName): (req: IncomingMessage, res: ServerResponse) => void;
  /** The server's 'clientError' listener: records what Node's parser refused, then answers as Node would. */
  clientError(server: ApiName): (error: ParserError, socket: Duplex) => void;
  readonly policy: PolicyJson;
  /** Validates (throws CorsConfigError, keeping the old policy) and swaps the policy in live. */
  apply(policy: PolicyJson): void;
  /** Records with an id above `after`. */
  recordsAfter(after: number): readonly WireRecord[];
  readonly lastId: number;
  /** State-changing requests the /transfer route carried out (the CSRF lesson). */
  readonly transfers: number;
}

type MutableRecord = { -readonly [K in keyof WireRecord]: WireRecord[K] };

/** What node:http hands a 'clientError' listener. */
export type ParserError = Error & { readonly code?: string; readonly rawPacket?: Buffer };

export function createPlaygroundApi(initial: PolicyJson): PlaygroundApi {
  const records: WireRecord[] = [];
  let lastId = 0;
  let transfers = 0;
  let policy = initial;
  // debug events are emitted synchronously while the middleware decides (the playground's policies
  // have no async origin predicate), so the record being decided is the one to attach them to.
  let deciding: MutableRecord | undefined;
  const debug = (event: DebugEvent): void => {
    if (deciding) deciding.decision = event;
  };
  const withDebug = (options: PolicyJson): CorsOptions => ({ ...(options as unknown as CorsOptions), debug });
  createCors(initial as unknown as CorsOptions);
  const middleware = cors(withDebug(initial));

  const listener = (server: ApiName) => (req: IncomingMessage, res: ServerResponse) => {
    const record: MutableRecord = {
      id: ++lastId,
      server,
      method: req.method ?? '',
      target: req.url ?? '/',
      requestHeaders: pairs(req.rawHeaders),
      status: 0,
      responseHeaders: [],
      handled: false,
      simulator: req.headers[SIMULATOR_HEADER] === '1',
      cookiesReceived: cookieNames(req.headers.cookie),
    };
    captureHead(res, (status, headers) => {
      record.status = status;
      record.responseHeaders = headers;
    });
    res.on('finish', () => keep(record));
    req.resume();
    deciding = record;
    try {
      middleware(req, res, (error?: unknown) => {
        if (error) {
          res.writeHead(500).end();
          return;
        }
        record.handled = true;
        answer(res, record);
      });
    } finally {
      deciding = undefined;
    }
  };

  function keep(record: WireRecord): void {
    records.push(record);
    if (records.length > KEPT_RECORDS) records.shift();
  }

  // Node answers a request its parser refuses (a lower-case `patch`, an oversized head) itself,
  // before any listener: record it, so the page can show the 400 the browser got.
  const clientError = (server: ApiName) => (error: ParserError, socket: Duplex) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    if (error.rawPacket !== undefined && error.code !== 'ECONNRESET') {
      const [requestLine = '', ...lines] = error.rawPacket.toString('latin1').split('\r\n\r\n')[0]!.split('\r\n');
      const [method = '', target = '/'] = requestLine.split(' ');
      const requestHeaders = lines
        .filter((line) => line.includes(':'))
        .map(
          (line) =>
            [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()] as const,
        );
      keep({
        id: ++lastId,
        server,
        method,
        target,
        requestHeaders,
        status,
        responseHeaders: [['connection', 'close']],
        handled: false,
        simulator: requestHeaders.some(([name, value]) => name === SIMULATOR_HEADER && value === '1'),
        parserError: error.code ?? 'unknown',
      });
    }
    // As Node's own default: no answer once a response on this connection has begun.
    const answering = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage?.headersSent === true;
    if (socket.writable && !answering)
      socket.end(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    else socket.destroy();
  };

  function answer(res: ServerResponse, record: WireRecord): void {
    const path = new URL(record.target, 'http://api').pathname;
    res.setHeader('X-Request-Id', String(record.id));
    let body: Record<string, unknown> = { method: record.method, path };
    if (path === '/me') {
      // The session cookie's attributes come from the query (the page's cookie controls); each set
      // of attributes names a cookie of its own, so changing them never meets a stale cookie.
      const cookie = sessionCookie(new URL(record.target, 'http://api').searchParams);
      const received = record.cookiesReceived?.includes(cookie.name) === true;
      if (!received) res.setHeader('Set-Cookie', cookie.line(`s${record.id}`));
      body = { ...body, cookieReceived: received };
    } else if (path === '/transfer' && !['GET', 'HEAD', 'OPTIONS'].includes(record.method)) {
      // The simulator's copy of the exchange must not move money twice.
      if (!record.simulator) transfers += 1;
      body = { ...body, transfers };
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  return {
    listener,
    clientError,
    get policy() {
      return policy;
    },
    apply(next) {
      // Validate exactly what the page sent (a `debug` it set is checked too); then run it with the recorder.
      createCors(next as unknown as CorsOptions);
      middleware.reconfigure(withDebug(next));
      policy = next;
    },
    recordsAfter: (after) => records.filter((record) => record.id > after),
    get lastId() {
      return lastId;
    },
    get transfers() {
      return transfers;
    },
  };
}

/** The names in a Cookie header, in order. */
function cookieNames(header: string | undefined): readonly string[] {
  if (header === undefined) return [];
  return header
    .split(';')
    .map((pair) => pair.slice(0, pair.includes('=') ? pair.indexOf('=') : 0).trim())
    .filter((name) => name !== '');
}

function pairs(raw: readonly string[]): HeaderPairs {
  const result: Array<[string, string]> = [];
  for (let at = 0; at + 1 < raw.length; at += 2) result.push([raw[at]!.toLowerCase(), raw[at + 1]!]);
  return result;
}

/**
 * Calls `onHead` with the status and headers when the head is written (explicitly, or implicitly by
 * end()), whatever form writeHead's headers argument takes.
 */
function captureHead(res: ServerResponse, onHead: (status: number, headers: HeaderPairs) => void): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const result = writeHead.apply(this, [status, ...rest] as Parameters<typeof writeHead>);
    const given = rest.find((arg) => typeof arg === 'object' && arg !== null) as
      | OutgoingHttpHeaders
      | string[]
      | undefined;
    const headers = new Map<string, string>();
    for (const [name, value] of Object.entries(this.getHeaders())) headers.set(name, headerText(value));
    if (Array.isArray(given))
      for (let at = 0; at + 1 < given.length; at += 2) headers.set(given[at]!.toLowerCase(), given[at + 1]!);
    else if (given)
      for (const [name, value] of Object.entries(given)) headers.set(name.toLowerCase(), headerText(value));
    onHead(status, [...headers]);
    return result;
  } as typeof writeHead;
}

function headerText(value: number | string | readonly string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}
