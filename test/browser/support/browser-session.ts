// One browser context per test file, in the run's shared Chromium (test/support/chromium.ts), the page
// servers, and helpers to open a page on an origin or the sandboxed frame inside one.
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { startPages, type PageOrigins, type PageServers } from './pages.ts';
import { probeSequences, type ProbeRequest, type ProbeResult } from './probe.ts';

/** The page origins of pages.ts, plus N: the sandboxed iframe inside A, whose origin is opaque. */
export type OriginKey = keyof PageOrigins | 'N';
export const ORIGIN_KEYS: readonly OriginKey[] = ['A', 'A2', 'B', 'X', 'N'];

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly origins: PageOrigins;
  /** A new page showing `url` (default: the blank page of that origin), with the probe loaded. */
  open(url: string): Promise<Page>;
  /** The sandboxed (opaque-origin) frame inside a page of `parentOrigin`, with the probe loaded. */
  sandboxedFrame(parentOrigin: string): Promise<Frame>;
  /** The origin as Chromium serialises it in `Origin` (`null` for N). */
  serialize(from: OriginKey): string;
  /** Runs independent `requests` from a fresh page (or sandboxed frame) of that origin. */
  probeFrom(from: OriginKey, requests: readonly ProbeRequest[]): Promise<ProbeResult[]>;
  /** Runs sequences of requests from a fresh page of that origin: each in order, sequences side by side. */
  probeSequencesFrom(from: OriginKey, sequences: ReadonlyArray<readonly ProbeRequest[]>): Promise<ProbeResult[][]>;
  /** Navigates a fresh page to `url` as a top-level visit and closes it (sets first-party cookies). */
  visit(url: string): Promise<void>;
  close(): Promise<void>;
}

const PROBE_READY = "typeof window.corsProbe === 'function'";

export async function openSession(): Promise<BrowserSession> {
  let pages: PageServers | undefined;
  let browser: Browser | undefined;
  try {
    pages = await startPages();
    browser = await launchChromium();
    const context = await browser.newContext();
    const open = async (url: string) => {
      const page = await context.newPage();
      await page.goto(/^https?:\/\/[^/]+$/.test(url) ? `${url}/` : url);
      await page.waitForFunction(PROBE_READY);
      return page;
    };
    const sandboxedFrame = async (parentOrigin: string) => {
      const page = await context.newPage();
      await page.goto(`${parentOrigin}/sandbox`);
      const frame = page.mainFrame().childFrames()[0];
      if (frame === undefined) throw new Error('the sandbox page has no iframe');
      await frame.waitForFunction(PROBE_READY);
      return frame;
    };
    const origins = pages.origins;
    const probeSequencesFrom = async (from: OriginKey, sequences: ReadonlyArray<readonly ProbeRequest[]>) => {
      const target = from === 'N' ? await sandboxedFrame(origins.A) : await open(origins[from]);
      try {
        return await probeSequences(target, sequences);
      } finally {
        await (from === 'N' ? (target as Frame).page() : (target as Page)).close();
      }
    };
    const livePages = pages;
    const liveBrowser = browser;
    return {
      browser,
      context,
      origins,
      open,
      sandboxedFrame,
      serialize: (from) => (from === 'N' ? 'null' : origins[from]),
      probeSequencesFrom,
      async probeFrom(from, requests) {
        return (await probeSequencesFrom(from, requests.map((request) => [request]))).map((outcomes) => outcomes[0]!);
      },
      async visit(url) {
        const page = await context.newPage();
        await page.goto(url);
        await page.close();
      },
      async close() {
        await liveBrowser.close();
        await livePages.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await pages?.close();
    throw error;
  }
}
