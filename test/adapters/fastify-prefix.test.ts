// Fastify under a prefix, over real sockets: a route declared without a leading slash
// (`put('foo')` under `/prefix`, served at `/prefixfoo`) gets its preflight answered, while a
// sibling plugin whose prefix merely starts with the same characters (`/prefix2`) keeps its 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { request } from 'undici';
import { cors } from '../../src/adapters/fastify.ts';

const APP = 'https://app.example.com';
const preflight = { origin: APP, 'access-control-request-method': 'PUT' };

describe('corsguard/fastify in a prefixed plugin, routes without a leading slash', () => {
  let app: FastifyInstance;
  let base = '';
  before(async () => {
    app = Fastify();
    await app.register(
      async (api) => {
        // Declared before corsguard: the plugin does not see it (the README says to declare after).
        api.put('early', async () => 'early');
        await api.register(cors, { origin: APP, methods: ['PUT'] });
        api.put('foo', async () => 'foo');
        api.put('bar/:id', async () => 'bar');
        api.put('/items', async () => 'items');
      },
      { prefix: '/prefix' },
    );
    // No corsguard here: its paths start with '/prefix' too, but they are not the plugin's.
    await app.register(async (other) => other.put('/items', async () => 'other'), { prefix: '/prefix2' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  const rows = [
    {
      rule: "a preflight to put('foo') under the prefix is answered",
      method: 'OPTIONS',
      path: '/prefixfoo',
      headers: preflight,
      status: 204,
      acao: APP,
    },
    {
      rule: 'a preflight to a parametric route without a leading slash is answered',
      method: 'OPTIONS',
      path: '/prefixbar/7',
      headers: preflight,
      status: 204,
      acao: APP,
    },
    {
      rule: 'a refused origin on such a route gets 403, not 404',
      method: 'OPTIONS',
      path: '/prefixfoo',
      headers: { ...preflight, origin: 'https://evil.example.net' },
      status: 403,
      acao: undefined,
    },
    {
      rule: 'the actual request to such a route carries ACAO',
      method: 'PUT',
      path: '/prefixfoo',
      headers: { origin: APP },
      status: 200,
      acao: APP,
    },
    {
      rule: 'routes with a leading slash are still covered',
      method: 'OPTIONS',
      path: '/prefix/items',
      headers: preflight,
      status: 204,
      acao: APP,
    },
    {
      rule: 'a plain OPTIONS request is an actual request: the 404 carries ACAO',
      method: 'OPTIONS',
      path: '/prefixfoo',
      headers: { origin: APP },
      status: 404,
      acao: APP,
    },
    {
      rule: "a sibling plugin's path that shares the prefix's characters is not the plugin's",
      method: 'OPTIONS',
      path: '/prefix2/items',
      headers: preflight,
      status: 404,
      acao: undefined,
    },
    {
      rule: 'a route without a leading slash declared before corsguard is not covered',
      method: 'OPTIONS',
      path: '/prefixearly',
      headers: preflight,
      status: 404,
      acao: undefined,
    },
    {
      rule: 'a path glued to the prefix that no route declares is not answered',
      method: 'OPTIONS',
      path: '/prefixnowhere',
      headers: preflight,
      status: 404,
      acao: undefined,
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const response = await request(base + row.path, { method: row.method, headers: row.headers });
      await response.body.text();
      assert.deepEqual(
        { status: response.statusCode, acao: response.headers['access-control-allow-origin'] },
        { status: row.status, acao: row.acao },
      );
    });
  }
});
