// Firefox for the browser suites: Debian's firefox-esr (or $FIREFOX) driven by puppeteer-core over
// WebDriver BiDi. Firefox serves one BiDi session at a time, so the test scripts launch one Firefox
// for the whole run (startSharedFirefox) and the test processes take turns on it: each takes a
// lock (a directory made atomically, with the holder's pid in it), connects, works in a browser
// context of its own, disconnects and lets go of the lock. A test file run on its own launches a
// Firefox of its own.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { browserUnavailable, firstMissing } from './browser-missing.ts';

export const FIREFOX_PATH = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/** Set by the test scripts: the shared Firefox's WebDriver BiDi endpoint, a space, and the turn lock's directory. */
export const SHARED_FIREFOX_ENV = 'CORSGUARD_FIREFOX_WS';

/** How long a test process waits for its turn on the shared Firefox. */
const TURN_TIMEOUT_MS = 10 * 60_000;

export function firefoxUnavailable(): string | undefined {
  return browserUnavailable(
    'Firefox',
    [FIREFOX_PATH],
    'scripts/install-browsers.sh or apt-get install -y firefox-esr, or set FIREFOX',
  );
}

/** A Firefox to drive, and how to let go of it (disconnect from the shared one, or close one's own). */
export interface FirefoxLease {
  readonly browser: Browser;
  release(): Promise<void>;
}

export async function acquireFirefox(): Promise<FirefoxLease> {
  const shared = process.env[SHARED_FIREFOX_ENV];
  if (!shared) {
    const browser = await launch();
    return { browser, release: () => browser.close() };
  }
  const [endpoint = '', lockDir = ''] = shared.split(' ');
  const unlock = await lock(join(lockDir, 'turn'));
  try {
    const browser = await connect(endpoint);
    return {
      browser,
      async release() {
        await browser.disconnect().catch(() => {});
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Connects; the previous holder's session may take a moment to end after it disconnected. */
async function connect(endpoint: string): Promise<Browser> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await puppeteer.connect({
        browserWSEndpoint: endpoint,
        protocol: 'webDriverBiDi',
        protocolTimeout: 300_000,
      });
    } catch (error) {
      if (!/Maximum number of active sessions/.test(String(error)) || attempt === 50) throw error;
      await sleep(100);
    }
  }
}

/** Takes the turn lock (waiting for it; a lock whose holder died is taken over); returns the unlock. */
async function lock(path: string): Promise<() => void> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!holderAlive(path)) rmSync(path, { recursive: true, force: true });
    else if (Date.now() - started > TURN_TIMEOUT_MS)
      throw new Error(`waited ${TURN_TIMEOUT_MS / 1000} s for the shared Firefox`);
    else await sleep(100);
  }
}

function holderAlive(path: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(path, 'pid'), 'utf8'));
  } catch {
    return true; // Just made, pid not written yet.
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function launch(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocolTimeout: 300_000,
  });
}

/** Starts the one Firefox a test run shares (with no client connected), or undefined when there is none. */
export async function startSharedFirefox(): Promise<{ readonly endpoint: string; close(): Promise<void> } | undefined> {
  if (firstMissing([FIREFOX_PATH]) !== undefined) return undefined;
  const browser = await launch();
  const process = browser.process();
  const profile = profileOf(process?.spawnargs ?? []);
  const lockDir = mkdtempSync(join(tmpdir(), 'corsguard-firefox-'));
  const endpoint = `${browser.wsEndpoint()} ${lockDir}`;
  await browser.disconnect();
  return {
    endpoint,
    async close() {
      rmSync(lockDir, { recursive: true, force: true });
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
