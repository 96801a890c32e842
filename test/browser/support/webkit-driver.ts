// BrowserDriver for WebKitGTK: a WebDriver session (a MiniBrowser) on a WebKitWebDriver of this
// process's own (test/support/webkit.ts). Each page is a window of the session; the first
// window stays open on about:blank, since closing a session's last window ends the session.
import { MINIBROWSER_PATH, startWebKitDriver } from '../../support/webkit.ts';
import type { BrowserDriver } from './driver.ts';
import { PROBE_READY, probePage } from './probe-page.ts';
import { newSession, type BrowsingContext, type Send } from './webdriver-client.ts';

const SCRIPT_TIMEOUT_MS = 180_000;
const READY_TIMEOUT_MS = 30_000;

export async function openWebKitDriver(): Promise<BrowserDriver> {
  const driver = await startWebKitDriver();
  try {
    const session = await newSession(driver.url, {
      'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
    });
    await session.send('POST', '/timeouts', { script: SCRIPT_TIMEOUT_MS, pageLoad: 60_000 });
    const home = await session.send<string>('GET', '/window');
    const newWindow = () =>
      session
        .inContext({ window: home }, (send) => send<{ handle: string }>('POST', '/window/new', { type: 'tab' }))
        .then(({ handle }) => handle);
    const closeWindow = (window: string) => session.closeWindow(window);
    // Runs `expression` as the body of an async script: its value goes to WebDriver's callback.
    const evaluate = <T>(context: BrowsingContext, expression: string) =>
      session
        .inContext(context, (send) =>
          send<T>('POST', '/execute/async', {
            script: `const done = arguments[arguments.length - 1]; Promise.resolve().then(() => (${expression})).then((value) => done({ value: value === undefined ? null : value }), (error) => done({ error: String(error) }));`,
            args: [],
          }),
        )
        .then((answer) => {
          const { value, error } = answer as { value?: T; error?: string };
          if (error !== undefined) throw new Error(`in WebKit: ${error}`);
          return value as T;
        });
    const navigate = async (url: string): Promise<string> => {
      const window = await newWindow();
      await session.inContext({ window }, (send) => send('POST', '/url', { url }));
      return window;
    };
    const version = String(session.capabilities.browserVersion ?? 'unknown');
    return {
      engine: 'webkit',
      version,
      async open(url, options) {
        const window = await navigate(url);
        const context: BrowsingContext = options?.childFrame ? { window, frame: 0 } : { window };
        await waitUntil(() => evaluate<boolean>(context, PROBE_READY));
        return probePage(
          (expression) => evaluate(context, expression),
          () => closeWindow(window),
        );
      },
      async visit(url) {
        await closeWindow(await navigate(url));
      },
      async cookies(url) {
        const window = await navigate(url);
        try {
          const cookies = await session.inContext({ window }, (send: Send) =>
            send<Array<{ name: string; value: string }>>('GET', '/cookie'),
          );
          return cookies.map(({ name, value }) => ({ name, value }));
        } finally {
          await closeWindow(window);
        }
      },
      async close() {
        await session.delete().catch(() => {});
        await driver.close();
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > READY_TIMEOUT_MS) throw new Error('the page did not load the probe script');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
