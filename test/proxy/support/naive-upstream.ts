// An upstream that reads a body only for POST, PUT and PATCH, as some servers do: on any other
// method it ignores Content-Length and Transfer-Encoding, and reads the body as the next request
// on the connection (the vulnerable kind the gateway's body rules are about).
import { createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { listen, type RunningServer } from '../../support/servers.ts';

export interface Seen {
  /** The request line, `GET /me HTTP/1.1`. */
  readonly line: string;
  readonly cookie: string | undefined;
  /** Which upstream connection it arrived on (1, 2, …). */
  readonly connection: number;
}

export interface NaiveUpstream extends RunningServer {
  /** Every request the upstream parsed, smuggled ones included, in order. */
  readonly seen: Seen[];
  connections(): number;
}

/** Answers each request it parses with 200 and the request line as the body. */
export async function startNaiveUpstream(): Promise<NaiveUpstream> {
  const seen: Seen[] = [];
  let connections = 0;
  const server = createServer((socket: Socket) => {
    const id = ++connections;
    socket.on('error', () => {});
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const lines = head.split('\r\n');
        const [method] = lines[0]!.split(' ');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        const skip = ['POST', 'PUT', 'PATCH'].includes(method!) ? length : 0;
        if (buffered.length < end + 4 + skip) return;
        buffered = buffered.subarray(end + 4 + skip);
        seen.push({ line: lines[0]!, cookie: /\r\ncookie: *([^\r]*)/i.exec(head)?.[1], connection: id });
        const body = lines[0]!;
        socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      }
    });
  });
  return Object.assign(await listen(server), { seen, connections: () => connections });
}

/** Waits until `upstream` has parsed `count` requests since `from`, or `ms` pass (then returns what it has). */
export async function seenSince(upstream: NaiveUpstream, from: number, count: number, ms = 2_000): Promise<Seen[]> {
  const deadline = Date.now() + ms;
  while (upstream.seen.length - from < count && Date.now() < deadline) await sleep(10);
  return upstream.seen.slice(from);
}
