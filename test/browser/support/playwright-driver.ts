// BrowserDriver for Chromium over playwright-core: one browser context per driver, in the run's
// shared Chromium (test/support/chromium.ts) or one of this process's own.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import type { BrowserDriver } from './driver.ts';
import { PROBE_READY, probePage } from './probe-page.ts';

export async function openChromiumDriver(): Promise<BrowserDriver> {
  return playwrightDriver(await launchChromium());
}

async function playwrightDriver(browser: Browser): Promise<BrowserDriver> {
  const context = await browser.newContext().catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  return {
    engine: 'chromium',
    version: browser.version(),
    async open(url, options) {
      const page = await context.newPage();
      await page.goto(url);
      const target = options?.childFrame ? page.mainFrame().childFrames()[0] : page;
      if (target === undefined) throw new Error(`${url} has no iframe`);
      // Polled on a timer, not on animation frames: a run on a loaded machine once timed out here.
      await target.waitForFunction(PROBE_READY, undefined, { polling: 100 });
      return probePage(
        (expression) => target.evaluate(expression),
        () => page.close(),
      );
    },
    async visit(url) {
      const page = await context.newPage();
      await page.goto(url);
      await page.close();
    },
    async cookies(url) {
      return (await context.cookies(url)).map(({ name, value }) => ({ name, value }));
    },
    close: () => browser.close(),
  };
}
