import {
  type ClientRequest,
  Agent as HttpAgent,
  type IncomingMessage,
  type RequestOptions,
  request as httpRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Transport, TransportRequest, TransportResponse } from '../simulate/index.ts';
import { DEFAULT_TIMEOUT_MS } from '../audit/options.ts';
import { proxyAuthorization, proxyFor, type ProxyConfig } from './proxy-config.ts';
import { openTunnel, proxyEndpoint } from './proxy-tunnel.ts';

export interface NodeTransportOptions {
  /** Milliseconds before one exchange is abandoned (until its response head arrives). Default 10 000. */
  readonly timeout?: number;
  /** Accept invalid TLS certificates (`--insecure`). Default false. */
  readonly insecure?: boolean;
  /** Name resolution, e.g. to send `*.localhost` to 127.0.0.1. Default: the system's. */
  readonly lookup?: LookupFunction;
  /** Largest response head accepted, in bytes. Default 16 KiB (Node's default). */
  readonly maxHeaderSize?: number;
  /** Body bytes read in the background (to keep the connection for the next request) before the connection is dropped instead. Default 64 KiB. */
  readonly bodyCap?: number;
  /** Reuse connections (close() drops them). Default true; false opens one connection per exchange and never reads a body. */
  readonly keepAlive?: boolean;
  /** Headers added unless the request sets them, e.g. those a browser adds itself (User-Agent, Sec-Fetch-*). */
  readonly extraHeaders?: (request: TransportRequest) => Record<string, string>;
  /**
   * Send through an HTTP proxy (`--proxy`, HTTPS_PROXY/HTTP_PROXY/NO_PROXY): http: URLs as
   * absolute-form requests to it, https: URLs through a CONNECT tunnel (one per exchange). Default: none.
   */
  readonly proxy?: ProxyConfig;
}

/** How one exchange reaches the server when not directly. */
interface Via {
  /** An http: URL's proxy (absolute-form). */
  readonly viaProxy?: URL;
  /** The TLS socket over an open CONNECT tunnel, and the tunnel (destroyed with the exchange). */
  readonly createConnection?: () => Socket;
  readonly tunnel?: Socket;
  /** What is left of the timeout once the tunnel is open. */
  readonly timeout?: number;
}

const proxyHeaders = (proxy: URL): Record<string, string> => {
  const authorization = proxyAuthorization(proxy);
  return authorization ? { 'proxy-authorization': authorization } : {};
};

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
 * ETIMEDOUT when no connection was made in time; ERR_ANSWER_TIMEOUT when the server accepted the
 * connection (and the TLS handshake) but sent no response head in time.
 */
function timeoutError(ms: number, connected: boolean): Error {
  return connected
    ? Object.assign(new Error(`the server accepted the connection but sent no answer within ${ms} ms`), {
        code: 'ERR_ANSWER_TIMEOUT',
      })
    : Object.assign(new Error(`no connection within ${ms} ms`), { code: 'ETIMEDOUT' });
}

/** A 101 answer switches protocols: there is no HTTP response to judge (and fetch() never asks for one). */
const switchingProtocolsError = () =>
  Object.assign(new Error('the server answered 101 Switching Protocols: no HTTP response to judge'), {
    code: 'ERR_SWITCHING_PROTOCOLS',
  });

/** node:http's options for one exchange: the request's headers over the extra ones, and how it travels. */
function requestOptions(
  request: TransportRequest,
  url: URL,
  via: Via,
  agent: HttpAgent | false,
  options: NodeTransportOptions,
): RequestOptions {
  const headers: Record<string, string> = { ...options.extraHeaders?.(request) };
  for (const [name, value] of request.headers) headers[name] = value;
  const secure = url.protocol === 'https:';
  // An http: URL through a proxy: the absolute-form request line to the proxy (RFC 9112 §3.2.2).
  const proxied =
    via.viaProxy === undefined
      ? {}
      : {
          ...proxyEndpoint(via.viaProxy),
          path: url.href,
          headers: { ...proxyHeaders(via.viaProxy), host: url.host, ...headers },
        };
  return {
    method: request.method,
    headers,
    // node:http uses createConnection only when no agent is given (`false` makes one).
    agent: via.createConnection ? undefined : agent,
    maxHeaderSize: options.maxHeaderSize ?? 16_384,
    ...(options.lookup ? { lookup: options.lookup } : {}),
    ...(secure ? { rejectUnauthorized: options.insecure !== true } : {}),
    ...(via.createConnection ? { createConnection: via.createConnection } : {}),
    ...proxied,
  };
}

/** Reads the body only to free the connection for the next request: past `cap` bytes it is dropped instead. */
function drainInBackground(response: IncomingMessage, cap: number, deadline: NodeJS.Timeout): void {
  let read = 0;
  response.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > cap) response.destroy();
  });
  response.on('error', () => {});
  response.on('close', () => clearTimeout(deadline));
}

/** The keep-alive agents pooled exchanges share, one per scheme. */
interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/** What every exchange of one transport reads: its options, with the defaults applied. */
interface Settings {
  readonly options: NodeTransportOptions;
  readonly timeout: number;
  readonly bodyCap: number;
  readonly agents: Agents | undefined;
}

/** One exchange under way: it settles once, with the response head or an error. */
interface Pending {
  readonly request: TransportRequest;
  readonly via: Via;
  readonly agent: HttpAgent | false;
  readonly deadline: NodeJS.Timeout;
  readonly resolve: (response: TransportResponse | Promise<TransportResponse>) => void;
  readonly reject: (error: Error) => void;
  /** Settled: whatever happens afterwards changes nothing. */
  answered: boolean;
  /** The connection (and TLS handshake) was made: a timeout now means the server sent no answer. */
  connected: boolean;
}

/**
 * One HTTP exchange per call over node:http/https, never following redirects. It resolves as soon
 * as the response head arrives (a streamed or endless body costs nothing); the body is then read
 * in the background, at most `bodyCap` bytes and within `timeout`, only so that the connection can
 * serve the next request, and dropped otherwise. A reset on a reused connection (a server that
 * closes each one without saying so) is retried once on a fresh connection.
 */
export function nodeTransport(options: NodeTransportOptions = {}): ClosableTransport {
  const settings: Settings = {
    options,
    timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
    bodyCap: options.bodyCap ?? 65_536,
    agents: keepAliveAgents(options.keepAlive ?? true),
  };
  return Object.assign((request: TransportRequest) => route(settings, request, true), {
    close: () => closeAgents(settings.agents),
  });
}

function keepAliveAgents(keepAlive: boolean): Agents | undefined {
  return keepAlive
    ? { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }
    : undefined;
}

function closeAgents(agents: Agents | undefined): void {
  agents?.http.destroy();
  agents?.https.destroy();
}

/** The agent of a pooled exchange when connections are kept; `false` (a connection of its own) otherwise. */
function agentFor(agents: Agents | undefined, pooled: boolean, secure: boolean): HttpAgent | false {
  return pooled && agents ? (secure ? agents.https : agents.http) : false;
}

/** Straight to the server, to an http: URL's proxy, or through a CONNECT tunnel for an https: URL. */
function route(settings: Settings, request: TransportRequest, pooled: boolean): Promise<TransportResponse> {
  const url = new URL(request.url);
  const proxy = proxyFor(settings.options.proxy, url);
  if (proxy !== undefined && url.protocol === 'https:') return tunnelled(settings, request, url, proxy);
  return exchange(settings, request, pooled, proxy === undefined ? {} : { viaProxy: proxy });
}

/** Through a CONNECT tunnel: the tunnel's time counts against the same timeout. */
async function tunnelled(
  settings: Settings,
  request: TransportRequest,
  url: URL,
  proxy: URL,
): Promise<TransportResponse> {
  const started = Date.now();
  const socket = await openTunnel(proxy, url, settings.timeout, settings.options.lookup);
  return exchange(settings, request, false, {
    createConnection: () => tlsOverTunnel(socket, url, settings.options.insecure),
    timeout: Math.max(1, settings.timeout - (Date.now() - started)),
    tunnel: socket,
  });
}

/** The TLS session with the server over an open tunnel, named for SNI unless the host is an IP address. */
function tlsOverTunnel(socket: Socket, url: URL, insecure: boolean | undefined): Socket {
  const servername = /^[\d.]+$|^\[/.test(url.hostname) ? undefined : url.hostname;
  return tlsConnect({ socket, ...(servername ? { servername } : {}), rejectUnauthorized: insecure !== true });
}

/** One request and its response head: each event of the request has its own step below. */
function exchange(
  settings: Settings,
  request: TransportRequest,
  pooled: boolean,
  via: Via,
): Promise<TransportResponse> {
  return new Promise<TransportResponse>((resolve, reject) => {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const agent = agentFor(settings.agents, pooled, secure);
    const limit = via.timeout ?? settings.timeout;
    const httpOptions = requestOptions(request, url, via, agent, settings.options);
    let outgoing: ClientRequest;
    // One deadline for the head, not an idle timeout (a server trickling header bytes is cut off
    // too), and for the background body read.
    const deadline = startDeadline(limit, () => outgoing.destroy(timeoutError(limit, pending.connected)));
    const pending: Pending = { request, via, agent, deadline, resolve, reject, answered: false, connected: false };
    const fail = (error: Error): void => failExchange(settings, pending, outgoing, error);
    try {
      outgoing = (secure ? httpsRequest : httpRequest)(url, httpOptions, (response: IncomingMessage) =>
        answer(pending, response, settings.bodyCap, fail),
      );
    } catch (error) {
      // Node refuses a header value it cannot send (a control character) before any request exists.
      clearTimeout(deadline);
      throw error;
    }
    outgoing.on('error', fail);
    outgoing.on('socket', (socket) => watchConnected(pending, outgoing, socket, secure));
    refuseUpgrade(outgoing, fail);
    failOnSilentClose(outgoing, fail);
    sendMethodAsGiven(outgoing, request.method);
  });
}

function startDeadline(limit: number, expire: () => void): NodeJS.Timeout {
  // setImmediate: on a loaded machine a connection made in time may not have been reported
  // yet; the poll phase that reports it runs before immediates.
  return setTimeout(() => setImmediate(expire), limit);
}

/** True the first time only: an exchange settles once. */
function settleOnce(pending: Pending): boolean {
  if (pending.answered) return false;
  pending.answered = true;
  return true;
}

/** The response head: the exchange's answer, unless it switches protocols. */
function answer(pending: Pending, response: IncomingMessage, bodyCap: number, fail: (error: Error) => void): void {
  if (response.statusCode === 101) {
    response.destroy();
    fail(switchingProtocolsError());
    return;
  }
  if (!settleOnce(pending)) return;
  pending.resolve({ status: response.statusCode ?? 0, headers: toHeaders(response.rawHeaders) });
  releaseBody(response, pending, bodyCap);
}

/** A connection of its own is dropped with its body; a pooled one is drained for the next request. */
function releaseBody(response: IncomingMessage, pending: Pending, bodyCap: number): void {
  if (pending.agent === false) {
    clearTimeout(pending.deadline);
    response.destroy();
    return;
  }
  drainInBackground(response, bodyCap, pending.deadline);
}

/** An error before the answer rejects the exchange, except a reset of a reused connection: retried once on a fresh one. */
function failExchange(settings: Settings, pending: Pending, outgoing: ClientRequest, error: Error): void {
  if (!settleOnce(pending)) return;
  clearTimeout(pending.deadline);
  pending.via.tunnel?.destroy();
  if (isResetOfReusedConnection(pending, outgoing, error)) pending.resolve(route(settings, pending.request, false));
  else pending.reject(error);
}

function isResetOfReusedConnection(pending: Pending, outgoing: ClientRequest, error: Error): boolean {
  const reset = (error as NodeJS.ErrnoException).code === 'ECONNRESET';
  return pending.agent !== false && outgoing.reusedSocket && reset;
}

/** Marks the exchange connected once its socket is (a reused one already is), for timeoutError. */
function watchConnected(pending: Pending, outgoing: ClientRequest, socket: Socket, secure: boolean): void {
  const secureEvent = secure ? 'secureConnect' : 'connect';
  if (outgoing.reusedSocket) pending.connected = true;
  else socket.once(secureEvent, () => (pending.connected = true));
}

function refuseUpgrade(outgoing: ClientRequest, fail: (error: Error) => void): void {
  // Without an 'upgrade' listener Node drops the socket and settles nothing.
  outgoing.on('upgrade', (_response, socket) => {
    socket.destroy();
    fail(switchingProtocolsError());
  });
}

function failOnSilentClose(outgoing: ClientRequest, fail: (error: Error) => void): void {
  // Whatever else ends the exchange without an answer or an error must not leave it pending.
  outgoing.on('close', () =>
    fail(Object.assign(new Error('the connection closed without an answer'), { code: 'ECONNRESET' })),
  );
}

function sendMethodAsGiven(outgoing: ClientRequest, method: string): void {
  // Node's client upper-cases the method; a browser sends it as the script gave it (fetch()
  // normalises only DELETE, GET, HEAD, OPTIONS, POST and PUT:
  // https://fetch.spec.whatwg.org/#concept-method-normalize). The request line is written on
  // end(), from this property.
  outgoing.method = method;
  outgoing.end();
}
