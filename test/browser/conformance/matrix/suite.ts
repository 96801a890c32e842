// The conformance matrix as a browser suite: which scenarios (policy × request × page origin) and
// in which engines is up to the test file. Each scenario asserts that what script could read, what
// preflight the engine sent and what reached the handler are exactly what corsguard's decisions
// predict through the Fetch model (support/fetch-model.ts). Unique URLs per scenario keep the
// preflight cache out of it.
import assert from 'node:assert/strict';
import { createCors, type Cors } from '../../../../src/index.ts';
import type { OriginKey } from '../../support/browser-session.ts';
import type { EngineName } from '../../support/driver.ts';
import type { PageOrigins } from '../../support/pages.ts';
import { describeBrowserSuite, probeEach, type SuiteCase, type TestCalls } from '../../support/suite.ts';
import { MATRIX_COOKIE, observeOutcome, predictOutcome, READ_HEADERS, scenarioUrl } from './outcome.ts';
import { POLICIES, type MatrixPolicy } from './policies.ts';
import type { MatrixRequest } from './requests.ts';

export interface Scenario extends SuiteCase {
  readonly matrixPolicy: MatrixPolicy;
  readonly request: MatrixRequest;
  readonly from: OriginKey;
}

/** Every policy, each with the requests `pick` chooses for it from each origin. */
export function scenarios(
  origins: readonly OriginKey[],
  pick: (policy: MatrixPolicy, from: OriginKey) => readonly MatrixRequest[],
): Scenario[] {
  return POLICIES.flatMap((matrixPolicy) =>
    origins.flatMap((from) =>
      pick(matrixPolicy, from).map((request) => ({
        rule: `from ${from}: ${request.name}`,
        policy: matrixPolicy.options,
        matrixPolicy,
        request,
        from,
      })),
    ),
  );
}

/** One corsguard engine per policy and session (each browser session has its own page origins), with the options the servers got, to predict their answers. */
const engines = new Map<string, Cors>();
const engineFor = (policy: MatrixPolicy, origins: PageOrigins) => {
  const key = `${policy.name} ${origins.A} ${origins.A2}`;
  if (!engines.has(key)) engines.set(key, createCors(policy.options(origins)));
  return engines.get(key)!;
};

export function describeMatrix(
  here: TestCalls,
  title: string,
  browsers: readonly EngineName[],
  cases: readonly Scenario[],
): void {
  describeBrowserSuite({
    here,
    title,
    engines: browsers,
    cases,
    group: (scenario) => scenario.matrixPolicy.name,
    // One server per policy and adapter: the scenarios' unique URLs and ids keep them apart.
    serverKey: (scenario) => scenario.matrixPolicy,
    cookie: MATRIX_COOKIE,
    run: (session, runs) =>
      probeEach(
        session,
        runs,
        (run) => run.case.from,
        ({ api, case: { request }, id }) => ({
          url: scenarioUrl(api, request, id),
          method: request.method,
          headers: request.headers ?? {},
          body: request.body,
          bodyType: request.bodyType,
          credentials: request.credentials ?? 'same-origin',
          read: READ_HEADERS,
        }),
      ),
    async check({ api, case: { matrixPolicy, request, from }, id }, result, session) {
      const expected = await predictOutcome(
        engineFor(matrixPolicy, session.origins),
        api,
        request,
        session.serialize(from),
      );
      assert.deepEqual(observeOutcome(result, api.log, id), expected);
    },
  });
}
