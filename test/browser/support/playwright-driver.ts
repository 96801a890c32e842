// BrowserDriver over a Playwright browser: one browser context per driver. Chromium is the run's
// shared one (test/support/chromium.ts); Playwright drives Firefox and WebKit the same way.
import type { Browser, Frame, Page, Response } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import type { BrowserDriver, DriverPage, EngineName } from './driver.ts';
import type { FormSubmission } from './probe.ts';

const PROBE_READY = "typeof window.corsProbe === 'function'";
/** Sequences the probe runs at once in one page. */
const CONCURRENCY = 64;
const FORM_TIMEOUT_MS = 15_000;

export async function openChromiumDriver(): Promise<BrowserDriver> {
  return playwrightDriver('chromium', await launchChromium());
}

async function playwrightDriver(engine: EngineName, browser: Browser): Promise<BrowserDriver> {
  const context = await browser.newContext().catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  return {
    engine,
    async open(url, options) {
      const page = await context.newPage();
      await page.goto(url);
      const target = options?.childFrame ? page.mainFrame().childFrames()[0] : page;
      if (target === undefined) throw new Error(`${url} has no iframe`);
      // Polled on a timer, not on animation frames: a run on a loaded machine once timed out here.
      await target.waitForFunction(PROBE_READY, undefined, { polling: 100 });
      return driverPage(page, target);
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

function driverPage(page: Page, target: Page | Frame): DriverPage {
  return {
    async fetch(sequences) {
      if (sequences.length === 0) return [];
      return (await target.evaluate(`window.corsProbe(${JSON.stringify(sequences)}, ${CONCURRENCY})`)) as Awaited<ReturnType<DriverPage['fetch']>>;
    },
    submitForms: (forms) => submitForms(page, target, forms),
    close: () => page.close(),
  };
}

/** The statuses come from the navigations' responses: an empty 403 would otherwise show as an error page. */
async function submitForms(page: Page, target: Page | Frame, forms: readonly FormSubmission[]): Promise<ReadonlyMap<string, number>> {
  const statuses = new Map<string, number>();
  const targets = new Set(forms.map((form) => form.target));
  if (targets.size === 0) return statuses;
  let listener: ((response: Response) => void) | undefined;
  const arrived = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      const missing = [...targets].filter((name) => !statuses.has(name));
      reject(new Error(`no navigation response for the forms into ${missing.join(', ')}`));
    }, FORM_TIMEOUT_MS);
    listener = (response) => {
      const request = response.request();
      if (!request.isNavigationRequest()) return;
      const name = request.frame().name();
      if (!targets.has(name) || statuses.has(name)) return;
      statuses.set(name, response.status());
      if (statuses.size < targets.size) return;
      clearTimeout(timer);
      resolve();
    };
    page.on('response', listener);
  });
  try {
    await Promise.all([arrived, target.evaluate(`window.submitForms(${JSON.stringify(forms)})`)]);
  } finally {
    if (listener) page.off('response', listener);
  }
  return statuses;
}
