// The CSRF guard (csrf: true, cors-protocol.md §10) in Chromium: state-changing requests that need
// no preflight — HTML form POSTs and no-cors fetches — reach a server whatever its CORS policy, so
// only the guard keeps them from the handler. Controls without the guard show they do arrive.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import { chromiumUnavailable } from '../../support/chromium.ts';
import { ADAPTER_NAMES, startApi, type AdapterName, type ApiServer } from '../support/api-server.ts';
import { openSession, type BrowserSession, type OriginKey } from '../support/browser-session.ts';
import type { PageOrigins } from '../support/pages.ts';
import { probe, submitForms, type ProbeRequest, type ProbeResult } from '../support/probe.ts';

type Action =
  /** An HTML form on the page, submitted into an iframe of that page. */
  | 'form POST'
  | 'form GET'
  /** fetch(url, { method: 'POST', mode: 'no-cors' }). */
  | 'no-cors fetch POST'
  /** fetch(url, { method: 'POST' }) in cors mode. */
  | 'fetch POST'
  /** fetch POST from a page served by the API server itself. */
  | 'same-origin fetch POST';

interface CsrfCase {
  readonly rule: string;
  readonly policy: (o: PageOrigins) => CorsOptions<any>;
  readonly action: Action;
  readonly from: OriginKey;
  readonly path?: string;
  readonly reachesHandler: boolean;
  /** The navigation's status (forms) or what script got (fetches). */
  readonly sees: number | 'opaque' | 'TypeError';
}

const guarded = (o: PageOrigins): CorsOptions<any> => ({ origin: [o.A], csrf: true });
const unguarded = (o: PageOrigins): CorsOptions<any> => ({ origin: [o.A] });

const CASES: readonly CsrfCase[] = [
  { rule: 'a cross-site HTML form POST never reaches the handler (403)', policy: guarded, action: 'form POST', from: 'X', reachesHandler: false, sees: 403 },
  { rule: 'a same-site HTML form POST from an unlisted origin never reaches the handler (403)', policy: guarded, action: 'form POST', from: 'B', reachesHandler: false, sees: 403 },
  { rule: 'a cross-site no-cors fetch POST never reaches the handler', policy: guarded, action: 'no-cors fetch POST', from: 'X', reachesHandler: false, sees: 'opaque' },
  { rule: 'a fetch POST from an unlisted origin never reaches the handler', policy: guarded, action: 'fetch POST', from: 'B', reachesHandler: false, sees: 'TypeError' },
  { rule: 'a fetch POST from the allowed origin reaches the handler and is readable', policy: guarded, action: 'fetch POST', from: 'A', reachesHandler: true, sees: 200 },
  { rule: 'an HTML form POST from the allowed origin reaches the handler', policy: guarded, action: 'form POST', from: 'A', reachesHandler: true, sees: 200 },
  { rule: 'a same-origin POST (page served by the API server) reaches the handler', policy: guarded, action: 'same-origin fetch POST', from: 'A', reachesHandler: true, sees: 200 },
  { rule: 'a cross-site HTML form GET reaches the handler (safe method)', policy: guarded, action: 'form GET', from: 'X', reachesHandler: true, sees: 200 },
  {
    rule: 'a cross-site HTML form POST to an exempt path reaches the handler',
    policy: (o) => ({ origin: [o.A], csrf: { exemptPaths: ['/cacheable'] } }),
    action: 'form POST',
    from: 'X',
    path: '/cacheable',
    reachesHandler: true,
    sees: 200,
  },
  { rule: 'control, no csrf: the cross-site HTML form POST does reach the handler', policy: unguarded, action: 'form POST', from: 'X', reachesHandler: true, sees: 200 },
  { rule: 'control, no csrf: the cross-site no-cors fetch POST does reach the handler', policy: unguarded, action: 'no-cors fetch POST', from: 'X', reachesHandler: true, sees: 'opaque' },
];

type Seen = number | 'opaque' | 'TypeError';

interface Job {
  readonly key: string;
  readonly api: ApiServer;
  readonly row: CsrfCase;
}

const urlOf = (job: Job) => job.api.url(`${job.row.path ?? '/data'}?s=${job.key}`);

/**
 * Every form from one origin is submitted by one page of that origin, each into its own iframe;
 * the statuses are read from the navigations' responses (an empty 403 would otherwise become an
 * error page). The page stays open until the browser closes: closing it mid-navigation can stall.
 */
async function submitFormsFrom(session: BrowserSession, from: OriginKey, jobs: readonly Job[], seen: Map<string, Seen>): Promise<void> {
  if (jobs.length === 0) return;
  const page = await session.open(session.serialize(from));
  const methods = new Map(jobs.map((job) => [job.key, job.row.action === 'form POST' ? 'POST' : 'GET'] as const));
  const arrived = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`form responses missing from ${from}`)), 15_000);
    page.on('response', (response) => {
      const key = new URL(response.url()).searchParams.get('s') ?? '';
      if (methods.get(key) !== response.request().method()) return;
      seen.set(key, response.status());
      if (jobs.every((job) => seen.has(job.key))) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await submitForms(
    page,
    jobs.map((job) => ({
      action: urlOf(job),
      method: methods.get(job.key)!,
      target: job.key,
      // A GET form replaces the action's query with its fields: carry the scenario id as one.
      fields: methods.get(job.key) === 'GET' ? [['s', job.key], ['note', 'hello']] : [['note', 'hello']],
    })),
  );
  await arrived;
}

function seenBy(result: ProbeResult): Seen {
  if (result.kind === 'network-error') return 'TypeError';
  return result.type === 'opaque' ? 'opaque' : result.status;
}

async function fetchFrom(session: BrowserSession, from: OriginKey, jobs: readonly Job[], seen: Map<string, Seen>): Promise<void> {
  if (jobs.length === 0) return;
  const requests = jobs.map(
    (job): ProbeRequest => ({ url: urlOf(job), method: 'POST', body: 'note=hello', mode: job.row.action === 'no-cors fetch POST' ? 'no-cors' : 'cors' }),
  );
  const results = await session.probeFrom(from, requests);
  jobs.forEach((job, index) => seen.set(job.key, seenBy(results[index]!)));
}

/** From a page served by the API server itself. */
async function fetchSameOrigin(session: BrowserSession, job: Job, seen: Map<string, Seen>): Promise<void> {
  const page = await session.open(job.api.url('/page'));
  try {
    const [result] = await probe(page, [{ url: urlOf(job), method: 'POST', body: 'note=hello' }]);
    seen.set(job.key, seenBy(result!));
  } finally {
    await page.close();
  }
}

async function runAll(session: BrowserSession, jobs: readonly Job[], seen: Map<string, Seen>): Promise<void> {
  const isForm = (job: Job) => job.row.action === 'form POST' || job.row.action === 'form GET';
  const isCrossOriginFetch = (job: Job) => job.row.action === 'fetch POST' || job.row.action === 'no-cors fetch POST';
  const origins = [...new Set(jobs.map((job) => job.row.from))];
  const grouped = (from: OriginKey, kind: (job: Job) => boolean) => jobs.filter((job) => job.row.from === from && kind(job));
  await Promise.all([
    ...origins.map((from) => submitFormsFrom(session, from, grouped(from, isForm), seen)),
    ...origins.map((from) => fetchFrom(session, from, grouped(from, isCrossOriginFetch), seen)),
    ...jobs.filter((job) => job.row.action === 'same-origin fetch POST').map((job) => fetchSameOrigin(session, job, seen)),
  ]);
}

const unavailable = chromiumUnavailable();

describe('CSRF guard against requests that need no preflight', { skip: unavailable }, () => {
  let session: BrowserSession;
  const servers = new Map<string, ApiServer>();
  const seen = new Map<string, Seen>();
  const id = (adapter: AdapterName, index: number) => `csrf-${adapter}-${index}`;

  before(async () => {
    session = await openSession();
    const jobs = await Promise.all(
      ADAPTER_NAMES.flatMap((adapter) =>
        CASES.map(async (row, index): Promise<Job> => {
          const key = id(adapter, index);
          const api = await startApi(adapter, row.policy(session.origins));
          servers.set(key, api);
          return { key, api, row };
        }),
      ),
    );
    await runAll(session, jobs, seen);
  });

  after(async () => {
    await session?.close();
    await Promise.all([...servers.values()].map((server) => server.close()));
  });

  for (const adapter of ADAPTER_NAMES) {
    describe(`adapter: ${adapter}`, () => {
      CASES.forEach((row, index) => {
        it(`${row.action} from ${row.from}: ${row.rule}`, () => {
          const key = id(adapter, index);
          const api = servers.get(key)!;
          assert.equal(api.log.received(key).length > 0, true, 'the request reached the server');
          assert.equal(api.log.handled(key).length, row.reachesHandler ? 1 : 0, 'requests that reached the handler');
          assert.equal(seen.get(key), row.sees);
        });
      });
    });
  }
});
