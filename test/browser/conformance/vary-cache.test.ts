// The HTTP cache and Vary: Origin (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches).
// A response cacheable for 60 s is fetched by one origin, then another, in the same cache
// partition (a. and b.example.localhost are one site). With corsguard the second origin must get
// its own answer; the control server, which reflects the origin without Vary, shows that the
// engine would otherwise replay the first. WebKitGTK's MiniBrowser under WebDriver keeps no HTTP
// cache at all (measured: three fetches of a max-age=60 answer, even with cache: 'force-cache',
// all reach the server), so there every step reaches the server and reads its own answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import type { BrowserSession, OriginKey } from '../support/browser-session.ts';
import type { EngineName } from '../support/driver.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeResult } from '../support/probe.ts';
import { startReflectingServer } from '../support/reflecting-server.ts';
import { describeBrowserSuite, probeEach, type CaseRun } from '../support/suite.ts';

interface Step {
  readonly from: OriginKey;
  /** `no-cors`: a load without Origin, like an <img> or a no-cors fetch; script gets an opaque response. */
  readonly mode?: 'no-cors';
  readonly expect: 'readable' | 'opaque' | 'TypeError';
  /** The origin the readable answer was made for (default: the step's own). */
  readonly answerFor?: OriginKey;
}

interface VaryCase {
  readonly rule: string;
  readonly policy: (o: PageOrigins) => CorsOptions<any>;
  readonly steps: readonly Step[];
  /** Requests that reached the handler: fewer than the steps means the cache answered. */
  readonly handled: number;
}

const CASES: readonly VaryCase[] = [
  {
    rule: "an allowed origin's cached answer is reused for that origin but never replayed to another",
    policy: (o) => ({ origin: [o.A, o.B] }),
    steps: [
      { from: 'A', expect: 'readable' },
      { from: 'A', expect: 'readable' },
      { from: 'B', expect: 'readable' },
    ],
    handled: 2,
  },
  {
    rule: 'an answer cached for a request without Origin (a no-cors load) is not replayed to a CORS request',
    policy: (o) => ({ origin: [o.A] }),
    steps: [
      { from: 'A', mode: 'no-cors', expect: 'opaque' },
      { from: 'A', expect: 'readable' },
    ],
    handled: 2,
  },
  {
    rule: "origin '*': one cached answer serves every origin",
    policy: () => ({ origin: '*' }),
    steps: [
      { from: 'A', expect: 'readable' },
      { from: 'B', expect: 'readable', answerFor: 'A' },
    ],
    handled: 1,
  },
];

/** The same first two sequences against the reflecting server without Vary. */
const CONTROLS: readonly VaryCase[] = [
  {
    rule: "without Vary: Origin, B is replayed A's cached answer and fails",
    policy: (o) => ({ origin: [o.A, o.B] }),
    steps: [
      { from: 'A', expect: 'readable' },
      { from: 'B', expect: 'TypeError' },
    ],
    handled: 1,
  },
  {
    rule: 'without Vary: Origin, the answer cached for a no-cors load is replayed to a CORS request, which fails',
    policy: (o) => ({ origin: [o.A] }),
    steps: [
      { from: 'A', mode: 'no-cors', expect: 'opaque' },
      { from: 'A', expect: 'TypeError' },
    ],
    handled: 1,
  },
];

type Run = CaseRun<VaryCase>;

/** Engines that serve nothing from an HTTP cache in these runs. */
const WITHOUT_HTTP_CACHE: ReadonlySet<EngineName> = new Set(['webkit']);

/**
 * Step i of every run happens after step i - 1 of every run; within a step, one page per origin
 * sends all the runs' requests for that step (each run has its own URL, so they do not interact).
 */
async function runSteps(session: BrowserSession, runs: readonly Run[]): Promise<Map<Run, ProbeResult[]>> {
  const results = new Map(runs.map((run) => [run, [] as ProbeResult[]]));
  const steps = Math.max(...runs.map((run) => run.case.steps.length));
  for (let index = 0; index < steps; index++) {
    const stepOf = (run: Run) => run.case.steps[index]!;
    const outcomes = await probeEach(
      session,
      runs.filter((run) => run.case.steps[index] !== undefined),
      (run) => stepOf(run).from,
      (run) => ({
        url: run.api.url(`/cacheable?s=${run.id}`),
        mode: stepOf(run).mode ?? 'cors',
        read: ['x-request-id'],
      }),
    );
    for (const [run, outcome] of outcomes) results.get(run)!.push(outcome);
  }
  return results;
}

function check({ case: row, api, id }: Run, results: readonly ProbeResult[], session: BrowserSession): void {
  const uncached = WITHOUT_HTTP_CACHE.has(session.driver.engine);
  row.steps.forEach((listed, index) => {
    // Without a cache, each step gets the server's own answer for its origin: a CORS step is readable.
    const step: Step = uncached
      ? {
          from: listed.from,
          ...(listed.mode ? { mode: listed.mode } : {}),
          expect: listed.mode ? 'opaque' : 'readable',
        }
      : listed;
    const result = results[index]!;
    const where = `step ${index + 1} (from ${step.from})`;
    if (step.expect === 'TypeError') {
      assert.equal(result.kind, 'network-error', `${where} should fail: ${JSON.stringify(result)}`);
      return;
    }
    assert.equal(result.kind, 'response', `${where} should get a response`);
    if (result.kind !== 'response') return;
    assert.equal(result.type, step.expect === 'opaque' ? 'opaque' : 'cors', `${where} response type`);
    if (step.expect === 'readable') {
      const answerFor = session.serialize(step.answerFor ?? step.from);
      assert.equal(JSON.parse(result.body).origin, answerFor, `${where} read an answer made for another origin`);
    }
  });
  assert.equal(
    api.log.handled(id).length,
    uncached ? row.steps.length : row.handled,
    'requests that reached the handler',
  );
}

describeBrowserSuite({
  here: { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  title: 'HTTP cache and Vary: Origin',
  cases: CASES,
  controls: {
    title: 'control: a server that reflects the origin without Vary',
    cases: CONTROLS,
    start: (options) => startReflectingServer(options.origin as string[]),
  },
  run: runSteps,
  check,
});
