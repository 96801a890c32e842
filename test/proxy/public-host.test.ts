// publicHost pins X-Forwarded-Host: the upstream gets the gateway's public host whatever Host the
// client sent, in both handlers and on WebSocket handshakes. Without it, the client's Host as sent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createFetchProxy } from '../../src/proxy/fetch.ts';
import { createProxyServer, ProxyConfigError } from '../../src/proxy/index.ts';
import {
  APP,
  echoed,
  rawExchange,
  startGateway,
  startUpstream,
  type Gateway,
  type Upstream,
} from './support/harness.ts';

const PUBLIC = 'api.example.com';
let upstream: Upstream;
let pinned: Gateway;
let unpinned: Gateway;
before(async () => {
  upstream = await startUpstream();
  pinned = await startGateway({ upstream: upstream.url, cors: { origin: APP }, publicHost: PUBLIC });
  unpinned = await startGateway({ upstream: upstream.url, cors: { origin: APP } });
});
after(async () => {
  await pinned.close();
  await unpinned.close();
  await upstream.close();
});

describe('X-Forwarded-Host', () => {
  const rows: Array<
    [rule: string, gateway: () => Gateway, publicHost: string | undefined, sent: string, expected: string]
  > = [
    ['with publicHost, a spoofed Host does not reach the upstream', () => pinned, PUBLIC, 'evil.example', PUBLIC],
    ['with publicHost, the public Host itself gives the same', () => pinned, PUBLIC, PUBLIC, PUBLIC],
    ["without it, the client's Host as sent", () => unpinned, undefined, 'evil.example', 'evil.example'],
  ];
  for (const [rule, gateway, publicHost, sent, expected] of rows) {
    test(`the node handler: ${rule}`, async () => {
      const response = await rawExchange(
        gateway().port,
        `GET /x HTTP/1.1\r\nHost: ${sent}\r\nX-Forwarded-Host: spoofed.example\r\nConnection: close\r\n\r\n`,
      );
      assert.equal(echoed(response.body).headers['x-forwarded-host'], expected);
    });
    test(`the fetch handler: ${rule}`, async () => {
      const handler = createFetchProxy({
        upstream: upstream.url,
        cors: { origin: APP },
        ...(publicHost === undefined ? {} : { publicHost }),
      });
      const response = await handler(
        new Request(`http://${sent}/x`, { headers: { 'x-forwarded-host': 'spoofed.example' } }),
      );
      assert.equal(echoed(await response.text()).headers['x-forwarded-host'], expected);
    });
  }
});

describe('publicHost validation', () => {
  const rows: Array<[rule: string, value: unknown, valid: boolean]> = [
    ['a host name', 'api.example.com', true],
    ['a host name and port', 'api.example.com:8443', true],
    ['an IPv6 address and port', '[::1]:8443', true],
    ['a URL is not a host', 'https://api.example.com', false],
    ['a path is not a host', 'api.example.com/v1', false],
    ['a space is not a host', 'api example.com', false],
    ['a port out of range', 'api.example.com:70000', false],
    ['a number is not a host', 8443, false],
    ['an empty string', '', false],
  ];
  for (const [rule, value, valid] of rows) {
    test(rule, () => {
      let codes: string[] = [];
      try {
        createProxyServer({
          upstream: 'http://127.0.0.1:1',
          cors: { origin: APP },
          publicHost: value as string,
        }).proxy.close();
      } catch (error) {
        if (!(error instanceof ProxyConfigError)) throw error;
        codes = error.issues.map((issue) => `${issue.path}:${issue.code}`);
      }
      assert.deepEqual(codes, valid ? [] : ['publicHost:public-host-invalid']);
    });
  }
});
