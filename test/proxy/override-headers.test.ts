// Headers upstreams trust to override the path (X-Original-URL, X-Rewrite-URL) or the client's
// address (X-Real-IP, True-Client-IP, X-Client-IP, platforms' client-IP headers, and Cloudflare's
// CF-Connecting-IP family off Workers) never cross the gateway from a client: in either handler, in
// any letter case. An ordinary header does (the control row). On Workers: fetch-peer.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createFetchProxy } from '../../src/proxy/fetch.ts';
import {
  APP,
  echoed,
  rawExchange,
  startGateway,
  startUpstream,
  type Gateway,
  type Upstream,
} from './support/harness.ts';

let upstream: Upstream;
let gateway: Gateway;
before(async () => {
  upstream = await startUpstream();
  gateway = await startGateway({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
});
after(async () => {
  await gateway.close();
  await upstream.close();
});

const rows: Array<[rule: string, name: string, value: string, forwarded: boolean]> = [
  ['X-Original-URL could step out of the base path', 'X-Original-URL', '/admin', false],
  ['X-Rewrite-URL could step out of the base path', 'X-Rewrite-URL', '/admin', false],
  ['X-Real-IP could spoof an IP check', 'X-Real-IP', '10.0.0.1', false],
  ['True-Client-IP could spoof an IP check', 'True-Client-IP', '10.0.0.1', false],
  ['X-Client-IP could spoof an IP check', 'X-Client-IP', '10.0.0.1', false],
  ['X-Cluster-Client-IP could spoof an IP check', 'X-Cluster-Client-IP', '10.0.0.1', false],
  ['Fastly-Client-IP could spoof an IP check', 'Fastly-Client-IP', '10.0.0.1', false],
  ['Fly-Client-IP could spoof an IP check', 'Fly-Client-IP', '10.0.0.1', false],
  ["CF-Connecting-IP off Workers is a client's, not the edge's", 'CF-Connecting-IP', '10.0.0.1', false],
  ["CF-Connecting-IPv6 off Workers is a client's", 'CF-Connecting-IPv6', '2001:db8::1', false],
  ["CF-Pseudo-IPv4 off Workers is a client's", 'CF-Pseudo-IPv4', '10.0.0.1', false],
  ['a name in any case is the same header', 'x-ORIGINAL-url', '/admin', false],
  ['an ordinary header crosses (control)', 'X-Request-Id', 'abc', true],
];

describe('override headers: the node handler', () => {
  for (const [rule, name, value, forwarded] of rows) {
    test(rule, async () => {
      const response = await rawExchange(
        gateway.port,
        `GET /x HTTP/1.1\r\nHost: g\r\n${name}: ${value}\r\nConnection: close\r\n\r\n`,
      );
      const seen = echoed(response.body);
      assert.deepEqual(
        [response.status, seen.url, seen.headers[name.toLowerCase()]],
        [200, '/v1/x', forwarded ? value : undefined],
      );
    });
  }
});

describe('override headers: the fetch handler', () => {
  for (const [rule, name, value, forwarded] of rows) {
    test(rule, async () => {
      const handler = createFetchProxy({ upstream: `${upstream.url}/v1`, cors: { origin: APP } });
      const response = await handler(new Request('https://gateway.example/x', { headers: { [name]: value } }));
      const seen = echoed(await response.text());
      assert.deepEqual(
        [response.status, seen.url, seen.headers[name.toLowerCase()]],
        [200, '/v1/x', forwarded ? value : undefined],
      );
    });
  }
});
