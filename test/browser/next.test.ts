// corsguard/next in Chromium: a page on http://page.example.localhost:P1 calls the Next.js fixture
// app (test/adapters/next/fixture) on http://api.example.localhost:P2 with credentials, through a
// corsRoutes route handler (preflighted PUT) and through corsMiddleware (GET); a page of a refused
// origin (http://evil.localhost:P1) cannot read the answer.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildFixture, startNext, type NextServer } from '../adapters/next/next-app.ts';
import { chromiumUnavailable, launchChromium } from '../support/chromium.ts';
import { listen, type RunningServer } from '../support/servers.ts';

const unavailable = chromiumUnavailable();

interface Outcome {
  ok: boolean;
  status?: number;
  requestId?: string | null;
  body?: { method: string; cookie: string | null };
  error?: string;
}

describe('corsguard/next in Chromium', { skip: unavailable }, () => {
  let next: NextServer;
  let pages: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    await buildFixture();
    next = await startNext();
    pages = await listen(
      createServer((_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>page</title>'),
      ),
    );
    browser = await launchChromium();
    context = await browser.newContext();
    // Page and API are cross-origin but same-site (example.localhost): Chromium blocks
    // third-party cookies, so a cross-site page's credentialed fetch would carry none.
    await context.addCookies([
      { name: 'session', value: 's1', domain: 'api.example.localhost', path: '/', httpOnly: true, sameSite: 'Lax' },
    ]);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await pages?.close();
    await next?.close();
  });

  async function callFrom(pageOrigin: string, url: string, init: RequestInit): Promise<Outcome> {
    const page = await context.newPage();
    try {
      await page.goto(`${pageOrigin}/`);
      return await page.evaluate(
        async ({ url, init }) => {
          try {
            const response = await fetch(url, { ...init, credentials: 'include' });
            return {
              ok: true,
              status: response.status,
              requestId: response.headers.get('x-request-id'),
              body: await response.json(),
            };
          } catch (error) {
            return { ok: false, error: String(error) };
          }
        },
        { url, init },
      );
    } finally {
      await page.close();
    }
  }

  test('a page of another origin calls route handlers and middleware-covered routes with credentials', async () => {
    const page = `http://page.example.localhost:${pages.port}`;
    const api = `http://api.example.localhost:${next.port}`;
    const put = { method: 'PUT', headers: { 'content-type': 'application/json', 'x-api-key': 'k1' }, body: '{}' };

    const viaRoutes = await callFrom(page, `${api}/api/items`, put);
    assert.deepEqual(viaRoutes, {
      ok: true,
      status: 200,
      requestId: 'r-1',
      body: { method: 'PUT', runtime: 'node', cookie: 'session=s1' },
    });

    const viaMiddleware = await callFrom(page, `${api}/mw/items`, { method: 'GET' });
    assert.deepEqual(viaMiddleware, {
      ok: true,
      status: 200,
      requestId: 'r-1',
      body: { method: 'GET', runtime: 'node', cookie: 'session=s1' },
    });

    const refused = await callFrom(`http://evil.localhost:${pages.port}`, `${api}/api/items`, put);
    assert.deepEqual(refused, { ok: false, error: 'TypeError: Failed to fetch' });
  });
});
