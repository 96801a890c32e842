// BrowserDriver for Firefox over puppeteer-core and WebDriver BiDi: a browser context of its own in
// the run's shared Firefox, held from open to close (test/support/firefox.ts: one client at a time).
import type { Frame, Page } from 'puppeteer-core';
import { acquireFirefox } from '../../support/firefox.ts';
import type { BrowserDriver } from './driver.ts';
import { PROBE_READY, probePage } from './probe-page.ts';

export async function openFirefoxDriver(): Promise<BrowserDriver> {
  const lease = await acquireFirefox();
  const { browser } = lease;
  try {
    const context = await browser.createBrowserContext();
    const version = (await browser.version()).replace(/^firefox\//, '');
    return {
      engine: 'firefox',
      version,
      async open(url, options) {
        const page = await context.newPage();
        await page.goto(url);
        const target: Page | Frame | undefined = options?.childFrame ? page.mainFrame().childFrames()[0] : page;
        if (target === undefined) throw new Error(`${url} has no iframe`);
        await target.waitForFunction(PROBE_READY, { polling: 100 });
        return probePage(
          (expression) => target.evaluate(expression) as Promise<never>,
          () => page.close(),
        );
      },
      async visit(url) {
        const page = await context.newPage();
        await page.goto(url);
        await page.close();
      },
      async cookies(url) {
        const { hostname } = new URL(url);
        return (await context.cookies())
          .filter(
            (cookie) =>
              cookie.domain.replace(/^\./, '') === hostname ||
              hostname.endsWith(`.${cookie.domain.replace(/^\./, '')}`),
          )
          .map(({ name, value }) => ({ name, value }));
      },
      async close() {
        await context.close().catch(() => {});
        await lease.release();
      },
    };
  } catch (error) {
    await lease.release();
    throw error;
  }
}
