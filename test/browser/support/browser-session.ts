// A browser session for one test file: the page servers (pages.ts) and a driver for one engine,
// with helpers to send requests from a page of each origin. Nothing here knows the engine.
import { ENGINES, type BrowserDriver, type DriverPage, type EngineName } from './driver.ts';
import { startPages, type PageOrigins, type PageServers } from './pages.ts';
import type { ProbeRequest, ProbeResult } from './probe.ts';

/** The page origins of pages.ts, plus N: the sandboxed iframe inside A, whose origin is opaque. */
export type OriginKey = keyof PageOrigins | 'N';
export const ORIGIN_KEYS: readonly OriginKey[] = ['A', 'A2', 'B', 'X', 'N'];

export interface BrowserSession {
  readonly driver: BrowserDriver;
  readonly origins: PageOrigins;
  /** The origin as the browser serialises it in `Origin` (`null` for N). */
  serialize(from: OriginKey): string;
  /** A new page of that origin (for N, the sandboxed frame inside a page of A). */
  open(from: OriginKey): Promise<DriverPage>;
  /** Runs independent `requests` from a fresh page of that origin. */
  probeFrom(from: OriginKey, requests: readonly ProbeRequest[]): Promise<ProbeResult[]>;
  /** Runs sequences of requests from a fresh page of that origin: each in order, sequences side by side. */
  probeSequencesFrom(from: OriginKey, sequences: ReadonlyArray<readonly ProbeRequest[]>): Promise<ProbeResult[][]>;
  close(): Promise<void>;
}

export async function openSession(engine: EngineName): Promise<BrowserSession> {
  let pages: PageServers | undefined;
  let driver: BrowserDriver | undefined;
  try {
    pages = await startPages();
    driver = await ENGINES[engine].open();
    return session(pages, driver);
  } catch (error) {
    await driver?.close();
    await pages?.close();
    throw error;
  }
}

function session(pages: PageServers, driver: BrowserDriver): BrowserSession {
  const { origins } = pages;
  const open = (from: OriginKey) =>
    from === 'N' ? driver.open(`${origins.A}/sandbox`, { childFrame: true }) : driver.open(`${origins[from]}/`);
  const probeSequencesFrom = async (from: OriginKey, sequences: ReadonlyArray<readonly ProbeRequest[]>) => {
    const page = await open(from);
    try {
      return await page.fetch(sequences);
    } finally {
      await page.close();
    }
  };
  return {
    driver,
    origins,
    serialize: (from) => (from === 'N' ? 'null' : origins[from]),
    open,
    probeSequencesFrom,
    async probeFrom(from, requests) {
      return (
        await probeSequencesFrom(
          from,
          requests.map((request) => [request]),
        )
      ).map((outcomes) => outcomes[0]!);
    },
    async close() {
      await driver.close();
      await pages.close();
    },
  };
}
