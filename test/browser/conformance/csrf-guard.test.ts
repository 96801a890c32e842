// The CSRF guard (csrf: true) in every engine: state-changing requests that need no preflight —
// HTML form POSTs and no-cors fetches — reach a server whatever its CORS policy, so only the guard
// keeps them from the handler. Controls without the guard show they do arrive. A form's outcome is
// the status the server answered (no engine lets script see a cross-origin navigation's status).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import type { BrowserSession, OriginKey } from '../support/browser-session.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeRequest, ProbeResult } from '../support/probe.ts';
import { describeBrowserSuite, probeEach, type CaseRun } from '../support/suite.ts';

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
  /** The status the server answered the navigation (forms), or what script got (fetches). */
  readonly sees: number | 'opaque' | 'TypeError';
}

const guarded = (o: PageOrigins): CorsOptions<any> => ({ origin: [o.A], csrf: true });
const unguarded = (o: PageOrigins): CorsOptions<any> => ({ origin: [o.A] });

const CASES: readonly CsrfCase[] = [
  {
    rule: 'a cross-site HTML form POST never reaches the handler (403)',
    policy: guarded,
    action: 'form POST',
    from: 'X',
    reachesHandler: false,
    sees: 403,
  },
  {
    rule: 'a same-site HTML form POST from an unlisted origin never reaches the handler (403)',
    policy: guarded,
    action: 'form POST',
    from: 'B',
    reachesHandler: false,
    sees: 403,
  },
  {
    rule: 'a cross-site no-cors fetch POST never reaches the handler',
    policy: guarded,
    action: 'no-cors fetch POST',
    from: 'X',
    reachesHandler: false,
    sees: 'opaque',
  },
  {
    rule: 'a fetch POST from an unlisted origin never reaches the handler',
    policy: guarded,
    action: 'fetch POST',
    from: 'B',
    reachesHandler: false,
    sees: 'TypeError',
  },
  {
    rule: 'a fetch POST from the allowed origin reaches the handler and is readable',
    policy: guarded,
    action: 'fetch POST',
    from: 'A',
    reachesHandler: true,
    sees: 200,
  },
  {
    rule: 'an HTML form POST from the allowed origin reaches the handler',
    policy: guarded,
    action: 'form POST',
    from: 'A',
    reachesHandler: true,
    sees: 200,
  },
  {
    rule: 'a same-origin POST (page served by the API server) reaches the handler',
    policy: guarded,
    action: 'same-origin fetch POST',
    from: 'A',
    reachesHandler: true,
    sees: 200,
  },
  {
    rule: 'a cross-site HTML form GET reaches the handler (safe method)',
    policy: guarded,
    action: 'form GET',
    from: 'X',
    reachesHandler: true,
    sees: 200,
  },
  {
    rule: 'a cross-site HTML form POST to an exempt path reaches the handler',
    policy: (o) => ({ origin: [o.A], csrf: { exemptPaths: ['/cacheable'] } }),
    action: 'form POST',
    from: 'X',
    path: '/cacheable',
    reachesHandler: true,
    sees: 200,
  },
  {
    rule: 'control, no csrf: the cross-site HTML form POST does reach the handler',
    policy: unguarded,
    action: 'form POST',
    from: 'X',
    reachesHandler: true,
    sees: 200,
  },
  {
    rule: 'control, no csrf: the cross-site no-cors fetch POST does reach the handler',
    policy: unguarded,
    action: 'no-cors fetch POST',
    from: 'X',
    reachesHandler: true,
    sees: 'opaque',
  },
];

type Seen = CsrfCase['sees'];
type Job = CaseRun<CsrfCase>;

const urlOf = (job: Job) => job.api.url(`${job.case.path ?? '/data'}?s=${job.id}`);
const isForm = (job: Job) => job.case.action === 'form POST' || job.case.action === 'form GET';
const isCrossOriginFetch = (job: Job) => job.case.action === 'fetch POST' || job.case.action === 'no-cors fetch POST';

const FORM_ANSWER_TIMEOUT_MS = 15_000;

/**
 * Every form from one origin is submitted by one page of that origin, each into its own iframe
 * (named after the job); each form's outcome is the status the server answered it, awaited in the
 * server's log. The page stays open until then: closing it mid-navigation can stall.
 */
async function submitFormsFrom(
  session: BrowserSession,
  from: OriginKey,
  jobs: readonly Job[],
): Promise<Map<Job, Seen>> {
  const page = await session.open(from);
  const methodOf = (job: Job) => (job.case.action === 'form POST' ? 'POST' : 'GET');
  try {
    await page.submitForms(
      jobs.map((job) => ({
        action: urlOf(job),
        method: methodOf(job),
        target: job.id,
        // A GET form replaces the action's query with its fields: carry the scenario id as one.
        fields:
          methodOf(job) === 'GET'
            ? [
                ['s', job.id],
                ['note', 'hello'],
              ]
            : [['note', 'hello']],
      })),
    );
    const started = Date.now();
    while (
      jobs.some((job) => job.api.log.answered(job.id).length === 0) &&
      Date.now() - started < FORM_ANSWER_TIMEOUT_MS
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await page.close();
  }
  return new Map(jobs.map((job) => [job, job.api.log.answered(job.id)[0] ?? 'TypeError']));
}

function seenBy(result: ProbeResult): Seen {
  if (result.kind === 'network-error') return 'TypeError';
  return result.type === 'opaque' ? 'opaque' : result.status;
}

const postRequest = (job: Job): ProbeRequest => ({
  url: urlOf(job),
  method: 'POST',
  body: 'note=hello',
  mode: job.case.action === 'no-cors fetch POST' ? 'no-cors' : 'cors',
});

async function fetchCrossOrigin(session: BrowserSession, jobs: readonly Job[]): Promise<Map<Job, Seen>> {
  const results = await probeEach(session, jobs, (job) => job.case.from, postRequest);
  return new Map([...results].map(([job, result]) => [job, seenBy(result)]));
}

/** From a page served by the API server itself. */
async function fetchSameOrigin(session: BrowserSession, job: Job): Promise<Map<Job, Seen>> {
  const page = await session.driver.open(job.api.url('/page'));
  try {
    const [outcomes] = await page.fetch([[postRequest(job)]]);
    return new Map([[job, seenBy(outcomes![0]!)]]);
  } finally {
    await page.close();
  }
}

async function runAll(session: BrowserSession, jobs: readonly Job[]): Promise<Map<Job, Seen>> {
  const forms = jobs.filter(isForm);
  const formOrigins = [...new Set(forms.map((job) => job.case.from))];
  const seen = await Promise.all([
    ...formOrigins.map((from) =>
      submitFormsFrom(
        session,
        from,
        forms.filter((job) => job.case.from === from),
      ),
    ),
    fetchCrossOrigin(session, jobs.filter(isCrossOriginFetch)),
    ...jobs.filter((job) => job.case.action === 'same-origin fetch POST').map((job) => fetchSameOrigin(session, job)),
  ]);
  return new Map(seen.flatMap((map) => [...map]));
}

describeBrowserSuite({
  here: { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  title: 'CSRF guard against requests that need no preflight',
  cases: CASES,
  name: (row) => `${row.action} from ${row.from}: ${row.rule}`,
  run: runAll,
  check({ case: row, api, id }, seen) {
    assert.equal(api.log.received(id).length > 0, true, 'the request reached the server');
    assert.equal(api.log.handled(id).length, row.reachesHandler ? 1 : 0, 'requests that reached the handler');
    assert.equal(seen, row.sees);
  },
});
