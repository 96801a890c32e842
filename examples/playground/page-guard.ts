// The page server's defences. It answers only under its own names: a DNS-rebinding page reaches it
// under another Host. It takes a write only as JSON (a cross-origin JSON body needs a preflight,
// which the page server never grants: https://fetch.spec.whatwg.org/#cors-safelisted-request-header)
// and only from its own origin, so no site the developer visits can rewrite the running policy.
import type { IncomingMessage } from 'node:http';
import { hostAllowed, hostRefusal } from './host-guard.ts';
import type { PageErrorCode } from './wire.ts';

/** A request the page server refuses: the status, and a code the page and the tests can tell apart. */
export class PageRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: PageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PageRequestError';
  }
}

/** Throws a PageRequestError unless the request is the page's own: its Host, and for a write its origin and JSON. */
export function guardPageRequest(req: IncomingMessage, hosts: ReadonlySet<string>): void {
  if (!hostAllowed(req, hosts)) throw new PageRequestError(421, 'host-not-allowed', hostRefusal(req, hosts));
  const host = req.headers.host!.toLowerCase();
  if (req.method === 'GET' || req.method === 'HEAD') return;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`)
    throw new PageRequestError(
      403,
      'origin-not-allowed',
      `a write comes only from the page (http://${host}), not from ${origin}`,
    );
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new PageRequestError(415, 'content-type-not-json', 'send the body as Content-Type: application/json');
}

/** The request body parsed as JSON; at most `limit` bytes. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const tooLarge = () => new PageRequestError(413, 'body-too-large', `the body is larger than ${limit} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new PageRequestError(
      400,
      'invalid-json',
      `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
