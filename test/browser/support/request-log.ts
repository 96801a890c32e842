// What reached an API server, per scenario id (the `s` query parameter): every request as it
// arrived on the socket (before any framework or corsguard saw it), and every request that reached
// the route handler. Preflights and CSRF rejections are answered by corsguard and so are received
// but never handled.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly origin: string | undefined;
  readonly requestMethod: string | undefined;
  readonly requestHeaders: string | undefined;
  readonly secFetchSite: string | undefined;
  readonly cookie: string | undefined;
}

export interface HandledRequest {
  readonly method: string;
  readonly path: string;
  readonly cookie: string | undefined;
}

export class RequestLog {
  readonly #received = new Map<string, ReceivedRequest[]>();
  readonly #handled = new Map<string, HandledRequest[]>();
  readonly #answered = new Map<string, number[]>();

  /** Called first thing in the server's request listener; with `response`, its status is filed once sent. */
  observe(request: IncomingMessage, response?: ServerResponse): void {
    const { path, scenario } = splitTarget(request.url ?? '/');
    response?.once('finish', () => push(this.#answered, scenario, response.statusCode));
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    push(this.#received, scenario, {
      method: request.method ?? '',
      path,
      origin: header('origin'),
      requestMethod: header('access-control-request-method'),
      requestHeaders: header('access-control-request-headers'),
      secFetchSite: header('sec-fetch-site'),
      cookie: header('cookie'),
    });
  }

  /** Called by the route handler. */
  handle(method: string, target: string, cookie: string | undefined): void {
    const { path, scenario } = splitTarget(target);
    push(this.#handled, scenario, { method, path, cookie });
  }

  received(scenario: string): readonly ReceivedRequest[] {
    return this.#received.get(scenario) ?? [];
  }

  /** The statuses the server sent, in the order the answers finished. */
  answered(scenario: string): readonly number[] {
    return this.#answered.get(scenario) ?? [];
  }

  handled(scenario: string): readonly HandledRequest[] {
    return this.#handled.get(scenario) ?? [];
  }
}

function splitTarget(target: string): { path: string; scenario: string } {
  const url = new URL(target, 'http://api.invalid');
  return { path: url.pathname, scenario: url.searchParams.get('s') ?? '' };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
