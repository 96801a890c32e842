// Request smuggling: a body on a method whose requests usually have none (DELETE, OPTIONS) must
// reach the upstream framed, whatever the client's Transfer-Encoding or Connection say. A body
// sent unframed would be parsed by the upstream as a second request, with any path and Host. (GET
// and HEAD bodies are refused: hijack.test.ts.)
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { APP, rawExchange, startGateway, startUpstream, type Gateway, type Upstream } from './support/harness.ts';

/** What would be smuggled: a complete request to a path and virtual host the gateway never serves. */
const INNER = 'GET /SMUGGLED HTTP/1.1\r\nHost: internal.vhost\r\nX-A: 1\r\n\r\n';

const bodies: string[] = [];
let upstream: Upstream;
let gateway: Gateway;

function recordBody(request: IncomingMessage, response: ServerResponse): void {
  let body = '';
  request.setEncoding('latin1').on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    bodies.push(body);
    response.end('ok');
  });
}

before(async () => {
  upstream = await startUpstream(recordBody);
  gateway = await startGateway({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
});
after(async () => {
  await gateway.close();
  await upstream.close();
});

const framings: Array<[name: string, request: (method: string) => string]> = [
  ['a chunked body (Transfer-Encoding is hop-by-hop and removed)', (method) => `${method} /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n${INNER.length.toString(16)}\r\n${INNER}\r\n0\r\n\r\n`],
  ['a Content-Length body with Connection listing Content-Length', (method) => `${method} /a HTTP/1.1\r\nHost: x\r\nConnection: close, Content-Length\r\nContent-Length: ${INNER.length}\r\n\r\n${INNER}`],
  ['a Content-Length body with Connection listing Host and Content-Length', (method) => `${method} /a HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Host, Content-Length\r\nContent-Length: ${INNER.length}\r\n\r\n${INNER}`],
];

describe('a body is always framed upstream: exactly one request arrives, with that body', () => {
  for (const method of ['DELETE', 'OPTIONS']) {
    for (const [name, build] of framings) {
      test(`${method} with ${name}`, async () => {
        const before = upstream.received.length;
        bodies.length = 0;
        const response = await rawExchange(gateway.port, build(method), 1_000);
        // A smuggled request would arrive on the same pooled connection right after the first.
        await sleep(100);
        assert.equal(response.status, 200);
        assert.deepEqual(
          upstream.received.slice(before).map((received) => [received.method, received.url, received.headers.host]),
          [[method, '/v1/a', `127.0.0.1:${upstream.port}`]],
        );
        assert.deepEqual(bodies, [INNER]);
      });
    }
  }
});
