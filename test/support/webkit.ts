// WebKit for the browser suites: WebKitGTK's MiniBrowser driven through WebKitWebDriver (classic
// WebDriver over HTTP), on an Xvfb display of its own. Each test process starts its own Xvfb and
// WebKitWebDriver (under a second) and one session (a MiniBrowser, ~2 s): a shared driver refuses
// a second session while one is open ("Maximum number of active sessions").
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { browserUnavailable } from './browser-missing.ts';
import { limitFor } from './time-limits.ts';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB_PATH = process.env.XVFB ?? '/usr/bin/Xvfb';

// Four times 7.5 s, though the start takes under three seconds on a quiet machine.
const START_TIMEOUT_MS = limitFor(7_500);

export function webkitUnavailable(): string | undefined {
  return browserUnavailable(
    'WebKit',
    [WEBKIT_DRIVER_PATH, MINIBROWSER_PATH, XVFB_PATH],
    'scripts/install-browsers.sh or apt-get install -y webkit2gtk-driver xvfb xauth, or set WEBKIT_WEBDRIVER/MINIBROWSER/XVFB',
  );
}

export interface WebKitDriverProcess {
  /** `http://127.0.0.1:PORT`, the WebDriver endpoint. */
  readonly url: string;
  close(): Promise<void>;
}

/** Xvfb on a free display (it writes the number to fd 3 when ready), then WebKitWebDriver on it. */
export async function startWebKitDriver(): Promise<WebKitDriverProcess> {
  const xvfb = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  let driver: ChildProcess | undefined;
  try {
    const display = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Xvfb did not report a display')), START_TIMEOUT_MS);
      xvfb.once('error', reject);
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
      xvfb.stdio[3]!.once('data', (data: Buffer) => {
        clearTimeout(timer);
        resolve(`:${data.toString().trim()}`);
      });
    });
    // The port is free when chosen but another process (a test server beside this one) may take it
    // before the driver binds it: the driver then exits at once, and a new port is tried.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], {
        stdio: 'ignore',
        env: { ...process.env, DISPLAY: display },
      });
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForStatus(url, driver);
      } catch (error) {
        if (!(error instanceof DriverExited) || attempt === DRIVER_ATTEMPTS) throw error;
        continue;
      }
      const running = driver;
      return { url, close: async () => void (await Promise.all([stop(running), stop(xvfb)])) };
    }
  } catch (error) {
    await Promise.all([driver && stop(driver), stop(xvfb)]);
    throw error;
  }
}

const DRIVER_ATTEMPTS = 3;

class DriverExited extends Error {}

async function waitForStatus(url: string, driver: ChildProcess): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (driver.exitCode !== null) throw new DriverExited(`WebKitWebDriver exited with ${driver.exitCode}`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > START_TIMEOUT_MS) throw new Error(`WebKitWebDriver did not answer at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
