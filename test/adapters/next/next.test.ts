// corsguard/next in a real Next.js app (./fixture, `next build` + `next start`), over HTTP:
// route handlers wrapped by corsRoutes on the Node.js and Edge runtimes, plain route handlers
// behind corsMiddleware (middleware.ts, Edge runtime), and a Pages Router API route using
// corsguard/node. The same policy (fixture/policy.ts) for all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { buildFixture, startNext, type NextServer } from './next-app.ts';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

interface Exchange {
  rule: string;
  /** Only for the rows that are about one route. */
  path?: string;
  method: string;
  headers: Record<string, string>;
  answer: {
    status: number;
    /** Whether the route's own handler produced the response (it sets `x-handler: ran`). */
    handler?: boolean;
    /** Expected header values; `null`: absent. */
    headers?: Record<string, string | null>;
    /** Names Vary must list (once each). */
    vary?: string[];
  };
}

const asking = (origin: string, method: string, requestHeaders?: string): Record<string, string> => ({
  origin,
  'access-control-request-method': method,
  ...(requestHeaders === undefined ? {} : { 'access-control-request-headers': requestHeaders }),
});

/** Every way of plugging corsguard into Next.js must give these answers. */
const decisions: Exchange[] = [
  {
    rule: 'preflight granted: origin, credentials, method, headers, max-age; Vary on the request headers',
    method: 'OPTIONS',
    headers: asking(APP, 'PUT', 'content-type,x-api-key'),
    answer: {
      status: 204,
      handler: false,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
        'access-control-allow-headers': 'content-type,x-api-key',
        'access-control-max-age': '600',
      },
      vary: ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'],
    },
  },
  {
    rule: 'preflight refused: origin not allowed',
    method: 'OPTIONS',
    headers: asking(EVIL, 'PUT'),
    answer: { status: 403, handler: false, headers: { 'access-control-allow-origin': null } },
  },
  {
    rule: 'preflight refused: method not allowed',
    method: 'OPTIONS',
    headers: asking(APP, 'DELETE'),
    answer: { status: 403, handler: false, headers: { 'access-control-allow-methods': null } },
  },
  {
    rule: 'preflight refused: header not allowed',
    method: 'OPTIONS',
    headers: asking(APP, 'PUT', 'x-secret'),
    answer: { status: 403, handler: false, headers: { 'access-control-allow-headers': null } },
  },
  {
    rule: 'actual: allowed origin gets ACAO, ACAC, ACEH; Vary keeps the handler’s Accept-Encoding',
    method: 'GET',
    headers: { origin: APP },
    answer: {
      status: 200,
      handler: true,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'X-Request-Id',
      },
      vary: ['Origin', 'Accept-Encoding'],
    },
  },
  {
    rule: 'actual: origin pattern with any port',
    method: 'GET',
    headers: { origin: 'http://page.example.localhost:4567' },
    answer: {
      status: 200,
      handler: true,
      headers: { 'access-control-allow-origin': 'http://page.example.localhost:4567' },
    },
  },
  {
    rule: 'actual: refused origin runs the handler without CORS headers',
    method: 'GET',
    headers: { origin: EVIL },
    answer: {
      status: 200,
      handler: true,
      headers: { 'access-control-allow-origin': null, 'access-control-allow-credentials': null },
      vary: ['Origin'],
    },
  },
  {
    rule: 'actual: no Origin still varies on Origin',
    method: 'GET',
    headers: {},
    answer: { status: 200, handler: true, headers: { 'access-control-allow-origin': null }, vary: ['Origin'] },
  },
  {
    rule: 'actual: HEAD (answered by Next.js from GET) gets the headers',
    method: 'HEAD',
    headers: { origin: APP },
    answer: { status: 200, handler: true, headers: { 'access-control-allow-origin': APP } },
  },
  {
    rule: 'csrf: cross-site POST from a refused origin is rejected before the handler',
    method: 'POST',
    headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    answer: { status: 403, handler: false, headers: { 'access-control-allow-origin': null } },
  },
  {
    rule: 'csrf: cross-site POST from an allowed origin passes',
    method: 'POST',
    headers: { origin: APP, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    answer: { status: 200, handler: true, headers: { 'access-control-allow-origin': APP } },
  },
  {
    rule: 'csrf: non-browser POST (no Origin, no Sec-Fetch-Site) passes',
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    answer: { status: 200, handler: true },
  },
];

const targets = [
  { name: 'corsRoutes, Node.js runtime', path: '/api/items' },
  { name: 'corsRoutes, Edge runtime', path: '/api/edge' },
  { name: 'corsMiddleware (middleware.ts, Edge runtime) before plain route handlers', path: '/mw/items' },
  { name: 'corsguard/node in a Pages Router API route', path: '/api/legacy' },
];

/** What is particular to each way of plugging it in: errors, redirects, OPTIONS, the user's own proxy. */
const particulars: Exchange[] = [
  {
    rule: 'corsRoutes: an error thrown by the handler is a 500 that keeps the CORS headers',
    path: '/api/throws',
    method: 'GET',
    headers: { origin: APP },
    answer: {
      status: 500,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
      vary: ['Origin'],
    },
  },
  {
    rule: 'corsMiddleware: an error thrown by a route handler is Next.js’s 500, with the headers the middleware set',
    path: '/mw/throws',
    method: 'GET',
    headers: { origin: APP },
    answer: {
      status: 500,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
      vary: ['Origin'],
    },
  },
  {
    rule: 'corsRoutes: notFound() is a 404 that keeps the CORS headers, as Next.js would answer it',
    path: '/api/not-found',
    method: 'GET',
    headers: { origin: APP },
    answer: { status: 404, headers: { 'access-control-allow-origin': APP }, vary: ['Origin'] },
  },
  {
    rule: 'corsRoutes: an ordinary error that carries a digest field is a 500 with the CORS headers, not Next.js control flow',
    path: '/api/digest-error',
    method: 'GET',
    headers: { origin: APP },
    answer: { status: 500, headers: { 'access-control-allow-origin': APP }, vary: ['Origin'] },
  },
  {
    rule: 'corsRoutes: redirect() from next/navigation stays Next.js’s redirect (not a 500; it carries cookies()), without CORS headers',
    path: '/api/redirects',
    method: 'GET',
    headers: { origin: APP },
    answer: { status: 307, headers: { location: '/api/items', 'access-control-allow-origin': null } },
  },
  {
    rule: 'corsRoutes: OPTIONS without Access-Control-Request-Method gets 204 and Allow, plus the CORS headers',
    path: '/api/items',
    method: 'OPTIONS',
    headers: { origin: APP },
    answer: { status: 204, headers: { allow: 'GET, HEAD, OPTIONS, POST, PUT', 'access-control-allow-origin': APP } },
  },
  {
    rule: 'corsMiddleware: a response of the user’s own proxy function gets the CORS headers',
    path: '/mw/items',
    method: 'GET',
    headers: { origin: APP, 'x-api-key': 'wrong' },
    answer: { status: 401, handler: false, headers: { 'access-control-allow-origin': APP }, vary: ['Origin'] },
  },
  {
    rule: 'corsMiddleware: a preflight never reaches the user’s proxy function',
    path: '/mw/items',
    method: 'OPTIONS',
    headers: { ...asking(APP, 'PUT', 'x-api-key'), 'x-api-key': 'wrong' },
    answer: { status: 204, handler: false, headers: { 'access-control-allow-origin': APP } },
  },
];

describe('corsguard/next in a Next.js app', () => {
  let server: NextServer;
  before(async () => {
    const started = Date.now();
    await buildFixture();
    const built = Date.now();
    server = await startNext();
    console.log(
      `next build ${built - started} ms (about 0 when a build of the same inputs was there), next start ${Date.now() - built} ms`,
    );
  });
  after(async () => {
    await server?.close();
  });

  async function check(path: string, exchange: Exchange): Promise<void> {
    const response = await request(`${server.url}${path}`, {
      method: exchange.method,
      headers: exchange.headers,
      body: exchange.method === 'POST' ? 'x' : undefined,
    });
    await response.body.text();
    const { answer } = exchange;
    assert.equal(response.statusCode, answer.status, 'status');
    if (answer.handler !== undefined)
      assert.equal(response.headers['x-handler'] === 'ran', answer.handler, 'handler ran');
    for (const [header, value] of Object.entries(answer.headers ?? {}))
      assert.equal(response.headers[header] ?? null, value, header);
    const vary = [response.headers.vary ?? []]
      .flat()
      .join(',')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    for (const name of answer.vary ?? [])
      assert.equal(
        vary.filter((listed) => listed === name.toLowerCase()).length,
        1,
        `Vary ${JSON.stringify(response.headers.vary)} lists ${name} once`,
      );
  }

  for (const target of targets) {
    describe(target.name, () => {
      for (const exchange of decisions) test(exchange.rule, () => check(target.path, exchange));
    });
  }
  for (const exchange of particulars) test(exchange.rule, () => check(exchange.path!, exchange));

  test('corsRoutes: the error it answered with a 500 is still in the server log', () => {
    assert.match(server.output(), /wrapped handler failure \(expected by the test\)/);
  });
});
