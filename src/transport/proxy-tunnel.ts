import { request as httpRequest, type IncomingMessage } from 'node:http';
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

/**
 * An HTTP CONNECT tunnel through `proxy` to `target`'s host and port (RFC 9110 §9.3.6), so the TLS
 * handshake and every byte after it are end to end (an intercepting proxy such as Burp or ZAP
 * presents its own certificate: --insecure, or trust its CA). Rejects on anything but a 2xx answer
 * or when no tunnel is open within `timeout` ms.
 */
export function openTunnel(proxy: URL, target: URL, timeout: number, lookup?: LookupFunction): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const authority = authorityOf(target);
    const authorization = proxyAuthorization(proxy);
    let settled = false;
    const settle = (error: Error | undefined, socket?: Socket): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else if (socket) resolve(socket);
    };
    const connect = httpRequest({
      ...proxyEndpoint(proxy),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(authorization ? { 'proxy-authorization': authorization } : {}) },
      agent: false,
      ...(lookup ? { lookup } : {}),
    });
    const timer = setTimeout(() => {
      connect.destroy();
      settle(proxyError(`the proxy ${proxy.host} opened no tunnel to ${authority} within ${timeout} ms`, 'ETIMEDOUT'));
    }, timeout);
    const refused = (response: IncomingMessage): Error =>
      proxyError(
        `the proxy ${proxy.host} answered ${response.statusCode} to CONNECT ${authority}${response.statusCode === 407 ? ' (proxy authentication: --proxy http://user:password@host:port)' : ''}`,
        'ERR_PROXY_CONNECT',
      );
    connect.on('connect', (response: IncomingMessage, socket: Socket, head: Buffer) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) {
        socket.destroy();
        settle(refused(response));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      settle(undefined, socket);
    });
    // A proxy that answers CONNECT with a body-bearing error some Node versions report as a response.
    connect.on('response', (response: IncomingMessage) => {
      response.destroy();
      settle(refused(response));
    });
    connect.on('error', (error) =>
      settle(
        proxyError(
          `the proxy ${proxy.host}: ${error.message}`,
          (error as NodeJS.ErrnoException).code ?? 'ECONNREFUSED',
        ),
      ),
    );
    connect.on('close', () =>
      settle(
        proxyError(
          `the proxy ${proxy.host} closed the connection before opening a tunnel to ${authority}`,
          'ECONNRESET',
        ),
      ),
    );
    connect.end();
  });
}
