// Runs differential cases in Chromium pages: many fetches per page.evaluate, pages in parallel.
import type { Browser, Page } from 'playwright-core';
import type { DifferentialCase, FetchSpec } from './cases.ts';
import type { FetchOutcome } from './outcome.ts';

interface PageCase {
  readonly id: number;
  readonly url: string;
  readonly fetches: readonly FetchSpec[];
}

async function runBatch(page: Page, batch: PageCase[]): Promise<Map<number, FetchOutcome[]>> {
  const results = await page.evaluate(async (cases) => {
    return Promise.all(
      cases.map(async (item) => {
        const outcomes: unknown[] = [];
        for (const spec of item.fetches) {
          try {
            const response = await fetch(item.url, { method: spec.method, headers: spec.headers, credentials: spec.credentials });
            await response.arrayBuffer();
            outcomes.push({ ok: true, status: response.status, readable: [...response.headers.keys()].sort(), redirected: response.redirected });
          } catch {
            outcomes.push({ ok: false });
          }
        }
        return [item.id, outcomes] as const;
      }),
    );
  }, batch);
  return new Map(results.map(([id, outcomes]) => [id, outcomes as FetchOutcome[]]));
}

export interface ChromiumRun {
  readonly outcomes: Map<number, FetchOutcome[]>;
  /** CORS console messages per case, in order. */
  readonly messages: Map<number, string[]>;
}

export async function runInChromium(
  browser: Browser,
  pageUrl: string,
  cases: readonly DifferentialCase[],
  urlOf: (item: DifferentialCase) => string,
  options: { pages: number; batch: number },
): Promise<ChromiumRun> {
  const outcomes = new Map<number, FetchOutcome[]>();
  const messages = new Map<number, string[]>();
  const context = await browser.newContext();
  try {
    const pages = await Promise.all(Array.from({ length: options.pages }, () => context.newPage()));
    for (const page of pages) {
      page.on('console', (message) => {
        const text = message.text();
        if (!text.includes('blocked by CORS policy')) return;
        const id = /\/c\/(\d+)\/h/.exec(text)?.[1];
        if (id === undefined) return;
        const list = messages.get(Number(id)) ?? [];
        list.push(text);
        messages.set(Number(id), list);
      });
      await page.goto(pageUrl);
    }
    const queue = cases.map((item) => ({ id: item.id, url: urlOf(item), fetches: item.fetches }));
    await Promise.all(
      pages.map(async (page) => {
        for (;;) {
          const batch = queue.splice(0, options.batch);
          if (batch.length === 0) return;
          for (const [id, result] of await runBatch(page, batch)) outcomes.set(id, result);
        }
      }),
    );
    // Console events travel separately from evaluate results; give the last ones a moment.
    await pages[0]?.waitForTimeout(200);
  } finally {
    await context.close();
  }
  return { outcomes, messages };
}
