// The API behind every front, and the same handler behind corsguard/node for the reference answer.
// The upstream also sends CORS headers of its own, wide open, which the front must remove.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { cors as nodeCors } from '../../../src/adapters/node.ts';
import type { CorsOptions } from '../../../src/index.ts';
import { listen, type RunningServer } from '../../support/servers.ts';

/**
 * `/status/NNN` answers NNN (an error page), `/vary/NAME` answers with `Vary: NAME` and
 * `/vary/A/B` with two Vary lines (A, then B), anything else 200 with `Vary: Accept-Encoding`;
 * every answer carries `x-handler: ran`.
 */
function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  const status = /^\/status\/([1-5][0-9][0-9])$/.exec(path);
  const vary = /^\/vary\/(.+)$/.exec(path);
  res.statusCode = status ? Number(status[1]) : 200;
  res.setHeader('x-handler', 'ran');
  const varyLines = vary ? vary[1]!.split('/').map(decodeURIComponent) : ['Accept-Encoding'];
  res.setHeader('vary', varyLines.length === 1 ? varyLines[0]! : varyLines);
  req.resume();
  req.on('end', () => res.end(status ? `error ${status[1]}` : 'ok'));
}

const FOREIGN_CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-credentials': 'true',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': '*',
  'access-control-max-age': '86400',
  'access-control-allow-private-network': 'true',
};

/** The API behind a front: the handler, plus its own wide-open CORS headers. */
export function startUpstream(): Promise<RunningServer> {
  return listen(
    createServer((req, res) => {
      for (const [name, value] of Object.entries(FOREIGN_CORS)) res.setHeader(name, value);
      handle(req, res);
    }),
  );
}

/** The same handler behind corsguard/node: what every front must answer. */
export function startReference(options: CorsOptions): Promise<RunningServer> {
  const middleware = nodeCors(options);
  return listen(
    createServer((req, res) =>
      middleware(req, res, (error) => {
        if (error) res.writeHead(500).end();
        else handle(req, res);
      }),
    ),
  );
}
