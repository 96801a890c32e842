// Deno and Bun: serves the fetch-handler gateway with the runtime's own server and sends it raw
// request heads (targets no fetch() can send: `%2e%2e`, absolute-form, TRACE), printing each
// answer's status and problem code as JSON. Arguments: the upstream URL, then the heads as JSON.
import { createFetchProxy } from '../../../src/proxy/fetch.ts';

interface DenoApi {
  args: string[];
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request, info: unknown) => Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
  connect(options: { hostname: string; port: number }): Promise<{
    write(data: Uint8Array): Promise<number>;
    read(buffer: Uint8Array): Promise<number | null>;
    close(): void;
  }>;
}
interface BunApi {
  serve(options: { port: number; hostname: string; fetch: (request: Request, server: unknown) => Promise<Response> }): {
    port: number;
    stop(force: boolean): void;
  };
  connect(options: {
    hostname: string;
    port: number;
    socket: Record<string, (...args: never[]) => void>;
  }): Promise<unknown>;
}
declare const Deno: DenoApi | undefined;
declare const Bun: BunApi;
declare const process: { argv: string[] };

const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
const handler = createFetchProxy({ upstream: `${args[0]!}/v1`, cors: { origin: 'https://app.example.com' } });
const heads = JSON.parse(args[1]!) as string[];

let port: number;
let stop: () => Promise<void> | void;
let exchange: (text: string) => Promise<string>;
if (typeof Deno !== 'undefined') {
  const deno = Deno;
  const server = deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, handler);
  port = server.addr.port;
  stop = () => server.shutdown();
  exchange = async (text) => {
    const connection = await deno.connect({ hostname: '127.0.0.1', port });
    await connection.write(new TextEncoder().encode(text));
    let answer = '';
    const buffer = new Uint8Array(65_536);
    for (;;) {
      const read = await connection.read(buffer);
      if (read === null) break;
      answer += new TextDecoder().decode(buffer.subarray(0, read));
    }
    connection.close();
    return answer;
  };
} else {
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: handler });
  port = server.port;
  stop = () => server.stop(true);
  exchange = (text) =>
    new Promise((resolve) => {
      let answer = '';
      void Bun.connect({
        hostname: '127.0.0.1',
        port,
        socket: {
          open: (socket: { write(text: string): void }) => socket.write(text),
          data: (_socket: unknown, data: Uint8Array) => (answer += new TextDecoder().decode(data)),
          close: () => resolve(answer),
          error: () => resolve(answer),
        },
      });
    });
}

const results: Array<{ status: number; code: string | null; upstreamPath: string | null }> = [];
for (const head of heads) {
  const answer = await exchange(head);
  const status = Number(answer.split(' ')[1]);
  const headEnd = answer.indexOf('\r\n\r\n');
  const raw = answer.slice(headEnd + 4);
  const body = /\r\ntransfer-encoding: *chunked/i.test(answer.slice(0, headEnd)) ? dechunk(raw) : raw;
  let code: string | null = null;
  let upstreamPath: string | null = null;
  try {
    const parsed = JSON.parse(body) as { code?: string; url?: string };
    code = parsed.code ?? null;
    upstreamPath = parsed.url ?? null;
  } catch {
    // not JSON
  }
  results.push({ status, code, upstreamPath });
}
console.log(JSON.stringify(results));

function dechunk(text: string): string {
  let body = '';
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at);
    const size = parseInt(text.slice(at, lineEnd), 16);
    if (!(size > 0)) return body;
    body += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
await stop();
