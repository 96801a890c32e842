// Request smuggling: a body on a method whose requests usually have none (DELETE, OPTIONS) is
// refused by default (400 request-body-not-allowed, nothing forwarded). Where it is allowed
// (dangerouslyAllowBodyMethods), and on POST, it must reach the upstream framed, whatever the
// client's Transfer-Encoding or Connection say: a body sent unframed would be parsed by the upstream
// as a second request, with any path and Host. (GET and HEAD bodies: hijack.test.ts.)
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { APP, rawExchange, startGateway, startUpstream, type Gateway, type Upstream } from './support/harness.ts';

/** What would be smuggled: a complete request to a path and virtual host the gateway never serves. */
const INNER = 'GET /SMUGGLED HTTP/1.1\r\nHost: internal.vhost\r\nX-A: 1\r\n\r\n';

const bodies: string[] = [];
let upstream: Upstream;
const gateways: Record<'default' | 'opt-in', Gateway> = {} as never;

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
  gateways.default = await startGateway({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
  gateways['opt-in'] = await startGateway({
    upstream: `${upstream.url}/v1`,
    cors: { origin: APP },
    dangerouslyAllowBodyMethods: ['DELETE', 'OPTIONS'],
  });
});
after(async () => {
  for (const gateway of Object.values(gateways)) await gateway.close();
  await upstream.close();
});

const framings: Array<[name: string, request: (method: string) => string]> = [
  [
    'a chunked body (Transfer-Encoding is hop-by-hop and removed)',
    (method) =>
      `${method} /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n${INNER.length.toString(16)}\r\n${INNER}\r\n0\r\n\r\n`,
  ],
  [
    'a Content-Length body with Connection listing Content-Length',
    (method) =>
      `${method} /a HTTP/1.1\r\nHost: x\r\nConnection: close, Content-Length\r\nContent-Length: ${INNER.length}\r\n\r\n${INNER}`,
  ],
  [
    'a Content-Length body with Connection listing Host and Content-Length',
    (method) =>
      `${method} /a HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Host, Content-Length\r\nContent-Length: ${INNER.length}\r\n\r\n${INNER}`,
  ],
];

const cases: Array<[gateway: keyof typeof gateways, method: string, forwarded: boolean]> = [
  ['default', 'DELETE', false],
  ['default', 'OPTIONS', false],
  ['default', 'POST', true],
  ['opt-in', 'DELETE', true],
  ['opt-in', 'OPTIONS', true],
];

describe('a body is refused, or framed upstream: exactly one request arrives, with that body', () => {
  for (const [name, method, forwarded] of cases) {
    for (const [framing, build] of framings) {
      test(`${name}: ${method} with ${framing} is ${forwarded ? 'forwarded framed' : 'refused with 400'}`, async () => {
        const before = upstream.received.length;
        bodies.length = 0;
        const response = await rawExchange(gateways[name].port, build(method), 2_000);
        // A smuggled request would arrive on the same pooled connection right after the first.
        await sleep(100);
        assert.deepEqual(
          {
            status: response.status,
            code: forwarded ? undefined : (JSON.parse(response.body) as { code: string }).code,
            received: upstream.received
              .slice(before)
              .map((received) => [received.method, received.url, received.headers.host]),
            bodies,
          },
          {
            status: forwarded ? 200 : 400,
            code: forwarded ? undefined : 'request-body-not-allowed',
            received: forwarded ? [[method, '/v1/a', `127.0.0.1:${upstream.port}`]] : [],
            bodies: forwarded ? [INNER] : [],
          },
        );
      });
    }
  }
});
