// A request written byte for byte on a socket (an absolute-form target, say, which no HTTP client
// sends), its answer read up to the end of the head and reduced as compare.ts reduces any answer.
import { connect } from 'node:net';
import { answerOf, type Answer } from './compare.ts';

/** How long one raw exchange may take (a few ms on a quiet machine). */
const EXCHANGE_MS = 10_000;

/** Sends `head` (CRLF-separated lines, no final blank line) with `Connection: close` to `base`. */
export function rawProbe(base: string, head: readonly string[]): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${EXCHANGE_MS} ms`)), EXCHANGE_MS);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return reject(new Error(`no complete response head: ${JSON.stringify(received.slice(0, 200))}`));
      resolve(parseHead(received.slice(0, end)));
    });
    // write, not end: a half-closed connection reads as a client gone (nginx answers nothing).
    socket.write(`${[...head, 'Connection: close'].join('\r\n')}\r\n\r\n`, 'latin1');
  });
}

function parseHead(text: string): Answer {
  const [statusLine, ...lines] = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine!);
  if (!status) throw new Error(`not an HTTP/1 status line: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return answerOf(
    Number(status[1]),
    Object.fromEntries(
      Object.entries(headers).map(([name, values]) => [name, values.length === 1 ? values[0]! : values]),
    ),
  );
}
