// The npm start demo in real Chromium: every button does what the page says.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../../examples/demo/demo.ts';
import { chromiumUnavailable, launchChromium } from '../support/chromium.ts';
import { decodePng, pixelAt } from '../support/png.ts';

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

  test('screenshot: a full-page PNG of the page as laid out, every card drawn where it stands', async () => {
    const layout = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
      cards: [...document.querySelectorAll<HTMLElement>('.card[data-case]')].map((card) => {
        const box = card.getBoundingClientRect();
        const style = getComputedStyle(card);
        return {
          name: card.dataset.case,
          answered: card.dataset.done !== undefined,
          // A point in the card's left padding: only its background shows there.
          x: Math.floor(box.left + window.scrollX + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft) / 2),
          y: Math.floor(box.top + window.scrollY + box.height / 2),
          background: style.backgroundColor,
        };
      }),
    }));
    assert.deepEqual(layout.cards.map((card) => [card.name, card.answered]), rows.map((row) => [row.name, true]), 'the cards, each answered');
    const png = decodePng(await page.screenshot({ path: process.env.DEMO_SCREENSHOT ?? '/tmp/corsguard-demo.png', fullPage: true }));
    assert.deepEqual([png.width, png.height], [layout.width, layout.height], 'the PNG is the whole page');
    for (const card of layout.cards) assert.equal(pixelAt(png, card.x, card.y), card.background, `card ${card.name} at (${card.x}, ${card.y})`);
    const colours = new Set<number>();
    for (let at = 0; at < png.pixels.length; at += png.channels) colours.add((png.pixels[at]! << 16) | (png.pixels[at + 1]! << 8) | png.pixels[at + 2]!);
    assert.ok(colours.size > 100, `${colours.size} colours: text and results are drawn, not a blank page`);
  });
});
