// The gateway in Chromium: a page on http://page.example.localhost:P1 calls an API that has no CORS
// at all through the gateway on http://api.example.localhost:P2, with credentials: a preflighted
// JSON request, a cookie the upstream sets (rewritten for the gateway) and sends back, an exposed
// header; a page of another site cannot read; an upstream that is down is a readable 502.
// Page and gateway are same-site (example.localhost): Chromium blocks third-party cookies.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromiumUnavailable, launchChromium } from '../support/chromium.ts';
import { listen, type RunningServer } from '../support/servers.ts';
import { startGateway, startUpstream, type Gateway, type Upstream } from './support/harness.ts';

const unavailable = chromiumUnavailable();

interface Outcome {
  readonly ok: boolean;
  readonly status?: number;
  readonly body?: unknown;
  readonly total?: string | null;
  readonly error?: string;
}

describe('corsguard proxy in Chromium', { skip: unavailable }, () => {
  let upstream: Upstream;
  let gateway: Gateway;
  let downGateway: Gateway;
  let pages: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page = '';
  let evil = '';
  let api = '';

  before(async () => {
    // An API without any CORS support, under a base path.
    upstream = await startUpstream((incoming, response) => {
      let body = '';
      incoming.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => {
        if (incoming.url === '/v1/login') {
          response.setHeader('set-cookie', 'sid=abc; Path=/v1; Domain=127.0.0.1; HttpOnly; SameSite=Lax');
          response.end('{"loggedIn":true}');
          return;
        }
        response.setHeader('x-total-count', '42');
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ method: incoming.method, url: incoming.url, cookie: incoming.headers.cookie ?? null, body }),
        );
      });
    });
    pages = await listen(
      createServer((_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>page</title>'),
      ),
    );
    page = `http://page.example.localhost:${pages.port}`;
    evil = `http://evil.localhost:${pages.port}`;
    const cors = {
      origin: page,
      methods: ['PUT'],
      allowedHeaders: ['Content-Type'],
      exposedHeaders: ['X-Total-Count'],
      credentials: true,
    };
    gateway = await startGateway({ upstream: `${upstream.url}/v1`, cors });
    const down = await listen(createServer());
    await down.close();
    downGateway = await startGateway({ upstream: down.url, cors });
    api = `http://api.example.localhost:${gateway.port}`;
    browser = await launchChromium();
    context = await browser.newContext();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await gateway?.close();
    await downGateway?.close();
    await upstream?.close();
    await pages?.close();
  });

  async function fetchFrom(origin: string, calls: Array<{ url: string; init: RequestInit }>): Promise<Outcome[]> {
    const tab = await context.newPage();
    try {
      await tab.goto(`${origin}/`);
      return await tab.evaluate(async (list) => {
        const outcomes: Outcome[] = [];
        for (const { url, init } of list) {
          try {
            const response = await fetch(url, init);
            const text = await response.text();
            outcomes.push({
              ok: true,
              status: response.status,
              body: JSON.parse(text),
              total: response.headers.get('x-total-count'),
            });
          } catch (error) {
            outcomes.push({ ok: false, error: String(error) });
          }
        }
        return outcomes;
      }, calls);
    } finally {
      await tab.close();
    }
  }

  test('credentials: the cookie the upstream sets comes back through a preflighted PUT; the exposed header is readable', async () => {
    const [login, put] = await fetchFrom(page, [
      { url: `${api}/login`, init: { method: 'POST', credentials: 'include' } },
      {
        url: `${api}/items/7`,
        init: {
          method: 'PUT',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: '{"name":"x"}',
        },
      },
    ]);
    assert.deepEqual(login, { ok: true, status: 200, body: { loggedIn: true }, total: null });
    assert.deepEqual(put, {
      ok: true,
      status: 200,
      body: { method: 'PUT', url: '/v1/items/7', cookie: 'sid=abc', body: '{"name":"x"}' },
      total: '42',
    });
    // The preflight was answered by the gateway: the upstream never saw an OPTIONS.
    assert.equal(upstream.received.filter((request) => request.method === 'OPTIONS').length, 0);
    assert.ok(
      gateway.logs.some(
        (entry) => entry.method === 'OPTIONS' && entry.reason === 'preflight-allowed' && entry.status === 204,
      ),
    );
  });

  test('a page of another site cannot read the answer', async () => {
    const [outcome] = await fetchFrom(evil, [{ url: `${api}/items`, init: { credentials: 'include' } }]);
    assert.equal(outcome!.ok, false);
    assert.match(outcome!.error!, /TypeError/);
  });

  test('an upstream that is down is a 502 problem the page can read, not a CORS error', async () => {
    const [outcome] = await fetchFrom(page, [
      { url: `http://api.example.localhost:${downGateway.port}/items`, init: { credentials: 'include' } },
    ]);
    assert.equal(outcome!.ok, true);
    assert.equal(outcome!.status, 502);
    assert.equal((outcome!.body as { code: string }).code, 'upstream-unreachable');
  });
});
