// Runs the cookie matrix in one engine: sets every cookie the way its row says (a visit, then the
// SETTERS' fetches), then sends every request of REQUESTS, one after another, and returns which
// cookies reached the server on each exchange.
import type { BrowserDriver, DriverPage } from '../support/driver.ts';
import { REQUESTS, SETTERS, requestOf, type PageKey } from './matrix.ts';
import type { Arrival, CookieServer } from './server.ts';

export interface Measured {
  /** Per request id, what reached the server. */
  readonly arrivals: ReadonlyMap<string, readonly Arrival[]>;
  /** Per setter, whether its fetch resolved. */
  readonly setFetches: Readonly<Record<string, boolean>>;
}

export async function measureCookies(driver: BrowserDriver, server: CookieServer): Promise<Measured> {
  const setFetches: Record<string, boolean> = {};
  await driver.visit(`${server.api}/set?by=visit`);
  const fromPage = async <T>(page: PageKey, work: (opened: DriverPage) => Promise<T>) => {
    const opened = await driver.open(`${server.pages[page]}/page`);
    try {
      return await work(opened);
    } finally {
      await opened.close();
    }
  };
  for (const setter of SETTERS) {
    const [sequence] = await fromPage(setter.page, (opened) =>
      opened.fetch([[{ url: `${server.api}/set?by=${setter.by}`, credentials: setter.credentials }]]),
    );
    setFetches[setter.by] = sequence?.[0]?.kind === 'response';
  }
  for (const page of ['same-site', 'cross-site'] as const) {
    // One sequence: no request may race another's cookie writes.
    await fromPage(page, (opened) =>
      opened.fetch([REQUESTS.filter((spec) => spec.page === page).map((spec) => requestOf(server.api, spec))]),
    );
  }
  return { arrivals: server.arrivals, setFetches };
}
