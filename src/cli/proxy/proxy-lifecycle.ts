// A running `corsguard proxy`: listening, the refused-connections line, the count of requests in
// flight, and stop(): drain them (at most the drain time), then close.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Proxy as CorsProxy } from '../../proxy/create-proxy.ts';
import type { CliIo } from '../shared/io.ts';
import type { ProxySettings } from './proxy-settings.ts';

export type ProxyServer = Server & { readonly proxy: CorsProxy };

/** A running `corsguard proxy`. */
export interface RunningProxyCommand {
  /** `http://HOST:PORT`. */
  readonly url: string;
  /** Stops accepting, drains in-flight requests and WebSockets (at most the drain time), then closes. */
  stop(): Promise<void>;
  /** Resolves with the exit status once stopped. */
  readonly exited: Promise<number>;
}

/** `corsguard proxy draining 2 requests`, or `{"time":…,"event":"draining","requests":2}` with --json-logs. */
export type Lifecycle = (message: string, fields: Record<string, number>) => void;

export function lifecycleWriter(jsonLogs: boolean, io: CliIo): Lifecycle {
  return (message, fields) =>
    io.stdout(
      jsonLogs
        ? `${JSON.stringify({ time: new Date().toISOString(), event: message.split(' ')[0], ...fields })}\n`
        : `corsguard proxy ${message}\n`,
    );
}

/** Listens with `server`; exit status 2 when the address cannot be listened on. */
export async function serveProxy(
  server: ProxyServer,
  settings: ProxySettings,
  io: CliIo,
  drainMs: number,
): Promise<RunningProxyCommand | number> {
  const lifecycle = lifecycleWriter(settings.jsonLogs, io);
  const inFlight = countInFlight(server);
  reportRefused(server, lifecycle);
  try {
    await listen(server, settings.port, settings.host);
  } catch (error) {
    io.stderr(`corsguard proxy: cannot listen on ${settings.host}:${settings.port}: ${(error as Error).message}\n`);
    server.proxy.close();
    return 2;
  }
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${host}:${port}`;
  io.stdout(`corsguard proxy listening on ${url} -> ${settings.upstream}\n`);
  const exited = new Promise<number>((resolve) =>
    server.once('close', () => {
      lifecycle('stopped', {});
      resolve(0);
    }),
  );
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= drain(server, drainMs, lifecycle, inFlight()));
  return { url, stop, exited };
}

/** Requests in flight, WebSocket tunnels included, for the drain message. */
function countInFlight(server: ProxyServer): () => number {
  let inFlight = 0;
  const track = (emitter: { once(event: 'close', listener: () => void): unknown }) => {
    inFlight++;
    emitter.once('close', () => inFlight--);
  };
  server.on('request', (_request, response) => track(response));
  server.on('upgrade', (_request, socket) => track(socket));
  return () => inFlight;
}

/** Connections closed on accept past maxConnections: one line at once, then at most one per 10 s. */
function reportRefused(server: ProxyServer, lifecycle: Lifecycle): void {
  let refused = 0;
  let reportedAt = -Infinity;
  server.on('drop', () => {
    refused++;
    if (performance.now() - reportedAt < 10_000) return;
    reportedAt = performance.now();
    lifecycle(
      `refused ${refused} connection${refused === 1 ? '' : 's'} over max-connections ${server.maxConnections}`,
      { connections: refused, maxConnections: server.maxConnections },
    );
    refused = 0;
  });
}

function listen(server: ProxyServer, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting; idle keep-alive connections go now, busy ones once answered, the rest after drainMs. */
function drain(server: ProxyServer, drainMs: number, lifecycle: Lifecycle, inFlight: number): Promise<void> {
  return new Promise<void>((resolve) => {
    lifecycle(`draining ${inFlight} request${inFlight === 1 ? '' : 's'}`, { requests: inFlight });
    server.close(() => resolve());
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    // WebSocket tunnels are no longer node:http connections, and never finish on their own.
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      server.proxy.closeWebSockets();
    }, drainMs);
    server.once('close', () => {
      clearInterval(sweep);
      clearTimeout(deadline);
    });
    server.closeIdleConnections();
  });
}
