// corsguard/node over real sockets: plain node:http and Express 5.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listen } from '../support/servers.ts';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { request } from 'undici';
import { cors, type NodeCorsMiddleware } from '../../src/adapters/node.ts';
import type { CorsOptions } from '../../src/index.ts';

const APP = 'https://app.example.com';
const options: CorsOptions<IncomingMessage> = {
  origin: [APP],
  methods: ['PUT'],
  allowedHeaders: ['X-Api-Key'],
  exposedHeaders: ['X-Request-Id'],
  credentials: true,
  maxAge: 600,
  csrf: true,
};

async function listenUrl(server: Server): Promise<string> {
  return (await listen(server)).url;
}

function handler(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('X-Request-Id', '42');
  res.setHeader('X-Handler', 'ran');
  res.end(`handled ${req.method}`);
}

type Send = (
  method: string,
  headers: Record<string, string | string[]>,
  path?: string,
) => Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>;

function client(base: () => string): Send {
  return async (method, headers, path = '/') => {
    const response = await request(`${base()}${path}`, { method, headers });
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  };
}

const apps: Array<{ name: string; start: (middleware: NodeCorsMiddleware) => Server }> = [
  {
    name: 'node:http',
    start: (middleware) => createServer((req, res) => middleware(req, res, () => handler(req, res))),
  },
  {
    name: 'Express 5',
    start: (middleware) => {
      const app = express();
      app.use(middleware);
      app.all('/{*rest}', handler);
      return createServer(app);
    },
  },
];

for (const app of apps) {
  describe(`corsguard/node on ${app.name}`, () => {
    let server: Server;
    let base = '';
    const middleware = cors(options);
    const send = client(() => base);
    before(async () => {
      server = app.start(middleware);
      base = await listenUrl(server);
    });
    after(() => server.close());

    test('granted preflight: 204, exact headers, handler not run', async () => {
      const r = await send('OPTIONS', {
        origin: APP,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'x-api-key',
      });
      assert.equal(r.status, 204);
      assert.equal(r.headers['access-control-allow-origin'], APP);
      assert.equal(r.headers['access-control-allow-credentials'], 'true');
      assert.equal(r.headers['access-control-allow-methods'], 'PUT');
      assert.equal(r.headers['access-control-allow-headers'], 'x-api-key');
      assert.equal(r.headers['access-control-max-age'], '600');
      assert.equal(r.headers.vary, 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
      assert.equal(r.headers['x-handler'], undefined);
      assert.equal(r.body, '');
    });

    test('refused preflight: 403, no CORS headers, handler not run', async () => {
      const r = await send('OPTIONS', { origin: APP, 'access-control-request-method': 'DELETE' });
      assert.equal(r.status, 403);
      assert.equal(r.headers['access-control-allow-origin'], undefined);
      assert.equal(r.headers['x-handler'], undefined);
    });

    test('OPTIONS without Access-Control-Request-Method reaches the handler', async () => {
      const r = await send('OPTIONS', { origin: APP });
      assert.equal(r.headers['x-handler'], 'ran');
      assert.equal(r.headers['access-control-allow-origin'], APP);
    });

    test('allowed actual request: ACAO, ACAC, ACEH, Vary appended to the handler’s Vary', async () => {
      const r = await send('GET', { origin: APP });
      assert.equal(r.status, 200);
      assert.equal(r.headers['access-control-allow-origin'], APP);
      assert.equal(r.headers['access-control-expose-headers'], 'X-Request-Id');
      assert.equal(r.headers['x-handler'], 'ran');
      // The handler set Vary after the middleware: corsguard's value must not be lost either way.
      assert.match(String(r.headers.vary), /Accept-Encoding/);
    });

    test('disallowed origin: handler runs, no CORS headers', async () => {
      const r = await send('GET', { origin: 'https://evil.example.net' });
      assert.equal(r.headers['x-handler'], 'ran');
      assert.equal(r.headers['access-control-allow-origin'], undefined);
    });

    test('csrf: cross-site POST from a disallowed origin is answered 403 before the handler', async () => {
      const r = await send('POST', {
        origin: 'https://evil.example.net',
        'sec-fetch-site': 'cross-site',
        'content-type': 'text/plain',
      });
      assert.equal(r.status, 403);
      assert.equal(r.headers['x-handler'], undefined);
    });

    test('malformed requests never throw: two Origin lines, 15 kB of commas, odd bytes', async () => {
      const cases: Array<Record<string, string | string[]>> = [
        { origin: [APP, APP] },
        { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': ','.repeat(15_000) },
        { origin: 'https://a\tb', 'access-control-request-method': '\u00ff' },
      ];
      for (const headers of cases) {
        const r = await send(headers['access-control-request-method'] ? 'OPTIONS' : 'GET', headers);
        assert.ok(r.status === 200 || r.status === 403, `status ${r.status}`);
        assert.equal(r.headers['access-control-allow-origin'], undefined);
      }
    });
  });
}

describe('corsguard/node behaviour', () => {
  test('existing Vary set before the middleware is appended to, not overwritten', async () => {
    const middleware = cors({ origin: APP });
    const server = createServer((req, res) => {
      res.setHeader('Vary', 'Accept-Encoding');
      middleware(req, res, () => res.end('ok'));
    });
    const base = await listenUrl(server);
    try {
      const actual = await request(base, { headers: { origin: APP } });
      await actual.body.text();
      assert.equal(actual.headers.vary, 'Accept-Encoding, Origin');
      const preflight = await request(base, {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'GET' },
      });
      await preflight.body.text();
      assert.equal(
        preflight.headers.vary,
        'Accept-Encoding, Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      );
    } finally {
      server.close();
    }
  });

  test('when something upstream already sent headers, a CSRF rejection still never runs the handler', async () => {
    const middleware = cors(options);
    let ran = false;
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('early');
      middleware(req, res, () => {
        ran = true;
        res.end(' handler');
      });
    });
    const base = await listenUrl(server);
    try {
      const response = await request(base, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(await response.body.text(), 'early');
      assert.equal(ran, false);
    } finally {
      server.close();
    }
  });

  test('synchronous path: next is called before the middleware returns', () => {
    const middleware = cors({ origin: APP });
    const req = { method: 'GET', headers: { origin: APP }, url: '/' } as unknown as IncomingMessage;
    const set: Record<string, unknown> = {};
    const res = {
      headersSent: false,
      setHeader: (n: string, v: unknown) => (set[n] = v),
      getHeader: () => undefined,
    } as unknown as ServerResponse;
    let called = false;
    middleware(req, res, () => (called = true));
    assert.equal(called, true);
    assert.equal(set['access-control-allow-origin'], APP);
  });

  test('a throwing or rejecting predicate goes to next(err); Express answers 500', async () => {
    for (const origin of [
      () => {
        throw new Error('db down');
      },
      async () => {
        throw new Error('db down');
      },
    ]) {
      const app = express();
      app.use(cors({ origin }));
      app.get('/', (_req, res) => res.send('ok'));
      const errors: unknown[] = [];
      app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        errors.push(error);
        res.status(500).send('error');
      });
      const server = createServer(app);
      const base = await listenUrl(server);
      try {
        const r = await request(base, { headers: { origin: APP } });
        await r.body.text();
        assert.equal(r.statusCode, 500);
        assert.equal((errors[0] as Error).message, 'db down');
      } finally {
        server.close();
      }
    }
  });

  test('async predicate gets the request and allows per its answer', async () => {
    const server = createServer((req, res) => middleware(req, res, () => res.end('ok')));
    const middleware = cors<IncomingMessage>({
      origin: async (origin, req) => origin === APP && req.url === '/tenant',
    });
    const base = await listenUrl(server);
    try {
      const allowed = await request(`${base}/tenant`, { headers: { origin: APP } });
      await allowed.body.text();
      assert.equal(allowed.headers['access-control-allow-origin'], APP);
      const other = await request(`${base}/other`, { headers: { origin: APP } });
      await other.body.text();
      assert.equal(other.headers['access-control-allow-origin'], undefined);
    } finally {
      server.close();
    }
  });

  test('reconfigure swaps the policy of a running middleware', async () => {
    const middleware = cors({ origin: APP });
    const server = createServer((req, res) => middleware(req, res, () => res.end('ok')));
    const base = await listenUrl(server);
    try {
      const other = 'https://other.example.com';
      const before = await request(base, { headers: { origin: other } });
      await before.body.text();
      assert.equal(before.headers['access-control-allow-origin'], undefined);
      middleware.reconfigure({ origin: [APP, other] });
      const afterSwap = await request(base, { headers: { origin: other } });
      await afterSwap.body.text();
      assert.equal(afterSwap.headers['access-control-allow-origin'], other);
    } finally {
      server.close();
    }
  });

  test('optionsSuccessStatus 200 sends Content-Length: 0', async () => {
    const middleware = cors({ origin: APP, optionsSuccessStatus: 200 });
    const server = createServer((req, res) => middleware(req, res, () => res.end('handler')));
    const base = await listenUrl(server);
    try {
      const r = await request(base, {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'GET' },
      });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-length'], '0');
      assert.equal(await r.body.text(), '');
    } finally {
      server.close();
    }
  });
});
