// Real cookies in every engine: a `SameSite=Lax` cookie for api.example.localhost, set by a
// first-party visit or by a credentialed fetch from the same site, travels with credentialed
// requests — and script may read the answer only when the policy says credentials: true for that
// origin (https://fetch.spec.whatwg.org/#cors-check).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import type { EngineName } from '../support/driver.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeRequest } from '../support/probe.ts';
import { describeBrowserSuite, probeSequenceEach, type CaseRun } from '../support/suite.ts';

/** Set for the API host by a top-level visit before the tests. */
const VISIT_COOKIE = { name: 'sid', value: 'visited' } as const;

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
  /** Engines whose cookies arrive otherwise (measured). */
  readonly cookiesIn?: Partial<Record<EngineName, CookieCase['cookies']>>;
  /** Preflights that reached the server (none of them may carry a cookie). */
  readonly preflights: number;
}

const withCredentials = (o: PageOrigins): CorsOptions<any> => ({ origin: [o.A], credentials: true, methods: ['PUT'] });
const getIncluding: CookieStep = { request: { credentials: 'include' }, expect: 'readable' };

const CASES: readonly CookieCase[] = [
  {
    rule: 'a credentialed GET allowed with credentials: true is readable and carries the cookie',
    policy: withCredentials,
    steps: [getIncluding],
    cookies: [{ sid: true }],
    preflights: 0,
  },
  {
    rule: 'a GET without credentials carries no cookie',
    policy: withCredentials,
    steps: [{ request: {}, expect: 'readable' }],
    cookies: [{ sid: false }],
    preflights: 0,
  },
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
    // WebKitGTK 2.50 keeps no cookie set by a fetch to another origin, even of the same site
    // (a.example.localhost → api.example.localhost); it does send the ones a visit set.
    cookiesIn: { webkit: [{ fetched: false, sid: true }] },
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

/** Cookie names a row sets are made unique per run: every API server shares the host's cookie jar. */
const cookieName = (name: string, run: CaseRun<CookieCase>) =>
  name === VISIT_COOKIE.name ? name : `${name}_${run.id}`;

describeBrowserSuite({
  here: { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  title: 'cookies with credentialed requests',
  cases: CASES,
  cookie: VISIT_COOKIE,
  // One page from A runs every row's steps in order, rows side by side.
  run: (session, runs) =>
    probeSequenceEach(session, 'A', runs, (run) =>
      run.case.steps.map((step) => ({
        ...step.request,
        url: run.api.url(
          step.setCookie
            ? `/set-cookie?s=${run.id}&name=${cookieName(step.setCookie, run)}&value=yes`
            : `/data?s=${run.id}`,
        ),
      })),
    ),
  check(run, results, session) {
    const { case: row, api, id } = run;
    const kinds = results.map((result) => (result.kind === 'response' ? 'readable' : 'TypeError'));
    assert.deepEqual(
      kinds,
      row.steps.map((step) => step.expect),
      'what script could read, step by step',
    );
    const preflights = api.log.received(id).filter((request) => request.method === 'OPTIONS');
    assert.equal(preflights.length, row.preflights, 'preflights that reached the server');
    assert.deepEqual(
      preflights.map((request) => request.cookie),
      preflights.map(() => undefined),
      'a preflight never carries cookies',
    );
    const arrived = api.log
      .handled(id)
      .filter((request) => request.path === '/data')
      .map((request, position) => {
        const sent = (request.cookie ?? '').split('; ');
        return Object.fromEntries(
          Object.keys(row.cookies[position] ?? {}).map((name) => [
            name,
            sent.some((cookie) => cookie.startsWith(`${cookieName(name, run)}=`)),
          ]),
        );
      });
    assert.deepEqual(
      arrived,
      row.cookiesIn?.[session.driver.engine] ?? row.cookies,
      'cookies that reached the handler',
    );
  },
});
