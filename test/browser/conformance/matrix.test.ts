// The generated conformance matrix: every policy × request × page origin × adapter, run by real
// Chromium. Each scenario asserts that what script could read, what preflight Chromium sent and
// what reached the handler are exactly what corsguard's decisions predict through the Fetch model
// (support/fetch-model.ts). Unique URLs per scenario keep Chromium's preflight cache out of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCors, type Cors } from '../../../src/index.ts';
import { ORIGIN_KEYS, type OriginKey } from '../support/browser-session.ts';
import type { PageOrigins } from '../support/pages.ts';
import { describeBrowserSuite, probeEach, type SuiteCase } from '../support/suite.ts';
import { MATRIX_COOKIE, observeOutcome, predictOutcome, READ_HEADERS, scenarioUrl } from './matrix/outcome.ts';
import { POLICIES, type MatrixPolicy } from './matrix/policies.ts';
import { REQUESTS, type MatrixRequest } from './matrix/requests.ts';

interface Scenario extends SuiteCase {
  readonly matrixPolicy: MatrixPolicy;
  readonly request: MatrixRequest;
  readonly from: OriginKey;
}

/** Per policy: every request from its `full` origins, the short list from the others. */
const SCENARIOS: readonly Scenario[] = POLICIES.flatMap((matrixPolicy) =>
  ORIGIN_KEYS.flatMap((from) =>
    REQUESTS.filter((request) => matrixPolicy.full.includes(from) || request.short).map((request) => ({
      rule: `from ${from}: ${request.name}`,
      policy: matrixPolicy.options,
      matrixPolicy,
      request,
      from,
    })),
  ),
);

/** One engine per policy, with the options the servers got, to predict their answers. */
const engines = new Map<MatrixPolicy, Cors>();
const engineFor = (policy: MatrixPolicy, origins: PageOrigins) => {
  if (!engines.has(policy)) engines.set(policy, createCors(policy.options(origins)));
  return engines.get(policy)!;
};

describeBrowserSuite({
  here: { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  title: 'conformance matrix',
  // The full adapter matrix runs in Chromium; matrix-slice.test.ts runs a slice of it in every engine.
  engines: ['chromium'],
  cases: SCENARIOS,
  group: (scenario) => scenario.matrixPolicy.name,
  // One server per policy and adapter: the scenarios' unique URLs and ids keep them apart.
  serverKey: (scenario) => scenario.matrixPolicy,
  cookie: MATRIX_COOKIE,
  run: (session, runs) =>
    probeEach(session, runs, (run) => run.case.from, ({ api, case: { request }, id }) => ({
      url: scenarioUrl(api, request, id),
      method: request.method,
      headers: request.headers ?? {},
      body: request.body,
      bodyType: request.bodyType,
      credentials: request.credentials ?? 'same-origin',
      read: READ_HEADERS,
    })),
  async check({ api, case: { matrixPolicy, request, from }, id }, result, session) {
    const expected = await predictOutcome(engineFor(matrixPolicy, session.origins), api, request, session.serialize(from));
    assert.deepEqual(observeOutcome(result, api.log, id), expected);
  },
});
