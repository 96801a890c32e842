// Runs differential cases in a browser through its BrowserDriver: batches of cases per evaluate
// call (a driver round trip is slow in Firefox), a few pages side by side, each case's fetches in
// order. What script saw is all that comes back; what reached the server is in its own log.
import type { BrowserDriver, DriverPage } from '../support/driver.ts';
import type { DifferentialCase, FetchSpec } from './cases.ts';
import { canonical, type FetchOutcome } from './outcome.ts';

interface PageCase {
  readonly id: number;
  readonly url: string;
  readonly fetches: readonly FetchSpec[];
}

/** In the page: each case's fetches in order, the cases side by side. */
const RUN_CASES = `async (cases) => Promise.all(cases.map(async (item) => {
  const outcomes = [];
  for (const spec of item.fetches) {
    try {
      const response = await fetch(item.url, { method: spec.method, headers: spec.headers, credentials: spec.credentials, cache: spec.cache, signal: AbortSignal.timeout(15000) });
      await response.arrayBuffer();
      outcomes.push({ ok: true, status: response.status, readable: [...response.headers.keys()].sort(), redirected: response.redirected });
    } catch {
      outcomes.push({ ok: false });
    }
  }
  return [item.id, outcomes];
}))`;

async function runBatch(page: DriverPage, batch: readonly PageCase[]): Promise<Array<[number, FetchOutcome[]]>> {
  return page.evaluate<Array<[number, FetchOutcome[]]>>(`(${RUN_CASES})(${JSON.stringify(batch)})`);
}

export async function runInBrowser(
  driver: BrowserDriver,
  pageUrl: string,
  cases: readonly DifferentialCase[],
  urlOf: (item: DifferentialCase) => string,
  options: { readonly pages: number; readonly batch: number },
): Promise<Map<number, FetchOutcome[]>> {
  const outcomes = new Map<number, FetchOutcome[]>();
  const pages: DriverPage[] = [];
  try {
    for (let index = 0; index < options.pages; index++) pages.push(await driver.open(pageUrl));
    const queue = cases.map((item) => ({ id: item.id, url: urlOf(item), fetches: item.fetches }));
    await Promise.all(
      pages.map(async (page) => {
        for (;;) {
          const batch = queue.splice(0, options.batch);
          if (batch.length === 0) return;
          for (const [id, result] of await runBatch(page, batch)) outcomes.set(id, result.map(canonical));
        }
      }),
    );
  } finally {
    await Promise.all(pages.map((page) => page.close()));
  }
  return outcomes;
}
