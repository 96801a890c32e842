// Generated cookie cases for the cookie differential: one cookie each (SameSite × Secure ×
// Partitioned × Domain), set one way (a visit, or the answer to a fetch from a same-site or a
// cross-site page, with or without credentials, passing or failing its CORS check), then one
// request (page × credentials × simple, preflighted or redirected). Cases are spread over GROUPS
// sites (api.gN.localhost, its page a.gN.localhost) so that no site holds more cookies than an
// engine keeps (about 180); every cross-site page is app.other.localhost.
import { seeded } from '../differential/prng.ts';
import type { CredentialsMode } from '../../../src/simulate/index.ts';
import { setCookieLine, type PageKey, type RequestKind, type SameSiteValue } from './matrix.ts';
import { cookieAnswer, type CookieAnswer } from './routes.ts';

export const GROUPS = 10;

export type Setter =
  | { readonly kind: 'visit' }
  | {
      readonly kind: 'fetch';
      readonly page: PageKey;
      readonly credentials: 'include' | 'same-origin';
      readonly cors: boolean;
    };

export interface GeneratedCase {
  readonly id: number;
  readonly group: number;
  readonly cookie: {
    readonly name: string;
    readonly sameSite: SameSiteValue;
    readonly secure: boolean;
    readonly partitioned: boolean;
    readonly domain?: string;
  };
  readonly setter: Setter;
  readonly request: { readonly page: PageKey; readonly credentials: CredentialsMode; readonly kind: RequestKind };
}

/** The setter's key in /gset URLs: every case of a group with the same key is set by one answer. */
export function setterKey(setter: Setter): string {
  return setter.kind === 'visit' ? 'visit' : `${setter.page}.${setter.credentials}.${setter.cors ? 'cors' : 'refused'}`;
}

export function groupHosts(port: number, group: number) {
  return {
    api: `http://api.g${group}.localhost:${port}`,
    pages: {
      'same-site': `http://a.g${group}.localhost:${port}`,
      'cross-site': `http://app.other.localhost:${port}`,
    } as Record<PageKey, string>,
  };
}

export function generateCookieCases(seed: number, count: number): GeneratedCase[] {
  // A stream of its own (not the CORS differential's for the same seed).
  const random = seeded(seed ^ 0xc00c1e5);
  const pages: readonly PageKey[] = ['same-site', 'cross-site'];
  return Array.from({ length: count }, (_, id) => {
    const group = id % GROUPS;
    const setter: Setter = random.chance(0.3)
      ? { kind: 'visit' }
      : {
          kind: 'fetch',
          page: random.pick(pages),
          credentials: random.chance(0.85) ? 'include' : 'same-origin',
          cors: random.chance(0.85),
        };
    return {
      id,
      group,
      cookie: {
        name: `g${id}`,
        sameSite: random.pick(['Strict', 'Lax', 'None', 'None', 'unset'] as const),
        secure: random.chance(0.6),
        partitioned: random.chance(0.35),
        ...(random.chance(0.2) ? { domain: `g${group}.localhost` } : {}),
      },
      setter,
      request: {
        page: random.pick(pages),
        credentials: random.pick(['omit', 'same-origin', 'include', 'include', 'include'] as const),
        kind: random.pick(['simple', 'preflighted', 'redirected'] as const),
      },
    };
  });
}

/** The API's answers: /gset?g=N&k=KEY sets the cookies of group N set by KEY (no CORS headers when refused); the rest as routes.ts. */
export function generatedAnswer(cases: readonly GeneratedCase[]) {
  return (method: string, url: URL, origin: string | null): CookieAnswer | undefined => {
    if (url.pathname !== '/gset') return cookieAnswer(method, url, origin);
    const group = Number(url.searchParams.get('g'));
    const key = url.searchParams.get('k') ?? '';
    const lines = cases
      .filter((item) => item.group === group && setterKey(item.setter) === key)
      .map((item): [string, string] => ['Set-Cookie', setCookieLine(item.cookie)]);
    const cors: Array<[string, string]> =
      origin && !key.endsWith('refused')
        ? [
            ['Access-Control-Allow-Origin', origin],
            ['Access-Control-Allow-Credentials', 'true'],
          ]
        : [];
    return { status: 200, headers: [...cors, ['Cache-Control', 'no-store'], ...lines] };
  };
}
