import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import type { LookupFunction, Socket } from 'node:net';
import { proxyAuthorization } from './proxy-config.ts';

/** host[:port] of a URL as a request line or Host header names it (IPv6 in brackets). */
export const authorityOf = (url: URL): string =>
  `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;

/** The proxy's host without IPv6 brackets, and its port, as node:http wants them (`hostname` wins over a URL's). */
export const proxyEndpoint = (proxy: URL): { hostname: string; port: number } => ({
  hostname: proxy.hostname.replace(/^\[|\]$/g, ''),
  port: Number(proxy.port || 80),
});

const proxyError = (message: string, code: string): Error => Object.assign(new Error(message), { code });

/** The hop a tunnel makes: through `proxy` to `authority` (the target's host:port). */
interface Hop {
  readonly proxy: URL;
  readonly authority: string;
}

/** How an attempt ends: the first outcome settles it and stops its timer, later ones are ignored. */
interface Outcome {
  readonly open: (socket: Socket) => void;
  readonly fail: (error: Error) => void;
}

/**
 * An HTTP CONNECT tunnel through `proxy` to `target`'s host and port (RFC 9110 §9.3.6), so the TLS
 * handshake and every byte after it are end to end (an intercepting proxy such as Burp or ZAP
 * presents its own certificate: --insecure, or trust its CA). Rejects on anything but a 2xx answer
 * or when no tunnel is open within `timeout` ms.
 */
export function openTunnel(proxy: URL, target: URL, timeout: number, lookup?: LookupFunction): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const hop: Hop = { proxy, authority: authorityOf(target) };
    const outcome = settleOnce(resolve, reject, () => clearTimeout(timer));
    const connect = connectRequest(hop, lookup);
    const timer = setTimeout(() => {
      connect.destroy();
      outcome.fail(noTunnelInTime(hop, timeout));
    }, timeout);
    connect.on('connect', (response: IncomingMessage, socket: Socket, head: Buffer) =>
      openOrRefuse(hop, outcome, response, socket, head),
    );
    // A proxy that answers CONNECT with a body-bearing error some Node versions report as a response.
    connect.on('response', (response: IncomingMessage) => {
      response.destroy();
      outcome.fail(refused(hop, response));
    });
    connect.on('error', (error) => outcome.fail(unreachable(hop, error)));
    connect.on('close', () => outcome.fail(closedBeforeTunnel(hop)));
    connect.end();
  });
}

function settleOnce(resolve: (socket: Socket) => void, reject: (error: Error) => void, stopTimer: () => void): Outcome {
  let settled = false;
  const first = (): boolean => {
    if (settled) return false;
    settled = true;
    stopTimer();
    return true;
  };
  return {
    open: (socket) => {
      if (first()) resolve(socket);
    },
    fail: (error) => {
      if (first()) reject(error);
    },
  };
}

/** The CONNECT request to the proxy, on a connection of its own. */
function connectRequest(hop: Hop, lookup: LookupFunction | undefined): ClientRequest {
  const authorization = proxyAuthorization(hop.proxy);
  return httpRequest({
    ...proxyEndpoint(hop.proxy),
    method: 'CONNECT',
    path: hop.authority,
    headers: { host: hop.authority, ...(authorization ? { 'proxy-authorization': authorization } : {}) },
    agent: false,
    ...(lookup ? { lookup } : {}),
  });
}

/** The proxy's answer to CONNECT: a 2xx opens the tunnel (bytes already read after it are put back), anything else refuses it. */
function openOrRefuse(hop: Hop, outcome: Outcome, response: IncomingMessage, socket: Socket, head: Buffer): void {
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    socket.destroy();
    outcome.fail(refused(hop, response));
    return;
  }
  if (head.length > 0) socket.unshift(head);
  outcome.open(socket);
}

const noTunnelInTime = (hop: Hop, timeout: number): Error =>
  proxyError(`the proxy ${hop.proxy.host} opened no tunnel to ${hop.authority} within ${timeout} ms`, 'ETIMEDOUT');

const refused = (hop: Hop, response: IncomingMessage): Error =>
  proxyError(
    `the proxy ${hop.proxy.host} answered ${response.statusCode} to CONNECT ${hop.authority}${response.statusCode === 407 ? ' (proxy authentication: --proxy http://user:password@host:port)' : ''}`,
    'ERR_PROXY_CONNECT',
  );

const unreachable = (hop: Hop, error: Error): Error =>
  proxyError(`the proxy ${hop.proxy.host}: ${error.message}`, (error as NodeJS.ErrnoException).code ?? 'ECONNREFUSED');

const closedBeforeTunnel = (hop: Hop): Error =>
  proxyError(
    `the proxy ${hop.proxy.host} closed the connection before opening a tunnel to ${hop.authority}`,
    'ECONNRESET',
  );
