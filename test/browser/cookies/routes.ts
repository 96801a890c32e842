// The answers of the cross-site cookie suite's API, as a pure function: the real server
// (server.ts) and the simulator's transport (predict.ts) answer alike.
import { COOKIES, PREFLIGHT_HEADER, setCookieLine } from './matrix.ts';

export interface CookieAnswer {
  readonly status: number;
  /** Header lines in order; Set-Cookie repeats. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

/**
 * /set?by=B sets every cookie of the matrix set by B (without CORS headers for
 * 'cross-site-refused'); /echo answers, its preflight allows PUT with the suite's header; /hop
 * answers 302 to /echo. Every answer allows the request's origin with credentials.
 */
export function cookieAnswer(method: string, url: URL, origin: string | null): CookieAnswer | undefined {
  const cors: Array<[string, string]> = origin
    ? [
        ['Access-Control-Allow-Origin', origin],
        ['Access-Control-Allow-Credentials', 'true'],
      ]
    : [];
  const noStore: [string, string] = ['Cache-Control', 'no-store'];
  switch (url.pathname) {
    case '/set': {
      const by = url.searchParams.get('by');
      const lines = COOKIES.filter((cookie) => cookie.setBy === by).map((cookie): [string, string] => [
        'Set-Cookie',
        setCookieLine(cookie),
      ]);
      return { status: 200, headers: [...(by === 'cross-site-refused' ? [] : cors), noStore, ...lines] };
    }
    case '/echo':
      if (method === 'OPTIONS')
        return {
          status: 204,
          headers: [
            ...cors,
            noStore,
            ['Access-Control-Allow-Methods', 'PUT'],
            ['Access-Control-Allow-Headers', PREFLIGHT_HEADER],
          ],
        };
      return { status: 200, headers: [...cors, noStore] };
    case '/hop':
      return {
        status: 302,
        headers: [...cors, noStore, ['Location', `/echo?r=${encodeURIComponent(url.searchParams.get('r') ?? '')}`]],
      };
    default:
      return undefined;
  }
}

/** Where on the way an exchange to this URL is: 'preflight', the redirecting 'hop', or the final 'echo'. */
export function stageOf(method: string, url: URL): 'preflight' | 'hop' | 'echo' {
  if (method === 'OPTIONS') return 'preflight';
  return url.pathname === '/hop' ? 'hop' : 'echo';
}
