// A page opened at a trailing-dot host (`http://localhost.:P/`) sends that host, dot included, in
// Origin, and it is an origin of its own: corsguard lets it read only when it is listed as such.
// Chromium resolves `localhost.` to loopback itself, so no DNS is needed.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cors } from '../../../src/adapters/node.ts';
import { chromiumUnavailable, launchChromium } from '../../support/chromium.ts';

const unavailable = chromiumUnavailable();

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('trailing-dot page origins in Chromium', { skip: unavailable }, () => {
  let browser: Browser;
  let page: Page;
  let pagePort = 0;
  let apiPort = 0;
  const seen: string[] = [];
  const pageServer = createServer((_request, response) => response.end('<!doctype html><title>page</title>'));
  const api = createServer((request, response) => {
    seen.push(String(request.headers.origin));
    // The policy comes from the path: /dotted lists the dotted origin, /plain the one without.
    const listed = request.url === '/dotted' ? `http://localhost.:${pagePort}` : `http://localhost:${pagePort}`;
    cors({ origin: listed })(request, response, () => response.end('ok'));
  });

  before(async () => {
    pagePort = await listen(pageServer);
    apiPort = await listen(api);
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    await page.goto(`http://localhost.:${pagePort}/`);
  });
  after(async () => {
    await browser?.close();
    pageServer.close();
    api.close();
  });

  const rows = [
    { rule: 'the dotted origin, listed with its dot, reads the response', path: '/dotted', read: true },
    {
      rule: 'the same host listed without the dot is another origin: the response stays unread',
      path: '/plain',
      read: false,
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      seen.length = 0;
      const read = await page.evaluate(async (url) => {
        try {
          return (await fetch(url)).ok;
        } catch {
          return false;
        }
      }, `http://127.0.0.1:${apiPort}${row.path}`);
      assert.deepEqual({ read, seen }, { read: row.read, seen: [`http://localhost.:${pagePort}`] });
    });
  }
});
