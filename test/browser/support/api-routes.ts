// The application behind every API server, whatever the framework: a framework-neutral route
// function each adapter's server calls from its own handler, after corsguard.
import type { RequestLog } from './request-log.ts';
import { PROBE_SCRIPT } from './probe.ts';

export interface RouteInput {
  readonly method: string;
  /** Path and query as received. */
  readonly target: string;
  header(lowerCaseName: string): string | undefined;
}

export interface RouteOutput {
  readonly status: number;
  /** Header lines in order; a name may repeat (Set-Cookie). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
}

let serial = 0;

/**
 * What reached the server is read in-process from the RequestLog (it also sees the preflights and
 * CSRF rejections corsguard answers before the handler), so no route reports counts.
 * Routes (`X-Secret: s3` marks a header only an allowed origin, with it exposed, may read):
 * - `/data?s=ID[&status=N]` any method: JSON, `X-Secret`, `X-Request-Id`, `Cache-Control: no-store`.
 * - `/cacheable?s=ID`: `Cache-Control: max-age=60`; the body (JSON text) names the Origin it answered.
 *   Served as text/css, a type Opaque Response Blocking lets a no-cors load read in full (and so
 *   cache); JSON would be blocked and never cached.
 * - `/set-cookie?name=N&value=V`: sets `N=V; Path=/; SameSite=Lax`. Not `SameSite=None; Secure`:
 *   WebKitGTK 2.50 refuses Secure cookies over http://*.localhost, although it treats those pages
 *   as secure contexts. Every page that sends cookies in the suites is same-site with the API.
 * - `/redirect?s=ID&to=URL[&status=N]`: a redirect (302 unless N is another 3xx) to URL (absolute or path).
 * - `/page`: an HTML page with the probe script, for same-origin requests.
 * - `/probe.js`: the probe script.
 */
export function routeApi(input: RouteInput, log: RequestLog): RouteOutput {
  const url = new URL(input.target, 'http://api.invalid');
  const cookie = input.header('cookie');
  const origin = input.header('origin');
  switch (url.pathname) {
    case '/probe.js':
      return { status: 200, headers: [['Content-Type', 'text/javascript']], body: PROBE_SCRIPT };
    case '/page':
      return {
        status: 200,
        headers: [['Content-Type', 'text/html']],
        body: '<!doctype html><title>api page</title><script src="/probe.js"></script>',
      };
  }
  log.handle(input.method, input.target, cookie);
  const id = String(++serial);
  switch (url.pathname) {
    case '/data': {
      const status = Number(url.searchParams.get('status') ?? '200');
      const body = { route: 'data', method: input.method, origin: origin ?? null, cookie: cookie ?? null, serial: id };
      return json(status, body, [
        ['X-Secret', 's3'],
        ['X-Request-Id', id],
        ['Cache-Control', 'no-store'],
      ]);
    }
    case '/cacheable': {
      const body = { route: 'cacheable', method: input.method, origin: origin ?? null, serial: id };
      return {
        status: 200,
        headers: [
          ['Content-Type', 'text/css'],
          ['X-Request-Id', id],
          ['Cache-Control', 'max-age=60'],
        ],
        body: JSON.stringify(body),
      };
    }
    case '/set-cookie': {
      const name = url.searchParams.get('name') ?? 'sid';
      const value = url.searchParams.get('value') ?? '1';
      return {
        status: 200,
        headers: [
          ['Content-Type', 'text/plain'],
          ['Cache-Control', 'no-store'],
          ['Set-Cookie', `${name}=${value}; Path=/; SameSite=Lax`],
        ],
        body: 'cookie set',
      };
    }
    case '/redirect':
      return {
        status: Number(url.searchParams.get('status') ?? '302'),
        headers: [
          ['Location', url.searchParams.get('to') ?? '/data'],
          ['Cache-Control', 'no-store'],
        ],
        body: '',
      };
    default:
      return { status: 404, headers: [['Content-Type', 'text/plain']], body: 'not found' };
  }
}

function json(status: number, body: unknown, extra: ReadonlyArray<readonly [string, string]>): RouteOutput {
  return { status, headers: [['Content-Type', 'application/json'], ...extra], body: JSON.stringify(body) };
}
