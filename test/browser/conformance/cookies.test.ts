// Real cookies in Chromium: a `SameSite=None; Secure` cookie for api.example.localhost (a secure
// context over http, being *.localhost), set by a first-party visit or by a credentialed fetch,
// travels with credentialed requests — and script may read the answer only when the policy says
// credentials: true for that origin (Fetch §4.9).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import { chromiumUnavailable } from '../../support/chromium.ts';
import { ADAPTER_NAMES, startApi, type AdapterName, type ApiServer } from '../support/api-server.ts';
import { openSession, type BrowserSession } from '../support/browser-session.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeRequest, ProbeResult } from '../support/probe.ts';

/** Set for the API host by a top-level visit before the tests (cookies belong to hosts, not ports). */
const VISIT_COOKIE = 'sid=visited';

interface CookieStep {
  readonly request: Omit<ProbeRequest, 'url'>;
  /** Fetch /set-cookie, setting a cookie with this name (made unique per row), instead of /data. */
  readonly setCookie?: string;
  readonly expect: 'readable' | 'TypeError';
}

interface CookieCase {
  readonly rule: string;
  readonly policy: (o: PageOrigins) => CorsOptions<any>;
  readonly steps: readonly CookieStep[];
  /** For each /data request that reached the handler, in order: cookie name → whether it arrived. */
  readonly cookies: ReadonlyArray<Readonly<Record<string, boolean>>>;
  /** Preflights that reached the server (none of them may carry a cookie). */
  readonly preflights: number;
}

const withCredentials = (o: PageOrigins): CorsOptions<any> => ({ origin: [o.A], credentials: true, methods: ['PUT'] });
const getIncluding: CookieStep = { request: { credentials: 'include' }, expect: 'readable' };

const CASES: readonly CookieCase[] = [
  { rule: 'a credentialed GET allowed with credentials: true is readable and carries the cookie', policy: withCredentials, steps: [getIncluding], cookies: [{ sid: true }], preflights: 0 },
  { rule: 'a GET without credentials carries no cookie', policy: withCredentials, steps: [{ request: {}, expect: 'readable' }], cookies: [{ sid: false }], preflights: 0 },
  {
    rule: 'a credentialed PUT: the preflight carries no cookie, the PUT does',
    policy: withCredentials,
    steps: [{ request: { method: 'PUT', body: 'x', credentials: 'include' }, expect: 'readable' }],
    cookies: [{ sid: true }],
    preflights: 1,
  },
  {
    rule: "a credentialed GET to a '*' policy is blocked, though the cookie was sent and the handler ran",
    policy: () => ({ origin: '*' }),
    steps: [{ request: { credentials: 'include' }, expect: 'TypeError' }],
    cookies: [{ sid: true }],
    preflights: 0,
  },
  {
    rule: 'a credentialed GET to a listed origin without credentials: true is blocked, though the cookie was sent',
    policy: (o) => ({ origin: [o.A] }),
    steps: [{ request: { credentials: 'include' }, expect: 'TypeError' }],
    cookies: [{ sid: true }],
    preflights: 0,
  },
  {
    rule: 'a cookie set by an allowed credentialed fetch is stored and sent back',
    policy: withCredentials,
    steps: [{ request: { credentials: 'include' }, setCookie: 'fetched', expect: 'readable' }, getIncluding],
    cookies: [{ fetched: true, sid: true }],
    preflights: 0,
  },
  {
    rule: 'a cookie set in the answer to a fetch without credentials is ignored',
    policy: withCredentials,
    steps: [{ request: {}, setCookie: 'ignored', expect: 'readable' }, getIncluding],
    cookies: [{ ignored: false, sid: true }],
    preflights: 0,
  },
];

const unavailable = chromiumUnavailable();

describe('cookies with credentialed requests', { skip: unavailable }, () => {
  let session: BrowserSession;
  const servers = new Map<string, ApiServer>();
  const results = new Map<string, ProbeResult[]>();
  const id = (adapter: AdapterName, index: number) => `cookie-${adapter}-${index}`;
  /** Cookie names a row sets are made unique per row: every API server shares the host's cookie jar. */
  const cookieName = (name: string, key: string) => (name === 'sid' ? name : `${name}_${key}`);

  before(async () => {
    session = await openSession();
    await Promise.all(
      ADAPTER_NAMES.flatMap((adapter) =>
        CASES.map(async (row, index) => servers.set(id(adapter, index), await startApi(adapter, row.policy(session.origins)))),
      ),
    );
    const [name, value] = VISIT_COOKIE.split('=');
    await session.visit(servers.values().next().value!.url(`/set-cookie?name=${name}&value=${value}`));
    // One page from A runs every row's steps in order, rows side by side.
    const keys = [...servers.keys()];
    const sequences = keys.map((key) => {
      const api = servers.get(key)!;
      return CASES[Number(key.split('-').pop())]!.steps.map((step) => ({
        ...step.request,
        url: api.url(step.setCookie ? `/set-cookie?s=${key}&name=${cookieName(step.setCookie, key)}&value=yes` : `/data?s=${key}`),
      }));
    });
    const outcomes = await session.probeSequencesFrom('A', sequences);
    keys.forEach((key, index) => results.set(key, outcomes[index]!));
  });

  after(async () => {
    await session?.close();
    await Promise.all([...servers.values()].map((server) => server.close()));
  });

  for (const adapter of ADAPTER_NAMES) {
    describe(`adapter: ${adapter}`, () => {
      CASES.forEach((row, index) => {
        it(row.rule, () => {
          const key = id(adapter, index);
          const log = servers.get(key)!.log;
          const kinds = results.get(key)!.map((result) => (result.kind === 'response' ? 'readable' : 'TypeError'));
          assert.deepEqual(kinds, row.steps.map((step) => step.expect), 'what script could read, step by step');
          const preflights = log.received(key).filter((request) => request.method === 'OPTIONS');
          assert.equal(preflights.length, row.preflights, 'preflights that reached the server');
          assert.deepEqual(preflights.map((request) => request.cookie), preflights.map(() => undefined), 'a preflight never carries cookies');
          const arrived = log
            .handled(key)
            .filter((request) => request.path === '/data')
            .map((request, position) => {
              const sent = (request.cookie ?? '').split('; ');
              return Object.fromEntries(
                Object.keys(row.cookies[position] ?? {}).map((name) => [name, sent.some((cookie) => cookie.startsWith(`${cookieName(name, key)}=`))]),
              );
            });
          assert.deepEqual(arrived, row.cookies, 'cookies that reached the handler');
        });
      });
    });
  }
});
