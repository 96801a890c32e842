// A small client for classic WebDriver over HTTP (https://www.w3.org/TR/webdriver2/), enough for
// WebKitWebDriver: sessions, windows, frames, navigation, scripts and cookies. A session runs one
// command at a time, so commands are queued; each names the window (and frame) it is for.
export interface WebDriverSession {
  readonly id: string;
  readonly capabilities: Readonly<Record<string, unknown>>;
  /** Runs `command` (whose `send` is the session's, unqueued) with `context` as the current browsing context; commands never interleave. */
  inContext<T>(context: BrowsingContext, command: (send: Send) => Promise<T>): Promise<T>;
  /** One command, queued: `path` is relative to the session. */
  send: Send;
  /** Closes a window (never the session's last one: that ends the session). */
  closeWindow(window: string): Promise<void>;
  delete(): Promise<void>;
}

export interface BrowsingContext {
  readonly window: string;
  /** Index of a child frame of the window's document, when the context is that frame. */
  readonly frame?: number;
}

export type Send = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<T>;

export class WebDriverError extends Error {}

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok)
    throw new WebDriverError(
      `${method} ${path}: ${answer.value?.error ?? response.status} ${answer.value?.message ?? ''}`,
    );
  return answer.value;
}

export async function newSession(
  base: string,
  capabilities: Readonly<Record<string, unknown>>,
): Promise<WebDriverSession> {
  const created = await call<{ sessionId: string; capabilities: Record<string, unknown> }>(base, 'POST', '/session', {
    capabilities: { alwaysMatch: capabilities },
  });
  const prefix = `/session/${created.sessionId}`;
  let queue: Promise<unknown> = Promise.resolve();
  let current: BrowsingContext | undefined;
  const send: Send = (method, path, body) => call(base, method, `${prefix}${path}`, body);
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    id: created.sessionId,
    capabilities: created.capabilities,
    send: (method, path, body) => enqueue(() => send(method, path, body)),
    inContext: (context, command) =>
      enqueue(async () => {
        if (current?.window !== context.window || current.frame !== context.frame) {
          await send('POST', '/window', { handle: context.window });
          if (context.frame !== undefined) await send('POST', '/frame', { id: context.frame });
          current = context;
        }
        return command(send);
      }).catch((error: unknown) => {
        current = undefined;
        throw error;
      }),
    closeWindow: (window) =>
      enqueue(async () => {
        // A command needs a current browsing context: after this one, the next command switches to its own.
        current = undefined;
        await send('POST', '/window', { handle: window });
        await send('DELETE', '/window');
      }),
    delete: () => enqueue(async () => void (await send('DELETE', ''))),
  };
}
