// The generated conformance matrix: every policy × request × page origin × adapter, run by real
// Chromium. Each scenario asserts that what script could read, what preflight Chromium sent and
// what reached the handler are exactly what corsguard's decisions predict through the Fetch model
// (support/fetch-model.ts). Unique URLs per scenario keep Chromium's preflight cache out of it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCors, type Cors } from '../../../src/index.ts';
import { chromiumUnavailable } from '../../support/chromium.ts';
import { ADAPTER_NAMES, startApi, type AdapterName, type ApiServer } from '../support/api-server.ts';
import { openSession, ORIGIN_KEYS, type BrowserSession, type OriginKey } from '../support/browser-session.ts';
import type { ProbeRequest, ProbeResult } from '../support/probe.ts';
import { MATRIX_COOKIE, observeOutcome, predictOutcome, READ_HEADERS, scenarioUrl } from './matrix/outcome.ts';
import { POLICIES, type MatrixPolicy } from './matrix/policies.ts';
import { REQUESTS, type MatrixRequest } from './matrix/requests.ts';

interface Scenario {
  readonly id: string;
  readonly adapter: AdapterName;
  readonly policyIndex: number;
  readonly request: MatrixRequest;
  readonly from: OriginKey;
}

function generate(adapter: AdapterName, adapterIndex: number, policy: MatrixPolicy, policyIndex: number): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const from of ORIGIN_KEYS) {
    REQUESTS.forEach((request, requestIndex) => {
      if (!policy.full.includes(from) && !request.short) return;
      scenarios.push({ id: `m${adapterIndex}-${policyIndex}-${requestIndex}-${from}`, adapter, policyIndex, request, from });
    });
  }
  return scenarios;
}

const unavailable = chromiumUnavailable();

describe('Chromium conformance matrix', { skip: unavailable }, () => {
  let session: BrowserSession;
  const servers = new Map<string, ApiServer>();
  const engines: Cors[] = [];
  const results = new Map<string, ProbeResult>();
  const key = (adapter: AdapterName, policyIndex: number) => `${adapter}/${policyIndex}`;
  const all = ADAPTER_NAMES.flatMap((adapter, adapterIndex) =>
    POLICIES.flatMap((policy, policyIndex) => generate(adapter, adapterIndex, policy, policyIndex)),
  );

  before(async () => {
    session = await openSession();
    const options = POLICIES.map((policy) => policy.options(session.origins));
    engines.push(...options.map((policyOptions) => createCors(policyOptions)));
    await Promise.all(
      ADAPTER_NAMES.flatMap((adapter) =>
        options.map(async (policyOptions, policyIndex) => servers.set(key(adapter, policyIndex), await startApi(adapter, policyOptions))),
      ),
    );
    // Cookies belong to the host, not the port: one first-party visit sets it for every API server.
    await session.visit(servers.get(key(ADAPTER_NAMES[0]!, 0))!.url(`/set-cookie?name=${MATRIX_COOKIE.name}&value=${MATRIX_COOKIE.value}`));

    await Promise.all(
      ORIGIN_KEYS.map(async (from) => {
        const batch = all.filter((scenario) => scenario.from === from);
        const requests: ProbeRequest[] = batch.map(({ id, adapter, policyIndex, request }) => ({
          url: scenarioUrl(servers.get(key(adapter, policyIndex))!, request, id),
          method: request.method,
          headers: request.headers ?? {},
          body: request.body,
          bodyType: request.bodyType,
          credentials: request.credentials ?? 'same-origin',
          read: READ_HEADERS,
        }));
        const outcomes = await session.probeFrom(from, requests);
        batch.forEach((scenario, index) => results.set(scenario.id, outcomes[index]!));
      }),
    );
  });

  after(async () => {
    await session?.close();
    await Promise.all([...servers.values()].map((server) => server.close()));
  });

  for (const adapter of ADAPTER_NAMES) {
    describe(`adapter: ${adapter}`, () => {
      POLICIES.forEach((policy, policyIndex) => {
        describe(policy.name, () => {
          for (const scenario of all.filter((s) => s.adapter === adapter && s.policyIndex === policyIndex)) {
            it(`from ${scenario.from}: ${scenario.request.name}`, async () => {
              const api = servers.get(key(adapter, policyIndex))!;
              const expected = await predictOutcome(engines[policyIndex]!, api, scenario.request, session.serialize(scenario.from));
              const observed = observeOutcome(results.get(scenario.id)!, api.log, scenario.id);
              assert.deepEqual(observed, expected);
            });
          }
        });
      });
    });
  }
});
