// Hono specifics: headers land on the final response, also when the handler returns an immutable
// response or throws into onError.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { cors } from '../../src/adapters/hono.ts';
import { listen } from '../support/servers.ts';

const APP = 'https://app.example.com';

describe('corsguard/hono', () => {
  test('a handler returning an immutable response still gets the headers', async () => {
    const app = new Hono();
    app.use('*', cors({ origin: APP }));
    app.get('/', async () => {
      const upstream = Response.redirect('https://app.example.com/next', 302);
      assert.throws(() => upstream.headers.set('vary', 'Accept-Encoding'), TypeError);
      return new Response(null, {
        status: 302,
        headers: { location: 'https://app.example.com/next', vary: 'Accept-Encoding' },
      });
    });
    app.get('/immutable', () => Response.redirect('https://app.example.com/next', 302));
    const response = await app.request('/', { headers: { origin: APP } });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('access-control-allow-origin'), APP);
    assert.equal(response.headers.get('vary'), 'Accept-Encoding, Origin');
    const immutable = await app.request('/immutable', { headers: { origin: APP } });
    assert.equal(immutable.status, 302);
    assert.equal(immutable.headers.get('location'), 'https://app.example.com/next');
    assert.equal(immutable.headers.get('access-control-allow-origin'), APP);
    assert.equal(immutable.headers.get('vary'), 'Origin');
  });

  test('a fetch() response passed through (immutable, with its own Vary) keeps both Vary names', async () => {
    const upstream = await listen(
      createServer((_req, res) => res.writeHead(200, { vary: 'Accept-Encoding' }).end('upstream')),
    );
    try {
      const app = new Hono();
      app.use('*', cors({ origin: APP }));
      app.get('/', () => fetch(`${upstream.url}/`));
      const response = await app.request('/', { headers: { origin: APP } });
      assert.equal(await response.text(), 'upstream');
      assert.equal(response.headers.get('access-control-allow-origin'), APP);
      assert.equal(response.headers.get('vary'), 'Accept-Encoding, Origin');
    } finally {
      await upstream.close();
    }
  });

  test('errors answered by onError keep the CORS headers', async () => {
    const app = new Hono();
    app.use('*', cors({ origin: APP }));
    app.get('/', () => {
      throw new Error('boom');
    });
    app.onError((_error, c) => c.text('failed', 500));
    const response = await app.request('/', { headers: { origin: APP } });
    assert.equal(response.status, 500);
    assert.equal(response.headers.get('access-control-allow-origin'), APP);
  });

  test('the predicate receives Hono’s context', async () => {
    const app = new Hono();
    app.use('*', cors({ origin: (origin, c) => origin === APP && c.req.path === '/tenant' }));
    app.get('*', (c) => c.text('ok'));
    const allowed = await app.request('/tenant', { headers: { origin: APP } });
    const other = await app.request('/other', { headers: { origin: APP } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), APP);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  test('preflights and CSRF rejections keep headers earlier middleware set, as on Node', async () => {
    const app = new Hono();
    app.use('*', async (c, next) => {
      c.header('x-request-id', 'r1');
      c.header('vary', 'Accept-Encoding');
      await next();
    });
    app.use('*', cors({ origin: APP, methods: ['PUT'], csrf: true }));
    app.all('*', (c) => c.text('handler'));
    const preflight = await app.request('/', {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PUT' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('x-request-id'), 'r1');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'PUT');
    assert.equal(
      preflight.headers.get('vary'),
      'Accept-Encoding, Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    );
    const rejected = await app.request('/', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(rejected.status, 403);
    assert.equal(rejected.headers.get('x-request-id'), 'r1');
    assert.equal(await rejected.text(), '');
  });
});
