// Shared Chromium launcher for every browser suite: Debian's /usr/bin/chromium (or $CHROMIUM)
// driven by playwright-core. Outside CI a missing browser skips the suite with one loud line;
// with CI=true it is a failure.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const message = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM)`;
  if (process.env.CI === 'true') throw new Error(`${message}; browser suites are required in CI.`);
  console.warn(`\n!!!!! BROWSER SUITE SKIPPED: ${message} !!!!!\n`);
  return message;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}
