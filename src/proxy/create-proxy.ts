import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createFetchHandler, type ProxyFetchHandler } from './fetch-handler.ts';
import { createNodeListener, createUpstreamAgent, type NodeListener } from './node-handler.ts';
import { defaultMaxConnections, descriptorLimit } from './max-connections.ts';
import { compileProxyOptions, type ProxyConfig, type ProxyOptions } from './options.ts';
import { ALLOW, problem, PROBLEM_CONTENT_TYPE } from './problem.ts';
import { createUpgradeHandler, type UpgradeListener } from './upgrade.ts';

export interface Proxy {
  /** The gateway as a node:http request listener: `http.createServer(proxy.handler)`. */
  readonly handler: NodeListener;
  /** The gateway as a fetch handler (workerd, Deno, Bun, Node): `export default { fetch: proxy.fetch }`. */
  readonly fetch: ProxyFetchHandler;
  /** For a server's 'upgrade' event: proxies WebSockets from allowed origins, 403 for others. */
  readonly upgrade: UpgradeListener;
  /** Destroys every open WebSocket tunnel (a server's close() waits for them otherwise). */
  closeWebSockets(): void;
  /** Closes the pooled upstream connections and every open WebSocket tunnel. */
  close(): void;
}

/**
 * A CORS gateway in front of one upstream that cannot be changed. Validates every option at once
 * (ProxyConfigError lists each problem, the CORS policy's included).
 */
export function createProxy(options: ProxyOptions): Proxy {
  return proxyFor(compileProxyOptions(options));
}

function proxyFor(config: ProxyConfig): Proxy {
  const agent = createUpstreamAgent(config.upstream);
  const upgrades = createUpgradeHandler(config);
  return {
    handler: createNodeListener(config, agent),
    fetch: createFetchHandler(config),
    upgrade: upgrades.listener,
    closeWebSockets: upgrades.destroyTunnels,
    close: () => {
      upgrades.destroyTunnels();
      agent.destroy();
    },
  };
}

/**
 * A node:http server running the gateway: WebSocket upgrades when `websockets` is set, and
 * authority-form (CONNECT) requests refused. Call `listen()` on it.
 */
export function createProxyServer(options: ProxyOptions): Server & { readonly proxy: Proxy } {
  const config = compileProxyOptions(options);
  const proxy = proxyFor(config);
  // No bound on a whole request (long uploads stream; the upstream timeout bounds idle gaps in them),
  // but a bound on its head: slow-header clients get 408. Node checks every connectionsCheckingInterval.
  const server = createServer(
    {
      requestTimeout: 0,
      headersTimeout: config.headersTimeout,
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(config.headersTimeout / 4))),
    },
    proxy.handler,
  );
  server.keepAliveTimeout = config.keepAliveTimeout;
  // Beyond it node closes each new connection as soon as it is accepted ('drop' event).
  server.maxConnections = config.maxConnections ?? defaultMaxConnections(descriptorLimit());
  if (config.websockets) server.on('upgrade', proxy.upgrade);
  server.on('connect', refuseConnect);
  server.on('close', () => proxy.close());
  return Object.assign(server, { proxy });
}

/** CONNECT host:port would make the gateway a tunnel to anywhere: never. */
function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => {});
  const { body } = problem('target-not-origin-form');
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nallow: ${ALLOW}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
