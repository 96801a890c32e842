// One fetch-handler gateway, used unchanged by every runtime (Node, workerd, Deno, Bun): runs the
// same requests through createFetchProxy and reports the answers as JSON.
import { createFetchProxy } from '../../../src/proxy/fetch.ts';

export const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

export interface Answer {
  readonly name: string;
  readonly status: number;
  readonly acao: string | null;
  readonly vary: string | null;
  readonly location: string | null;
  readonly setCookie: string | null;
  readonly contentType: string | null;
  readonly body: unknown;
}

/** `upstream`: the test's upstream origin; `closed`: an origin where nothing listens. */
export async function probe(upstream: string, closed: string): Promise<Answer[]> {
  const options = {
    cors: { origin: APP, methods: ['PUT'], allowedHeaders: ['Content-Type'], credentials: true, csrf: true },
    timeout: 5_000,
  };
  const gateway = createFetchProxy({ upstream: `${upstream}/v1`, ...options });
  const down = createFetchProxy({ upstream: closed, ...options });
  const cases: Array<[string, string, RequestInit, typeof gateway?]> = [
    [
      'preflight granted',
      '/items',
      {
        method: 'OPTIONS',
        headers: {
          origin: APP,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      },
    ],
    [
      'preflight refused',
      '/items',
      { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'DELETE' } },
    ],
    ['allowed origin, cookie forwarded', '/items?x=1', { headers: { origin: APP, cookie: 'sid=1' } }],
    ['disallowed origin forwarded without CORS headers', '/items', { headers: { origin: EVIL } }],
    [
      'csrf rejected',
      '/items',
      { method: 'POST', body: 'x', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } },
    ],
    [
      'body streamed upstream',
      '/items/1',
      { method: 'PUT', body: 'new value', headers: { origin: APP, 'content-type': 'text/plain' } },
    ],
    ['redirect passed on with Location rewritten', '/redirect', { headers: { origin: APP } }],
    ['encoded slash refused', '/a%2F..%2Fsecret', { headers: { origin: APP } }],
    ['unreachable upstream', '/items', { headers: { origin: APP } }, down],
  ];
  const answers: Answer[] = [];
  for (const [name, path, init, handler = gateway] of cases) {
    const response = await handler(new Request(`https://gateway.example${path}`, init));
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    answers.push({
      name,
      status: response.status,
      acao: response.headers.get('access-control-allow-origin'),
      vary: response.headers.get('vary'),
      location: response.headers.get('location'),
      setCookie: response.headers.get('set-cookie'),
      contentType: response.headers.get('content-type'),
      body,
    });
  }
  return answers;
}
