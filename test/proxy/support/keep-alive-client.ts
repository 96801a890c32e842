// One raw keep-alive connection to a server: requests one at a time on the same socket, and
// whether the server closed it without a byte (a connection refused past maxConnections).
import { connect, type Socket } from 'node:net';

export interface KeepAliveConnection {
  /** Sends `GET path` and resolves with the status once the whole answer (Content-Length framed) is in; 0 if the connection closes first. */
  get(path: string): Promise<number>;
  /** Resolves with the bytes received when the server closes the connection. */
  readonly closed: Promise<string>;
  close(): void;
}

export function openConnection(port: number): Promise<KeepAliveConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let buffered = '';
    let received = '';
    let waiting: ((status: number) => void) | undefined;
    const closed = new Promise<string>((done) => socket.once('close', () => done(received)));
    void closed.then(() => waiting?.(0));
    socket.setEncoding('latin1');
    socket.on('error', () => {});
    socket.on('data', (chunk: string) => {
      received += chunk;
      buffered += chunk;
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1 || waiting === undefined) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      const status = Number(buffered.slice(9, 12));
      buffered = buffered.slice(end + 4 + length);
      const answer = waiting;
      waiting = undefined;
      answer(status);
    });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve({
        get: (path) =>
          new Promise((answer) => {
            waiting = answer;
            socket.write(`GET ${path} HTTP/1.1\r\nHost: gateway\r\n\r\n`);
          }),
        closed,
        close: () => socket.destroy(),
      });
    });
    socket.once('error', reject);
  });
}
