// corsguard/next without a Next.js server: what the fixture app cannot show cheaply (control-flow
// throws, predicate failures, the route context, reconfigure, what "go on" looks like to Next.js).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { corsProxy, corsRoutes } from '../../../src/adapters/next.ts';

const APP = 'https://app.example.com';
const OTHER = 'https://other.example.com';
const get = (origin = APP) => new Request('https://api.example.com/items', { headers: { origin } });

describe('corsguard/next', () => {
  // Next.js's own control flow, by its digest: rethrown untouched, or answered as Next.js would.
  const thrown = [
    {
      rule: 'redirect() is rethrown for Next.js (its answer carries cookies())',
      digest: 'NEXT_REDIRECT;replace;/to;307;',
      rethrown: true,
      status: 0,
    },
    { rule: 'a dynamic-rendering bail-out is rethrown', digest: 'DYNAMIC_SERVER_USAGE', rethrown: true, status: 0 },
    {
      rule: 'notFound() is a 404 with the CORS headers',
      digest: 'NEXT_HTTP_ERROR_FALLBACK;404',
      rethrown: false,
      status: 404,
    },
    {
      rule: 'unauthorized() is a 401 with the CORS headers',
      digest: 'NEXT_HTTP_ERROR_FALLBACK;401',
      rethrown: false,
      status: 401,
    },
    {
      rule: "another library's digest field is an ordinary error: a 500 with the CORS headers",
      digest: 'sha256=abc',
      rethrown: false,
      status: 500,
    },
  ];
  for (const row of thrown) {
    test(`corsRoutes: ${row.rule}`, async () => {
      const error = Object.assign(new Error(row.digest), { digest: row.digest });
      const { GET } = corsRoutes(
        {
          GET: () => {
            throw error;
          },
        },
        { origin: APP },
      );
      const logged = console.error;
      console.error = () => {};
      try {
        if (row.rethrown) {
          await assert.rejects(Promise.resolve(GET(get(), {})), (caught) => caught === error);
          return;
        }
        const response = await GET(get(), {});
        assert.equal(response.status, row.status);
        assert.equal(response.headers.get('access-control-allow-origin'), APP);
      } finally {
        console.error = logged;
      }
    });
  }

  test('corsRoutes passes the route context (params) to the handler', async () => {
    const { GET } = corsRoutes(
      { GET: async (_request, context: { params: Promise<{ id: string }> }) => Response.json(await context.params) },
      { origin: APP },
    );
    const response = await GET(get(), { params: Promise.resolve({ id: '7' }) });
    assert.deepEqual(await response.json(), { id: '7' });
    assert.equal(response.headers.get('access-control-allow-origin'), APP);
  });

  test('an origin predicate that rejects rejects the proxy and the route handler', async () => {
    const failure = new Error('origin store down');
    const options = {
      origin: async () => {
        throw failure;
      },
    };
    await assert.rejects(corsProxy(options)(get(), undefined), (error) => error === failure);
    const { GET } = corsRoutes({ GET: () => new Response('ok') }, options);
    await assert.rejects(Promise.resolve(GET(get(), {})), (error) => error === failure);
  });

  test('corsProxy lets a request through as NextResponse.next() does, with the CORS headers', async () => {
    const response = await corsProxy({ origin: APP })(get(), undefined);
    assert.equal(response.headers.get('x-middleware-next'), '1');
    assert.equal(response.headers.get('access-control-allow-origin'), APP);
    assert.equal(response.headers.get('vary'), 'Origin');
  });

  test('reconfigure swaps the policy of the proxy and of the routes', async () => {
    const proxy = corsProxy({ origin: APP });
    const routes = corsRoutes({ GET: () => new Response('ok') }, { origin: APP });
    proxy.reconfigure({ origin: OTHER });
    routes.reconfigure((current) => ({ ...current, origin: OTHER }));
    for (const answer of [await proxy(get(OTHER), undefined), await routes.GET(get(OTHER), {})]) {
      assert.equal(answer.headers.get('access-control-allow-origin'), OTHER);
    }
    assert.equal((await routes.GET(get(APP), {})).headers.get('access-control-allow-origin'), null);
  });
});
