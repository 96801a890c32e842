// Firefox for the browser suites: Debian's firefox-esr (or $FIREFOX) driven by puppeteer-core over
// WebDriver BiDi. Firefox serves one BiDi session at a time, so the test scripts launch one Firefox
// for the whole run (startSharedFirefox) and the test processes take turns on it: each connects
// (retrying while another holds the session), works in a browser context of its own, and
// disconnects. A test file run on its own launches a Firefox of its own.
import { rmSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { browserUnavailable, firstMissing } from './browser-missing.ts';

export const FIREFOX_PATH = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/** Set by the test scripts: the shared Firefox's WebDriver BiDi endpoint. */
export const SHARED_FIREFOX_ENV = 'CORSGUARD_FIREFOX_WS';

/** How long a test process waits for its turn on the shared Firefox. */
const TURN_TIMEOUT_MS = 10 * 60_000;

export function firefoxUnavailable(): string | undefined {
  return browserUnavailable('Firefox', [FIREFOX_PATH], 'scripts/install-browsers.sh or apt-get install -y firefox-esr, or set FIREFOX');
}

/** A Firefox to drive, and how to let go of it (disconnect from the shared one, or close one's own). */
export interface FirefoxLease {
  readonly browser: Browser;
  release(): Promise<void>;
}

export async function acquireFirefox(): Promise<FirefoxLease> {
  const endpoint = process.env[SHARED_FIREFOX_ENV];
  if (!endpoint) {
    const browser = await launch();
    return { browser, release: () => browser.close() };
  }
  const started = Date.now();
  for (;;) {
    try {
      const browser = await puppeteer.connect({ browserWSEndpoint: endpoint, protocol: 'webDriverBiDi' });
      return { browser, release: () => browser.disconnect() };
    } catch (error) {
      // "session not created: Maximum number of active sessions": another test process has its turn.
      if (!/Maximum number of active sessions/.test(String(error)) || Date.now() - started > TURN_TIMEOUT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

function launch(): Promise<Browser> {
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, protocolTimeout: 300_000 });
}

/** Starts the one Firefox a test run shares (with no client connected), or undefined when there is none. */
export async function startSharedFirefox(): Promise<{ readonly endpoint: string; close(): Promise<void> } | undefined> {
  if (firstMissing([FIREFOX_PATH]) !== undefined) return undefined;
  const browser = await launch();
  const endpoint = browser.wsEndpoint();
  const process = browser.process();
  const profile = profileOf(process?.spawnargs ?? []);
  await browser.disconnect();
  return {
    endpoint,
    async close() {
      if (process && process.exitCode === null) {
        const exited = new Promise((resolve) => process.once('exit', resolve));
        process.kill('SIGTERM');
        await exited;
      }
      if (profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The temporary profile puppeteer made (`-profile DIR` or `--profile DIR`). */
function profileOf(args: readonly string[]): string | undefined {
  const index = args.findIndex((arg) => arg === '-profile' || arg === '--profile');
  return index === -1 ? undefined : args[index + 1];
}
