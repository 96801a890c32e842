// Location rewriting through the gateway, for upstreams with no base path and with one written with
// and without a trailing slash: relative references stay as they are (the browser resolves them
// against the gateway URL it requested); references into the upstream become gateway paths.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { createFetchProxy } from '../../src/proxy/fetch.ts';
import { APP, startGateway, startUpstream, type Gateway, type Upstream } from './support/harness.ts';

let upstream: Upstream;
const gateways = new Map<string, Gateway>();
const BASES = ['', '/v1', '/v1/'];

before(async () => {
  upstream = await startUpstream((incoming, response) => {
    incoming.resume();
    response.writeHead(302, { location: String(incoming.headers['x-location']) }).end();
  });
  for (const base of BASES)
    gateways.set(base, await startGateway({ upstream: `${upstream.url}${base}`, cors: { origin: APP } }));
});
after(async () => {
  for (const gateway of gateways.values()) await gateway.close();
  await upstream.close();
});

/** `UP` in a location or expectation stands for the upstream's origin. */
const rows: Array<[rule: string, bases: string[], location: string, expected: string]> = [
  ['a relative path is left as it is', BASES, 'edit', 'edit'],
  ['a ./ relative path is left as it is', BASES, './edit?x=1', './edit?x=1'],
  ['a ../ relative path is left as it is', BASES, '../list', '../list'],
  ['a query-only reference is left as it is', BASES, '?page=2', '?page=2'],
  ['a fragment-only reference is left as it is', BASES, '#top', '#top'],
  ['a path-absolute reference under the base path loses it', ['/v1', '/v1/'], '/v1/login?next=1', '/login?next=1'],
  ['a path-absolute reference with no base path is kept', [''], '/login', '/login'],
  ['a path-absolute reference outside the base path is left as it is', ['/v1', '/v1/'], '/v10/login', '/v10/login'],
  [
    'an absolute URL into the upstream becomes a gateway path',
    ['/v1', '/v1/'],
    'UP/v1/items/1?x=1#f',
    '/items/1?x=1#f',
  ],
  ['an absolute URL into the upstream, with no base path', [''], 'UP/items/1', '/items/1'],
  ['an absolute URL at the base path itself becomes /', ['/v1', '/v1/'], 'UP/v1', '/'],
  [
    'an absolute URL with the scheme and host in upper case is the same upstream',
    ['/v1', '/v1/'],
    'HTTP://127.0.0.1:PORT/v1/x',
    '/x',
  ],
  ['a network-path reference into the upstream becomes a gateway path', ['/v1', '/v1/'], '//127.0.0.1:PORT/v1/x', '/x'],
  ['an absolute URL outside the base path is left as it is', ['/v1', '/v1/'], 'UP/v10/x', 'UP/v10/x'],
  [
    'an absolute URL elsewhere is left as it is',
    BASES,
    'https://login.example.com/v1/x',
    'https://login.example.com/v1/x',
  ],
  // A rewritten Location is never a network-path reference (`//host`, `/\\host`): a redirect off the gateway's origin.
  [
    'an absolute URL whose rest starts with // keeps one slash',
    ['/v1', '/v1/'],
    'UP/v1//evil.example/x?q#f',
    '/evil.example/x?q#f',
  ],
  [
    'an absolute URL whose rest starts with /\\ keeps one slash',
    ['/v1', '/v1/'],
    'UP/v1/\\evil.example/x',
    '/evil.example/x',
  ],
  [
    'an absolute URL whose rest starts with /<tab>/ keeps one slash',
    ['/v1', '/v1/'],
    'UP/v1/\t/evil.example/x',
    '/evil.example/x',
  ],
  [
    'a path-absolute reference whose rest starts with // keeps one slash',
    ['/v1', '/v1/'],
    '/v1//evil.example/x',
    '/evil.example/x',
  ],
  [
    'a path-absolute reference whose rest starts with /\\ keeps one slash',
    ['/v1', '/v1/'],
    '/v1/\\evil.example/x',
    '/evil.example/x',
  ],
  ['an absolute URL with a path starting with // keeps one slash', [''], 'UP//evil.example/x', '/evil.example/x'],
  ['an absolute URL with a path starting with /\\ keeps one slash', [''], 'UP/\\evil.example/x', '/evil.example/x'],
];

const fill = (text: string) => text.replace('UP', upstream.url).replace('PORT', String(upstream.port));

describe('Location rewriting: the node handler', () => {
  for (const [rule, bases, location, expected] of rows) {
    for (const base of bases) {
      test(`${rule} (upstream base '${base}')`, async () => {
        const response = await request(`http://127.0.0.1:${gateways.get(base)!.port}/a/b`, {
          headers: { origin: APP, 'x-location': fill(location) },
        });
        await response.body.dump();
        assert.deepEqual([response.statusCode, response.headers.location], [302, fill(expected)]);
      });
    }
  }
});

describe('Location rewriting: the fetch handler', () => {
  for (const [rule, bases, location, expected] of rows) {
    for (const base of bases) {
      test(`${rule} (upstream base '${base}')`, async () => {
        const handler = createFetchProxy({ upstream: `${upstream.url}${base}`, cors: { origin: APP } });
        const response = await handler(
          new Request('https://gateway.example/a/b', { headers: { origin: APP, 'x-location': fill(location) } }),
        );
        await response.body?.cancel();
        assert.deepEqual([response.status, response.headers.get('location')], [302, fill(expected)]);
      });
    }
  }
});
