// The harness of the browser conformance suites: "these cases, on these adapters, in these
// browsers". For each engine, describeBrowserSuite starts an API server per case and adapter,
// opens one browser session, lets the suite's `run` send every run's requests at once (batched,
// one page per origin, not one per case), closes the session, then registers a test per case
// under `TITLE [ENGINE]` › `adapter: NAME` that checks that run's result from what the servers
// saw. Runs and results are typed values: a run carries its case and its server.
import { after, before } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import { ADAPTER_NAMES, startApi, type AdapterName, type ApiEndpoint } from './api-server.ts';
import { openSession, type BrowserSession, type OriginKey } from './browser-session.ts';
import { ENGINE_NAMES, ENGINES, type EngineName } from './driver.ts';
import type { PageOrigins } from './pages.ts';
import type { ProbeRequest, ProbeResult } from './probe.ts';

export interface CaseRun<Case> {
  readonly case: Case;
  /** The adapter serving the run, or 'control'. */
  readonly target: AdapterName | 'control';
  /** Unique in the suite: sent as the `s` query parameter, under which the server's RequestLog files what reached it. */
  readonly id: string;
  readonly api: ApiEndpoint;
}

export type RunResults<Case, Result> = ReadonlyMap<CaseRun<Case>, Result>;

/** A row of a suite's table. */
export interface SuiteCase {
  /** The rule the case checks: its test's name. */
  readonly rule: string;
  /** The options of the case's server. */
  policy(origins: PageOrigins): CorsOptions<any>;
}

/**
 * node:test's describe and it, called from the suite's own file (`here: { describe: (name, options,
 * body) => describe(name, options, body), it: (name, body) => it(name, body) }`): node names a
 * test's file after the line that calls describe or it, and the test reporter lists tests by file.
 */
export interface TestCalls {
  describe(name: string, options: { readonly skip?: string | undefined }, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

export interface BrowserSuite<Case extends SuiteCase, Result> {
  readonly here: TestCalls;
  readonly title: string;
  /** Default: every engine. */
  readonly engines?: readonly EngineName[];
  readonly cases: readonly Case[];
  /** Default: every adapter. */
  readonly adapters?: readonly AdapterName[];
  /** The same run and checks against servers that are not corsguard, registered before the adapters. */
  readonly controls?: {
    readonly title: string;
    readonly cases: readonly Case[];
    start(options: CorsOptions<any>): Promise<ApiEndpoint>;
  };
  /** The test's name (default: the rule). */
  name?(row: Case): string;
  /** When given, each case's test sits in a describe of this name, under the adapter's. */
  group?(row: Case): string;
  /** Cases of one adapter with the same key share one server (default: a server per case). */
  serverKey?(row: Case): unknown;
  /** Set for the API host by a first-party visit before `run` (cookies belong to hosts, not ports). */
  readonly cookie?: { readonly name: string; readonly value: string };
  /** Sends every run's requests; a result for each run. */
  run(session: BrowserSession, runs: readonly CaseRun<Case>[]): Promise<RunResults<Case, Result>>;
  /** Checks one run (the session is closed by then: use its engine and origins, not its driver). */
  check(run: CaseRun<Case>, result: Result, session: BrowserSession): void | Promise<void>;
}

interface Block<Case extends SuiteCase> {
  readonly title: string;
  readonly target: CaseRun<Case>['target'];
  readonly cases: readonly Case[];
  start(options: CorsOptions<any>): Promise<ApiEndpoint>;
}

export function describeBrowserSuite<Case extends SuiteCase, Result>(suite: BrowserSuite<Case, Result>): void {
  const blocks: Block<Case>[] = [
    ...(suite.controls ? [{ ...suite.controls, target: 'control' as const }] : []),
    ...(suite.adapters ?? ADAPTER_NAMES).map((adapter) => ({
      title: `adapter: ${adapter}`,
      target: adapter,
      cases: suite.cases,
      start: (options: CorsOptions<any>) => startApi(adapter, options),
    })),
  ];

  for (const engine of suite.engines ?? ENGINE_NAMES) describeEngine(suite, blocks, engine);
}

/** The title of an engine's describe: the test scripts count scenarios per engine by it. */
export function engineTitle(title: string, engine: EngineName): string {
  return `${title} [${engine}]`;
}

function describeEngine<Case extends SuiteCase, Result>(
  suite: BrowserSuite<Case, Result>,
  blocks: readonly Block<Case>[],
  engine: EngineName,
): void {
  const { describe, it } = suite.here;
  describe(engineTitle(suite.title, engine), { skip: ENGINES[engine].unavailable() }, () => {
    let session: BrowserSession | undefined;
    const servers: ApiEndpoint[] = [];
    /** runs[block][case], filled before any test runs. */
    const runs: CaseRun<Case>[][] = [];
    let results: RunResults<Case, Result> = new Map();

    before(async () => {
      session = await openSession(engine);
      try {
        const origins = session.origins;
        runs.push(...(await Promise.all(blocks.map((block) => startBlock(suite, block, origins, servers)))));
        if (suite.cookie) await setCookie(session, runs.flat()[0]!.api, suite.cookie);
        results = await suite.run(session, runs.flat());
      } finally {
        // Let go of the browser at once: Firefox serves one test process at a time.
        await session.close();
      }
    });

    after(async () => {
      await Promise.all(servers.map((server) => server.close()));
    });

    blocks.forEach((block, blockIndex) => {
      describe(block.title, {}, () => {
        const test = (row: Case, caseIndex: number) =>
          it(suite.name?.(row) ?? row.rule, async () => {
            const run = runs[blockIndex]![caseIndex]!;
            if (!results.has(run)) throw new Error(`the suite's run gave no result for ${run.id}`);
            await suite.check(run, results.get(run)!, session!);
          });
        if (suite.group === undefined) return block.cases.forEach(test);
        for (const [name, members] of groupBy(block.cases, suite.group)) {
          describe(name, {}, () => {
            for (const [row, caseIndex] of members) test(row, caseIndex);
          });
        }
      });
    });
  });
}

async function startBlock<Case extends SuiteCase>(
  suite: BrowserSuite<Case, unknown>,
  block: Block<Case>,
  origins: PageOrigins,
  servers: ApiEndpoint[],
): Promise<CaseRun<Case>[]> {
  const started = new Map<unknown, Promise<ApiEndpoint>>();
  const serverFor = (row: Case, caseIndex: number) => {
    const key = suite.serverKey?.(row) ?? caseIndex;
    let server = started.get(key);
    if (server === undefined) {
      server = block.start(row.policy(origins)).then((running) => {
        servers.push(running);
        return running;
      });
      started.set(key, server);
    }
    return server;
  };
  return Promise.all(
    block.cases.map(async (row, caseIndex) => ({
      case: row,
      target: block.target,
      id: `${block.target}-${caseIndex}`,
      api: await serverFor(row, caseIndex),
    })),
  );
}

/** Sets a first-party cookie through a top-level visit to the API's /set-cookie, and checks the browser kept it. */
async function setCookie(
  session: BrowserSession,
  api: ApiEndpoint,
  cookie: { readonly name: string; readonly value: string },
): Promise<void> {
  await session.driver.visit(api.url(`/set-cookie?name=${cookie.name}&value=${cookie.value}`));
  const jar = await session.driver.cookies(api.origin());
  if (!jar.some(({ name, value }) => name === cookie.name && value === cookie.value)) {
    throw new Error(`the browser did not keep the cookie ${cookie.name}=${cookie.value} for ${api.origin()}`);
  }
}

/** Items by key, in order of first appearance, each with its index. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, Array<[T, number]>> {
  const groups = new Map<K, Array<[T, number]>>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), [item, index]]);
  });
  return groups;
}

/** One request per item, each sent from the origin it names: one page per origin, all origins at once. */
export async function probeEach<T>(
  session: BrowserSession,
  items: readonly T[],
  from: (item: T) => OriginKey,
  request: (item: T) => ProbeRequest,
): Promise<Map<T, ProbeResult>> {
  const results = new Map<T, ProbeResult>();
  await Promise.all(
    [...groupBy(items, from)].map(async ([origin, members]) => {
      const outcomes = await session.probeFrom(
        origin,
        members.map(([item]) => request(item)),
      );
      members.forEach(([item], position) => {
        results.set(item, outcomes[position]!);
      });
    }),
  );
  return results;
}

/** Each item's requests in order, from one page of `from`; the items side by side. */
export async function probeSequenceEach<T>(
  session: BrowserSession,
  from: OriginKey,
  items: readonly T[],
  steps: (item: T) => readonly ProbeRequest[],
): Promise<Map<T, ProbeResult[]>> {
  const outcomes = await session.probeSequencesFrom(from, items.map(steps));
  return new Map(items.map((item, index) => [item, outcomes[index]!]));
}
