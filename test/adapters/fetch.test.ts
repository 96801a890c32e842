// fetch adapter specifics: immutable headers, bodies passed through untouched, the split API.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { corsForFetch, withCors } from '../../src/adapters/fetch.ts';
import { listen } from '../support/servers.ts';

const APP = 'https://app.example.com';
const get = (headers: Record<string, string> = { origin: APP }) =>
  new Request('https://api.example.com/x', { headers });

describe('corsguard/fetch', () => {
  test('adds headers to a response whose headers are immutable (Response.redirect)', async () => {
    const handler = withCors(() => Response.redirect('https://api.example.com/elsewhere', 302), { origin: APP });
    const response = await handler(get());
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), 'https://api.example.com/elsewhere');
    assert.equal(response.headers.get('access-control-allow-origin'), APP);
  });

  test('passes a streaming body through without reading it', async () => {
    let pulled = 0;
    const stream = new ReadableStream({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('chunk'));
        if (pulled === 3) controller.close();
      },
    });
    const original = new Response(stream, { status: 201, headers: { 'content-type': 'text/plain' } });
    const handler = withCors(() => original, { origin: APP });
    const response = await handler(get());
    assert.equal(response, original, 'the same Response object when headers are mutable');
    assert.equal(response.bodyUsed, false);
    assert.equal(await response.text(), 'chunkchunkchunk');
  });

  test('an immutable response keeps its status, statusText and body', async () => {
    const immutable = Response.redirect('https://a.example/', 301);
    const handler = withCors(() => immutable, { origin: '*' });
    const response = await handler(get());
    assert.notEqual(response, immutable);
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  test('passes extra handler arguments through (env, ctx in Workers)', async () => {
    const handler = withCors((_request: Request, env: { name: string }) => new Response(env.name), { origin: APP });
    const response = await handler(get(), { name: 'worker-env' });
    assert.equal(await response.text(), 'worker-env');
  });

  test('corsForFetch: preflight answers preflights, apply decorates responses', async () => {
    const cors = corsForFetch({ origin: APP, methods: ['PUT'] });
    const pre = await cors.preflight(
      new Request('https://api.example.com/x', {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'PUT' },
      }),
    );
    assert.equal(pre?.status, 204);
    assert.equal(pre?.headers.get('access-control-allow-methods'), 'PUT');
    assert.equal(await cors.preflight(get()), undefined);
    const applied = await cors.apply(get(), new Response('ok', { headers: { vary: 'Accept-Encoding' } }));
    assert.equal(applied.headers.get('access-control-allow-origin'), APP);
    assert.equal(applied.headers.get('vary'), 'Accept-Encoding, Origin');
  });

  test('a rejecting predicate rejects the handler promise', async () => {
    const handler = withCors(() => new Response('ok'), {
      origin: async () => {
        throw new Error('db down');
      },
    });
    await assert.rejects(async () => handler(get()), /db down/);
  });

  test('a predicate that throws synchronously rejects the returned promise too (withCors, preflight, apply)', async () => {
    const origin = () => {
      throw new Error('db down');
    };
    const handler = withCors(() => new Response('ok'), { origin });
    const result = handler(get());
    assert.ok(result instanceof Promise, 'no synchronous throw');
    await assert.rejects(result, /db down/);
    const split = corsForFetch({ origin });
    const preflighted = split.preflight(get());
    assert.ok(preflighted instanceof Promise, 'preflight() does not throw synchronously');
    await assert.rejects(preflighted, /db down/);
    const applied = split.apply(get(), new Response('ok'));
    assert.ok(applied instanceof Promise, 'apply() does not throw synchronously');
    await assert.rejects(applied, /db down/);
  });

  test("a handler returning a thenable that is not this realm's Promise keeps its own response", async () => {
    const real = new Response('real body', { status: 201 });
    const thenable = { then: (resolve: (response: Response) => void) => resolve(real) } as unknown as Promise<Response>;
    const response = await withCors(() => thenable, { origin: APP })(get());
    assert.equal(response.status, 201);
    assert.equal(await response.text(), 'real body');
    assert.equal(response.headers.get('access-control-allow-origin'), APP);
  });

  test('a fetch() response from another copy of the Fetch API (undici from npm) gets the headers', async () => {
    const { fetch: undiciFetch } = await import('undici');
    const { createServer } = await import('node:http');
    const upstream = await listen(
      createServer((_req, res) => res.writeHead(200, { vary: 'Accept-Encoding' }).end('upstream')),
    );
    try {
      const handler = withCors(() => undiciFetch(`${upstream.url}/`) as unknown as Promise<Response>, { origin: APP });
      const response = await handler(get());
      assert.equal(response.headers.get('access-control-allow-origin'), APP);
      assert.equal(response.headers.get('vary'), 'Accept-Encoding, Origin');
      assert.equal(await response.text(), 'upstream');
    } finally {
      await upstream.close();
    }
  });

  test('corsForFetch runs the origin predicate once per request across preflight() and apply()', async () => {
    let calls = 0;
    const cors = corsForFetch({ origin: async (origin) => (calls++, origin === APP) });
    const request = get();
    assert.equal(await cors.preflight(request), undefined);
    const applied = await cors.apply(request, new Response('ok'));
    assert.equal(applied.headers.get('access-control-allow-origin'), APP);
    assert.equal(calls, 1);
  });
});
