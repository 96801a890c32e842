// The cookie matrix of the cross-site cookie suite: every cookie a test sets (SameSite × Secure ×
// Partitioned × how it was set, and a few with a Domain attribute) and every request that then goes to the API (the page's site ×
// credentials mode × simple, preflighted or redirected). The browser run (measure.ts) and the
// simulator's predictions (predict.ts) both read these tables.
import type { CredentialsMode as Credentials } from '../../../src/simulate/index.ts';

export type SameSiteValue = 'Strict' | 'Lax' | 'None' | 'unset';

/**
 * How the cookie came to the browser: a top-level visit to the API ('visit'); the answer to a
 * credentialed fetch from a same-site page ('same-site') or a cross-site page ('cross-site'); the
 * same from a cross-site page when the answer fails its CORS check ('cross-site-refused'); or a
 * cross-site fetch with credentials 'same-origin' ('cross-site-no-credentials').
 */
export type SetBy = 'visit' | 'same-site' | 'cross-site' | 'cross-site-refused' | 'cross-site-no-credentials';

export interface CookieSpec {
  readonly name: string;
  readonly sameSite: SameSiteValue;
  readonly secure: boolean;
  readonly partitioned: boolean;
  readonly setBy: SetBy;
  /** The Domain attribute: the API's registrable domain, so the cookie covers every host of the site. */
  readonly domain?: string;
}

export const SET_BY: readonly SetBy[] = [
  'visit',
  'same-site',
  'cross-site',
  'cross-site-refused',
  'cross-site-no-credentials',
];
const SHORT: Record<SetBy, string> = {
  visit: 'v',
  'same-site': 'ss',
  'cross-site': 'xs',
  'cross-site-refused': 'xr',
  'cross-site-no-credentials': 'xo',
};

/** The API's registrable domain (server.ts: api.example.localhost). */
export const API_DOMAIN = 'example.localhost';

const MATRIX: readonly CookieSpec[] = SET_BY.flatMap((setBy) =>
  (['Strict', 'Lax', 'None', 'unset'] as const).flatMap((sameSite) =>
    [false, true].flatMap((secure) =>
      [false, true].map((partitioned) => ({
        name: `${SHORT[setBy]}_${sameSite.toLowerCase()}_${secure ? 's' : 'n'}_${partitioned ? 'p' : 'n'}`,
        sameSite,
        secure,
        partitioned,
        setBy,
      })),
    ),
  ),
);

/** A few cookies with Domain=example.localhost: set by a page of the site on another host, WebKit keeps them. */
const DOMAIN_COOKIES: readonly CookieSpec[] = (['visit', 'same-site', 'cross-site'] as const).flatMap((setBy) =>
  (['Lax', 'None'] as const).map((sameSite) => ({
    name: `${SHORT[setBy]}_${sameSite.toLowerCase()}_n_n_d`,
    sameSite,
    secure: false,
    partitioned: false,
    setBy,
    domain: API_DOMAIN,
  })),
);

export const COOKIES: readonly CookieSpec[] = [...MATRIX, ...DOMAIN_COOKIES];

/** The Set-Cookie line the server sends for a cookie. */
export function setCookieLine(cookie: Omit<CookieSpec, 'setBy'>): string {
  return [
    `${cookie.name}=1`,
    'Path=/',
    ...(cookie.domain ? [`Domain=${cookie.domain}`] : []),
    ...(cookie.sameSite === 'unset' ? [] : [`SameSite=${cookie.sameSite}`]),
    ...(cookie.secure ? ['Secure'] : []),
    ...(cookie.partitioned ? ['Partitioned'] : []),
  ].join('; ');
}

export type PageKey = 'same-site' | 'cross-site';
export type RequestKind = 'simple' | 'preflighted' | 'redirected';

export interface RequestSpec {
  readonly id: string;
  readonly page: PageKey;
  readonly credentials: Credentials;
  readonly kind: RequestKind;
}

export const REQUESTS: readonly RequestSpec[] = (['same-site', 'cross-site'] as const).flatMap((page) =>
  (['omit', 'same-origin', 'include'] as const).flatMap((credentials) =>
    (['simple', 'preflighted', 'redirected'] as const).map((kind) => ({
      id: `${page}.${credentials}.${kind}`,
      page,
      credentials,
      kind,
    })),
  ),
);

/** The custom header that makes a request preflighted. */
export const PREFLIGHT_HEADER = 'x-cookie-test';

/** The fetches that set the cookies not set by a visit: from which page, with which credentials mode. */
export const SETTERS: ReadonlyArray<{
  readonly by: Exclude<SetBy, 'visit'>;
  readonly page: PageKey;
  readonly credentials: Credentials;
}> = [
  { by: 'same-site', page: 'same-site', credentials: 'include' },
  { by: 'cross-site', page: 'cross-site', credentials: 'include' },
  { by: 'cross-site-refused', page: 'cross-site', credentials: 'include' },
  { by: 'cross-site-no-credentials', page: 'cross-site', credentials: 'same-origin' },
];

/** The request a RequestSpec makes, from its page, to the API at `api`. */
export function requestOf(
  api: string,
  spec: RequestSpec,
): { url: string; method: string; headers: Record<string, string>; body?: string; credentials: Credentials } {
  const url = `${api}${spec.kind === 'redirected' ? '/hop' : '/echo'}?r=${encodeURIComponent(spec.id)}`;
  if (spec.kind === 'preflighted')
    return { url, method: 'PUT', headers: { [PREFLIGHT_HEADER]: '1' }, body: 'x', credentials: spec.credentials };
  return { url, method: 'GET', headers: {}, credentials: spec.credentials };
}
