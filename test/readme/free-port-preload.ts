// Loaded before a README quick start (node --import): whatever port and host the quick start asks
// for, it listens on 127.0.0.1 and a free port, and prints that port and the one it asked for
// (`README-TEST-LISTENING 41234 3000`) for the test to connect to and check.
import { Server } from 'node:net';

export const LISTENING = 'README-TEST-LISTENING';

/** The port a `listen(…)` call asks for: `listen(3000)`, `listen('3000')` or `listen({ port: 3000 })`. */
function requestedPort(first: unknown): number | undefined {
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) return Number(first);
  if (first && typeof first === 'object' && 'port' in first) return Number(first.port);
  return undefined;
}

const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as () => void) : undefined;
  const requested = requestedPort(args[0]);
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object')
      process.stdout.write(`${LISTENING} ${address.port} ${requested ?? 'none'}\n`);
  });
  return listen.call(this, { port: 0, host: '127.0.0.1' }, callback);
} as typeof Server.prototype.listen;
