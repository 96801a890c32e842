// Each engine's CORS-preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache) against
// corsguard's Access-Control-Max-Age: the server counts the preflights that actually arrive for a
// sequence of requests sent one after another to one URL. Where engines differ, the row says so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import type { EngineName } from '../support/driver.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeRequest } from '../support/probe.ts';
import { describeBrowserSuite, probeSequenceEach } from '../support/suite.ts';

type Step = Omit<ProbeRequest, 'url'>;

interface CacheCase {
  readonly rule: string;
  readonly policy: (o: PageOrigins) => CorsOptions<any>;
  readonly steps: readonly Step[];
  /** Preflights that reach the server over the whole sequence. */
  readonly preflights: number;
  /** Engines that send another number of preflights (measured; the model records why). */
  readonly preflightsIn?: Partial<Record<EngineName, number>>;
}

const put: Step = { method: 'PUT', body: 'x' };
const credentialedPut: Step = { ...put, credentials: 'include' };
const uncachedPut: Step = { ...put, cache: 'no-store' };

const CASES: readonly CacheCase[] = [
  { rule: 'maxAge 600: three identical PUTs need one preflight', policy: (o) => ({ origin: [o.A], methods: ['PUT'], maxAge: 600 }), steps: [put, put, put], preflights: 1 },
  { rule: 'maxAge 0: three identical PUTs need three preflights', policy: (o) => ({ origin: [o.A], methods: ['PUT'], maxAge: 0 }), steps: [put, put, put], preflights: 3 },
  { rule: 'no maxAge: the browser default (5 s) covers quick repeats', policy: (o) => ({ origin: [o.A], methods: ['PUT'] }), steps: [put, put, put], preflights: 1 },
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
];

describeBrowserSuite({
  here: { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  title: 'preflight cache (Access-Control-Max-Age)',
  cases: CASES,
  // One page from A runs every row's sequence in order, rows side by side.
  run: (session, runs) => probeSequenceEach(session, 'A', runs, (run) => run.case.steps.map((step) => ({ ...step, url: run.api.url(`/data?s=${run.id}`) }))),
  check({ case: row, api, id }, results, session) {
    assert.deepEqual(results.map((result) => result.kind), row.steps.map(() => 'response'), 'every request is readable');
    const preflights = api.log.received(id).filter((request) => request.method === 'OPTIONS').length;
    assert.equal(preflights, row.preflightsIn?.[session.driver.engine] ?? row.preflights, 'preflights that reached the server');
    assert.equal(api.log.handled(id).length, row.steps.length, 'every actual request reached the handler');
  },
});
