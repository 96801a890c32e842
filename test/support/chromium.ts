// Shared Chromium launcher for every browser suite: Debian's /usr/bin/chromium (or $CHROMIUM)
// driven by playwright-core. Outside CI a missing browser skips the suite with one loud line;
// with CI=true it is a failure. The test scripts start one Chromium for the whole run
// (startSharedChromium) and pass its endpoint to the test processes, which connect to it, each
// with its own browser context; a test file run on its own launches a browser of its own.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { browserUnavailable } from './browser-missing.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why browser tests cannot run here, or undefined when they can. Throws under CI=true when the
 * browser is missing, so a CI run never passes without the browser suites.
 */
export function chromiumUnavailable(): string | undefined {
  return browserUnavailable(
    'Chromium',
    [CHROMIUM_PATH],
    'scripts/install-browsers.sh or apt-get install -y chromium, or set CHROMIUM',
  );
}

/** Set by the test scripts: the shared browser's Playwright endpoint. */
export const SHARED_CHROMIUM_ENV = 'CORSGUARD_CHROMIUM_WS';

/** The run's shared browser when the test scripts started one, else a browser of this process's own. */
export async function launchChromium(): Promise<Browser> {
  const endpoint = process.env[SHARED_CHROMIUM_ENV];
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** Starts the one Chromium a test run shares, or returns undefined when there is none to start. */
export async function startSharedChromium(): Promise<
  { readonly endpoint: string; close(): Promise<void> } | undefined
> {
  if (!existsSync(CHROMIUM_PATH)) return undefined;
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  return { endpoint: server.wsEndpoint(), close: () => server.close() };
}
