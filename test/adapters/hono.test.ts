// Hono specifics: headers land on the final response, also when the handler returns an immutable
// response or throws into onError.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { cors } from '../../src/adapters/hono.ts';

const APP = 'https://app.example.com';

describe('corsguard/hono', () => {
  test('a handler returning an immutable response still gets the headers', async () => {
    const app = new Hono();
    app.use('*', cors({ origin: APP }));
    app.get('/', () => Response.redirect('https://app.example.com/next', 302));
    const response = await app.request('/', { headers: { origin: APP } });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('access-control-allow-origin'), APP);
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
});
