// Chromium's CORS-preflight cache (Fetch §4.8 "CORS-preflight cache") against corsguard's
// Access-Control-Max-Age: the server counts the preflights that actually arrive for a sequence of
// requests sent one after another to one URL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import { chromiumUnavailable } from '../../support/chromium.ts';
import { ADAPTER_NAMES, startApi, type AdapterName, type ApiServer } from '../support/api-server.ts';
import { openSession, type BrowserSession } from '../support/browser-session.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeRequest, ProbeResult } from '../support/probe.ts';

type Step = Omit<ProbeRequest, 'url'>;

interface CacheCase {
  readonly rule: string;
  readonly policy: (o: PageOrigins) => CorsOptions<any>;
  readonly steps: readonly Step[];
  /** Preflights that reach the server over the whole sequence. */
  readonly preflights: number;
}

const put: Step = { method: 'PUT', body: 'x' };
const credentialedPut: Step = { ...put, credentials: 'include' };

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
    // corsguard answers a preflight with the one method asked for, and Chromium keeps one cache
    // record per URL, replaced by each preflight: alternating methods on one URL preflight each time.
    rule: 'maxAge 600: alternating PUT and DELETE on one URL preflight every time (one record per URL)',
    policy: (o) => ({ origin: [o.A], methods: ['PUT', 'DELETE'], maxAge: 600 }),
    steps: [put, { method: 'DELETE' }, put],
    preflights: 3,
  },
];

const unavailable = chromiumUnavailable();

describe('preflight cache (Access-Control-Max-Age)', { skip: unavailable }, () => {
  let session: BrowserSession;
  const servers = new Map<string, ApiServer>();
  const results = new Map<string, ProbeResult[]>();
  const id = (adapter: AdapterName, index: number) => `cache-${adapter}-${index}`;

  before(async () => {
    session = await openSession();
    await Promise.all(
      ADAPTER_NAMES.flatMap((adapter) =>
        CASES.map(async (row, index) => servers.set(id(adapter, index), await startApi(adapter, row.policy(session.origins)))),
      ),
    );
    // One page from A runs every row's sequence in order, rows side by side.
    const keys = [...servers.keys()];
    const sequences = keys.map((key) => {
      const url = servers.get(key)!.url(`/data?s=${key}`);
      return CASES[Number(key.split('-').pop())]!.steps.map((step) => ({ ...step, url }));
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
          assert.deepEqual(results.get(key)!.map((result) => result.kind), row.steps.map(() => 'response'), 'every request is readable');
          const preflights = log.received(key).filter((request) => request.method === 'OPTIONS').length;
          assert.equal(preflights, row.preflights, 'preflights that reached the server');
          assert.equal(log.handled(key).length, row.steps.length, 'every actual request reached the handler');
        });
      });
    });
  }
});
