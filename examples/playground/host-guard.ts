// Every playground server answers only under its own names. A DNS-rebinding page (evil.example
// resolving to 127.0.0.1) reaches these ports with its own name in Host; its requests are
// same-origin to it, so without this check it could read the API's answers and the page's record.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The Host values a server on `port` answers to: the name it prints and the loopback names. */
export function loopbackHosts(name: string, port: number): ReadonlySet<string> {
  return new Set([name, 'localhost', '127.0.0.1'].map((host) => `${host}:${port}`));
}

export function hostAllowed(req: IncomingMessage, hosts: ReadonlySet<string>): boolean {
  return hosts.has(req.headers.host?.toLowerCase() ?? '');
}

/** What a refused Host is told: which names the server answers to. */
export function hostRefusal(req: IncomingMessage, hosts: ReadonlySet<string>): string {
  return `this playground server answers only as ${[...hosts].join(', ')}, not ${JSON.stringify(req.headers.host?.toLowerCase() ?? '')}`;
}

/** `listener`, behind the Host check: another Host gets 421 Misdirected Request and reaches nothing. */
export function hostGuarded(hosts: ReadonlySet<string>, listener: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (hostAllowed(req, hosts)) return listener(req, res);
    req.resume();
    res.writeHead(421, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(JSON.stringify({ code: 'host-not-allowed', error: hostRefusal(req, hosts) }));
  };
}
