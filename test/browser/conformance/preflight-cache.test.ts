// Each engine's CORS-preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache) against
// corsguard's Access-Control-Max-Age: the server counts the preflights that actually arrive for a
// sequence of requests sent one after another to one URL. Where engines differ, the row says so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import { routeApi } from '../support/api-routes.ts';
import { apiEndpoint, type ApiEndpoint } from '../support/api-server.ts';
import { listenLogged, nodeRouteInput, writeRoute } from '../support/api-servers/server-kit.ts';
import { RequestLog } from '../support/request-log.ts';
import type { EngineName } from '../support/driver.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeRequest } from '../support/probe.ts';
import { describeBrowserSuite, probeSequenceEach } from '../support/suite.ts';

/** `elsewhere`: sent to another URL of the same server. */
type Step = Omit<ProbeRequest, 'url'> & { readonly elsewhere?: boolean };

interface CacheCase {
  readonly rule: string;
  readonly policy: (o: PageOrigins) => CorsOptions<any>;
  readonly steps: readonly Step[];
  /** Preflights that reach the server over the whole sequence. */
  readonly preflights: number;
  /** Engines that send another number of preflights (measured; the model records why). */
  readonly preflightsIn?: Partial<Record<EngineName, number>>;
  /** Positions of the steps refused at their preflight (default: none; every other step is readable). */
  readonly blocked?: readonly number[];
}

const put: Step = { method: 'PUT', body: 'x' };
const credentialedPut: Step = { ...put, credentials: 'include' };
const uncachedPut: Step = { ...put, cache: 'no-store' };
// fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT: `patch` is sent as written.
const patch: Step = { method: 'patch', body: 'x' };

const CASES: readonly CacheCase[] = [
  {
    rule: 'maxAge 600: three identical PUTs need one preflight',
    policy: (o) => ({ origin: [o.A], methods: ['PUT'], maxAge: 600 }),
    steps: [put, put, put],
    preflights: 1,
  },
  {
    rule: 'maxAge 0: three identical PUTs need three preflights',
    policy: (o) => ({ origin: [o.A], methods: ['PUT'], maxAge: 0 }),
    steps: [put, put, put],
    preflights: 3,
  },
  {
    rule: 'no maxAge: the browser default (5 s) covers quick repeats',
    policy: (o) => ({ origin: [o.A], methods: ['PUT'] }),
    steps: [put, put, put],
    preflights: 1,
  },
  {
    rule: 'maxAge 600: a cached PUT preflight does not cover a new request header',
    policy: (o) => ({ origin: [o.A], methods: ['PUT'], allowedHeaders: ['X-Custom'], maxAge: 600 }),
    steps: [put, { ...put, headers: { 'X-Custom': '1' } }, { ...put, headers: { 'X-Custom': '1' } }],
    preflights: 2,
  },
  {
    rule: 'maxAge 600: a preflight cached without credentials does not serve a credentialed request',
    policy: (o) => ({ origin: [o.A], methods: ['PUT'], credentials: true, maxAge: 600 }),
    steps: [put, credentialedPut, credentialedPut],
    preflights: 2,
  },
  {
    // corsguard answers a preflight with the one method asked for. Chromium and WebKit keep one
    // cache record per URL, replaced by each preflight: alternating methods on one URL preflight
    // each time. Firefox keeps an entry per method, as the standard does: the second PUT is cached.
    rule: 'maxAge 600: alternating PUT and DELETE on one URL (one record per URL; an entry per method in Firefox)',
    policy: (o) => ({ origin: [o.A], methods: ['PUT', 'DELETE'], maxAge: 600 }),
    steps: [put, { method: 'DELETE' }, put],
    preflights: 3,
    preflightsIn: { firefox: 2 },
  },
  {
    // fetch(url, { cache: 'no-store' }) bypasses the preflight cache too in Chromium and Firefox;
    // WebKit still uses it. The standard's cache mode is about the HTTP cache only.
    rule: "maxAge 600 with cache: 'no-store' requests: a preflight each time (WebKit: cached)",
    policy: (o) => ({ origin: [o.A], methods: ['PUT'], maxAge: 600 }),
    steps: [uncachedPut, uncachedPut, uncachedPut],
    preflights: 3,
    preflightsIn: { webkit: 1 },
  },
  {
    // corsguard answers the refused preflight 403 without CORS headers. Chromium and WebKit drop
    // the URL's record when a request it does not cover looks it up; Firefox forgets the URL's
    // entries when a preflight fails. Either way the last PUT is preflighted again.
    rule: 'maxAge 600: PUT, a refused preflight for patch on the same URL, PUT again: the PUT is preflighted again',
    policy: (o) => ({ origin: [o.A], methods: ['PUT'], maxAge: 600 }),
    steps: [put, patch, put],
    blocked: [1],
    preflights: 3,
  },
  {
    // A no-store request does not look the cache up in Chromium, so its record stays; Firefox still
    // forgets on the failure, and WebKit looks no-store requests up.
    rule: "maxAge 600: PUT, a refused cache: 'no-store' preflight for patch on the same URL, PUT again (Chromium: still cached)",
    policy: (o) => ({ origin: [o.A], methods: ['PUT'], maxAge: 600 }),
    steps: [put, { ...patch, cache: 'no-store' }, put],
    blocked: [1],
    preflights: 3,
    preflightsIn: { chromium: 2 },
  },
  {
    rule: 'maxAge 600: PUT, a refused preflight for another URL, PUT again (the first record stays)',
    policy: (o) => ({ origin: [o.A], methods: ['PUT'], maxAge: 600 }),
    steps: [put, { ...patch, elsewhere: true }, put],
    blocked: [1],
    preflights: 2,
  },
];

/** A server without corsguard: every preflight is answered 204 for the page, allowing PUT only, cached 600 s. */
async function startPutOnlyServer(): Promise<ApiEndpoint> {
  const log = new RequestLog();
  const running = await listenLogged(log, (request, response) => {
    const origin = request.headers.origin;
    if (origin !== undefined) response.setHeader('Access-Control-Allow-Origin', origin);
    if (request.method !== 'OPTIONS') return writeRoute(response, routeApi(nodeRouteInput(request), log));
    response.writeHead(204, { 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '600' }).end();
  });
  return apiEndpoint(running, log);
}

const CONTROLS: readonly CacheCase[] = [
  {
    // The failing preflight passes the CORS check but does not list the method. WebKit caches it
    // anyway, in place of the first record, and it allows PUT: the last PUT is not preflighted.
    rule: 'a 204 preflight without patch between two PUTs on one URL: the PUT is preflighted again (WebKit: cached)',
    policy: (o) => ({ origin: [o.A] }),
    steps: [put, patch, put],
    blocked: [1],
    preflights: 3,
    preflightsIn: { webkit: 2 },
  },
];

describeBrowserSuite({
  here: { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  title: 'preflight cache (Access-Control-Max-Age)',
  cases: CASES,
  controls: {
    title: 'control: a server that answers every preflight 204 allowing PUT only',
    cases: CONTROLS,
    start: startPutOnlyServer,
  },
  // One page from A runs every row's sequence in order, rows side by side.
  run: (session, runs) =>
    probeSequenceEach(session, 'A', runs, (run) =>
      run.case.steps.map(({ elsewhere, ...step }) => ({
        ...step,
        url: run.api.url(`/data${elsewhere ? '/elsewhere' : ''}?s=${run.id}`),
      })),
    ),
  check({ case: row, api, id }, results, session) {
    const blocked = row.blocked ?? [];
    const expected = row.steps.map((_, index) => (blocked.includes(index) ? 'network-error' : 'response'));
    assert.deepEqual(
      results.map((result) => result.kind),
      expected,
      'which requests script could read',
    );
    const preflights = api.log.received(id).filter((request) => request.method === 'OPTIONS').length;
    assert.equal(
      preflights,
      row.preflightsIn?.[session.driver.engine] ?? row.preflights,
      'preflights that reached the server',
    );
    assert.equal(
      api.log.handled(id).length,
      row.steps.length - blocked.length,
      'every request not refused at its preflight reached the handler',
    );
  },
});
