// Redirects through corsguard in every engine (https://fetch.spec.whatwg.org/#http-redirect-fetch):
// each redirect status to the same origin and to another one, methods that keep or change, and
// preflights at the target. Where engines differ the row says so (measured, and recorded in the
// simulator's models, src/simulate/engines/model.ts): WebKit turns a DELETE redirected to another origin
// by 301/302/307/308 into GET; Firefox and WebKit preflight a target the request no longer needs
// a preflight for (after a 303 turned DELETE into GET); Firefox sends the page's origin on a
// tainted hop's preflight. Judged by what reached the server and whether fetch resolved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import { OTHER_API_HOST } from '../support/api-server.ts';
import type { EngineName } from '../support/driver.ts';
import type { PageOrigins } from '../support/pages.ts';
import { describeBrowserSuite, probeEach, type CaseRun, type SuiteCase } from '../support/suite.ts';

interface Expected {
  /** Methods that reached /data's handler, in order. */
  readonly handled: readonly string[];
  /** Preflights that reached /data (the target). */
  readonly targetPreflights: number;
  /** The Origin of the target's preflights. */
  readonly targetPreflightOrigin?: 'page' | 'null';
}

interface RedirectCase extends Expected, SuiteCase {
  readonly method: string;
  readonly status: 301 | 302 | 303 | 307 | 308;
  readonly to: 'same-origin' | 'other-origin';
  /** What differs in some engines. */
  readonly in?: Partial<Record<EngineName, Partial<Expected>>>;
}

/** A (and `null`, the origin after a redirect to another origin) may do anything. */
const policy = (o: PageOrigins): CorsOptions<any> => ({
  origin: [o.A, 'null'],
  dangerouslyAllowNullOrigin: true,
  methods: ['PUT', 'DELETE'],
});

const ROWS: ReadonlyArray<Omit<RedirectCase, 'policy'>> = [
  ...([301, 302, 303, 307, 308] as const).map((status) => ({
    rule: `GET through a ${status} to the same origin stays GET, no preflight`,
    method: 'GET',
    status,
    to: 'same-origin' as const,
    handled: ['GET'],
    targetPreflights: 0,
  })),
  ...([301, 302, 303, 307, 308] as const).map((status) => ({
    rule: `GET through a ${status} to another origin stays GET, no preflight`,
    method: 'GET',
    status,
    to: 'other-origin' as const,
    handled: ['GET'],
    targetPreflights: 0,
  })),
  {
    rule: 'POST through a 301 becomes GET',
    method: 'POST',
    status: 301,
    to: 'same-origin',
    handled: ['GET'],
    targetPreflights: 0,
  },
  {
    rule: 'POST through a 307 stays POST',
    method: 'POST',
    status: 307,
    to: 'same-origin',
    handled: ['POST'],
    targetPreflights: 0,
  },
  {
    rule: 'PUT through a 308 to the same origin stays PUT, preflighted again at the target',
    method: 'PUT',
    status: 308,
    to: 'same-origin',
    handled: ['PUT'],
    targetPreflights: 1,
    targetPreflightOrigin: 'page',
  },
  ...([301, 302, 307, 308] as const).map((status) => ({
    rule: `DELETE through a ${status} to another origin stays DELETE, preflighted with Origin: null (WebKit: becomes GET; Firefox: the page's origin on the preflight)`,
    method: 'DELETE',
    status,
    to: 'other-origin' as const,
    handled: ['DELETE'],
    targetPreflights: 1,
    targetPreflightOrigin: 'null' as const,
    in: { webkit: { handled: ['GET'] }, firefox: { targetPreflightOrigin: 'page' as const } },
  })),
  {
    rule: 'DELETE through a 303 to another origin becomes GET, which needs no preflight (Firefox and WebKit preflight it anyway)',
    method: 'DELETE',
    status: 303,
    to: 'other-origin',
    handled: ['GET'],
    targetPreflights: 0,
    in: {
      firefox: { targetPreflights: 1, targetPreflightOrigin: 'page' },
      webkit: { targetPreflights: 1, targetPreflightOrigin: 'null' },
    },
  },
];

const CASES: readonly RedirectCase[] = ROWS.map((row) => ({ ...row, policy }));

function urlOf({ api, case: row, id }: CaseRun<RedirectCase>): string {
  const data = `/data?s=${id}`;
  const to = row.to === 'same-origin' ? data : api.url(data, OTHER_API_HOST);
  return api.url(`/redirect?s=${id}&status=${row.status}&to=${encodeURIComponent(to)}`);
}

describeBrowserSuite({
  here: { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  title: 'redirects',
  cases: CASES,
  run: (session, runs) =>
    probeEach(
      session,
      runs,
      () => 'A',
      (run) => ({
        url: urlOf(run),
        method: run.case.method,
        ...(run.case.method === 'GET' ? {} : { body: 'x' }),
        read: [],
      }),
    ),
  check({ case: row, api, id }, result, session) {
    const expected = { ...row, ...row.in?.[session.driver.engine] };
    assert.equal(result.kind, 'response', `fetch should resolve: ${JSON.stringify(result)}`);
    assert.deepEqual(
      api.log
        .handled(id)
        .filter((entry) => entry.path === '/data')
        .map((entry) => entry.method),
      expected.handled,
      'methods that reached the target',
    );
    const preflights = api.log.received(id).filter((entry) => entry.path === '/data' && entry.method === 'OPTIONS');
    assert.equal(preflights.length, expected.targetPreflights, 'preflights at the target');
    if (expected.targetPreflightOrigin !== undefined) {
      const origin = expected.targetPreflightOrigin === 'page' ? session.serialize('A') : 'null';
      assert.deepEqual(
        preflights.map((entry) => entry.origin),
        [origin],
        "the target preflight's Origin",
      );
    }
  },
});
