// An upstream that answers with exact bytes (or misbehaves), for hop-by-hop and fault tests.
import { createServer, type Socket } from 'node:net';
import { listen, type RunningServer } from '../../support/servers.ts';

export interface RawUpstream extends RunningServer {
  /** The request heads received, as text. */
  readonly heads: string[];
}

/** Calls `answer` with the socket for each request head that arrives (bodiless requests; keep-alive reuse works). */
export async function startRawUpstream(answer: (socket: Socket, head: string) => void): Promise<RawUpstream> {
  const heads: string[] = [];
  const server = createServer((socket) => {
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      let end;
      while ((end = buffered.indexOf('\r\n\r\n')) !== -1) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        heads.push(head);
        answer(socket, head);
      }
    });
  });
  return Object.assign(await listen(server), { heads });
}

/** The request head's header lines as lower-case name → value. */
export function headLines(head: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    lines.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return lines;
}
