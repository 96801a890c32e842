// Loaded before a README quick start (node --import): whatever port and host the quick start asks
// for, it listens on 127.0.0.1 and a free port, and prints that port for the test to connect to.
import { Server } from 'node:net';

export const LISTENING = 'README-TEST-LISTENING';

const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as () => void) : undefined;
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object') process.stdout.write(`${LISTENING} ${address.port}\n`);
  });
  return listen.call(this, { port: 0, host: '127.0.0.1' }, callback);
} as typeof Server.prototype.listen;
