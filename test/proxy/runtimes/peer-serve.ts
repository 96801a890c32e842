// Deno and Bun: serves the fetch-handler gateway with the runtime's own server, sends it one request
// carrying a client X-Forwarded-For and CF-Connecting-IP, and prints what the upstream received as JSON.
import { createFetchProxy } from '../../../src/proxy/fetch.ts';

declare const Deno:
  | {
      args: string[];
      serve(
        options: { port: number; hostname: string; onListen?: () => void },
        handler: (request: Request, info: unknown) => Promise<Response>,
      ): { addr: { port: number }; shutdown(): Promise<void> };
    }
  | undefined;
declare const Bun: {
  serve(options: { port: number; hostname: string; fetch: (request: Request, server: unknown) => Promise<Response> }): {
    port: number;
    stop(force: boolean): void;
  };
};
declare const process: { argv: string[] };

const upstream = typeof Deno !== 'undefined' ? Deno.args[0]! : process.argv[2]!;
const handler = createFetchProxy({ upstream, cors: { origin: 'https://app.example.com' } });

let port: number;
let stop: () => Promise<void> | void;
if (typeof Deno !== 'undefined') {
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, handler);
  port = server.addr.port;
  stop = () => server.shutdown();
} else {
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: handler });
  port = server.port;
  stop = () => server.stop(true);
}
const response = await fetch(`http://127.0.0.1:${port}/peer`, {
  headers: { 'x-forwarded-for': '203.0.113.9', 'cf-connecting-ip': '198.51.100.7' },
});
const seen = (await response.json()) as { headers: Record<string, string> };
console.log(
  JSON.stringify({
    xff: seen.headers['x-forwarded-for'] ?? null,
    cfConnectingIp: seen.headers['cf-connecting-ip'] ?? null,
  }),
);
await stop();
