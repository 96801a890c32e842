// The npm start demo in real Chromium: every button does what the page says.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../../examples/demo/demo.ts';
import { chromiumUnavailable, launchChromium } from '../support/chromium.ts';

const unavailable = chromiumUnavailable();

describe('demo page in Chromium', { skip: unavailable }, () => {
  let demo: Demo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo({ apiPort: 0, pagePort: 0 });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(demo.pageUrl);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function click(name: string): Promise<{ done: string; browser: string; server: string }> {
    const card = page.locator(`.card[data-case="${name}"]`);
    await card.locator('button').click();
    await card.locator('.server ul').waitFor();
    return {
      done: (await card.getAttribute('data-done')) ?? '',
      browser: await card.locator('.browser').innerText(),
      server: await card.locator('.server').innerText(),
    };
  }

  const rows = [
    { name: 'simple', done: 'true', browser: /✔ GET \/items → 200/, server: /actual GET \/items → handler: Origin http:\/\/localhost:\d+ is allowed/ },
    { name: 'preflight', done: 'true', browser: /✔ PUT \/items\/1 → 200.*"demoHeader":"hello"/, server: /preflight OPTIONS \/items\/1 → 204: Preflight .* granted[\s\S]*actual PUT/ },
    { name: 'credentialed', done: 'true', browser: /✔ GET \/me → 200, script read \{"session":"s\d+"\}/, server: /actual POST \/login[\s\S]*actual GET \/me/ },
    { name: 'refused', done: 'false', browser: /✘ DELETE \/items\/1 → TypeError: Failed to fetch/, server: /preflight OPTIONS \/items\/1 → 403: .*method DELETE is not allowed.*add 'DELETE' to methods/ },
  ];
  for (const row of rows) {
    test(`${row.name} button`, async () => {
      const result = await click(row.name);
      assert.equal(result.done, row.done, result.browser);
      assert.match(result.browser, row.browser);
      assert.match(result.server, row.server);
    });
  }

  test('the refused DELETE never reached the handler', () => {
    const deletes = demo.decisions.filter((event) => event.method === 'DELETE');
    assert.deepEqual(deletes, []);
  });

  test('screenshot', async () => {
    await page.screenshot({ path: process.env.DEMO_SCREENSHOT ?? '/tmp/corsguard-demo.png', fullPage: true });
  });
});
