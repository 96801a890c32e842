// Chromium's HTTP cache and Vary: Origin (cors-protocol.md §7). A response cacheable for 60 s is
// fetched by one origin, then another, in the same cache partition (a. and b.example.localhost
// are one site). With corsguard the second origin must get its own answer; the control server,
// which reflects the origin without Vary, shows that Chromium would otherwise replay the first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import { chromiumUnavailable } from '../../support/chromium.ts';
import { ADAPTER_NAMES, startApi, type ApiServer } from '../support/api-server.ts';
import { openSession, type BrowserSession, type OriginKey } from '../support/browser-session.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeRequest, ProbeResult } from '../support/probe.ts';
import { startReflectingServer } from '../support/reflecting-server.ts';

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
    steps: [{ from: 'A', expect: 'readable' }, { from: 'A', expect: 'readable' }, { from: 'B', expect: 'readable' }],
    handled: 2,
  },
  {
    rule: 'an answer cached for a request without Origin (a no-cors load) is not replayed to a CORS request',
    policy: (o) => ({ origin: [o.A] }),
    steps: [{ from: 'A', mode: 'no-cors', expect: 'opaque' }, { from: 'A', expect: 'readable' }],
    handled: 2,
  },
  {
    rule: "origin '*': one cached answer serves every origin",
    policy: () => ({ origin: '*' }),
    steps: [{ from: 'A', expect: 'readable' }, { from: 'B', expect: 'readable', answerFor: 'A' }],
    handled: 1,
  },
];

/** The same first two sequences against the reflecting server without Vary. */
const CONTROLS: readonly VaryCase[] = [
  {
    rule: "without Vary: Origin, B is replayed A's cached answer and fails",
    policy: (o) => ({ origin: [o.A, o.B] }),
    steps: [{ from: 'A', expect: 'readable' }, { from: 'B', expect: 'TypeError' }],
    handled: 1,
  },
  {
    rule: 'without Vary: Origin, the answer cached for a no-cors load is replayed to a CORS request, which fails',
    policy: (o) => ({ origin: [o.A] }),
    steps: [{ from: 'A', mode: 'no-cors', expect: 'opaque' }, { from: 'A', expect: 'TypeError' }],
    handled: 1,
  },
];

type Server = Omit<ApiServer, 'adapter'>;

interface Run {
  readonly row: VaryCase;
  readonly server: Server;
  readonly id: string;
  readonly results: ProbeResult[];
}

/**
 * Step i of every run happens after step i - 1 of every run; within a step, one page per origin
 * sends all the runs' requests for that step (each run has its own URL, so they do not interact).
 */
async function runSteps(session: BrowserSession, runs: readonly Run[]): Promise<void> {
  const steps = Math.max(...runs.map((run) => run.row.steps.length));
  for (let index = 0; index < steps; index++) {
    const byOrigin = new Map<OriginKey, Run[]>();
    for (const run of runs) {
      const step = run.row.steps[index];
      if (step !== undefined) byOrigin.set(step.from, [...(byOrigin.get(step.from) ?? []), run]);
    }
    await Promise.all(
      [...byOrigin].map(async ([from, group]) => {
        const requests = group.map((run): ProbeRequest => ({
          url: run.server.url(`/cacheable?s=${run.id}`),
          mode: run.row.steps[index]!.mode ?? 'cors',
          read: ['x-request-id'],
        }));
        const outcomes = await session.probeFrom(from, requests);
        group.forEach((run, position) => run.results.push(outcomes[position]!));
      }),
    );
  }
}

function check(session: BrowserSession, run: Run): void {
  const row = run.row;
  row.steps.forEach((step, index) => {
    const result = run.results[index]!;
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
  assert.equal(run.server.log.handled(run.id).length, row.handled, 'requests that reached the handler');
}

const unavailable = chromiumUnavailable();

describe('HTTP cache and Vary: Origin', { skip: unavailable }, () => {
  let session: BrowserSession;
  const servers: Server[] = [];
  const runs = new Map<string, Run>();

  before(async () => {
    session = await openSession();
    const adapterRuns = ADAPTER_NAMES.flatMap((adapter) =>
      CASES.map(async (row, index) => {
        const server = await startApi(adapter, row.policy(session.origins));
        servers.push(server);
        runs.set(`vary-${adapter}-${index}`, { row, server, id: `vary-${adapter}-${index}`, results: [] });
      }),
    );
    const controlRuns = CONTROLS.map(async (row, index) => {
      const server = await startReflectingServer(row.policy(session.origins).origin as string[]);
      servers.push(server);
      runs.set(`control-${index}`, { row, server, id: `control-${index}`, results: [] });
    });
    await Promise.all([...adapterRuns, ...controlRuns]);
    await runSteps(session, [...runs.values()]);
  });

  after(async () => {
    await session?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  describe('control: a server that reflects the origin without Vary', () => {
    CONTROLS.forEach((row, index) => it(row.rule, () => check(session, runs.get(`control-${index}`)!)));
  });
  for (const adapter of ADAPTER_NAMES) {
    describe(`adapter: ${adapter}`, () => {
      CASES.forEach((row, index) => it(row.rule, () => check(session, runs.get(`vary-${adapter}-${index}`)!)));
    });
  }
});
