// The simulator against real browsers: seeded, generated CORS answers and fetch() calls, run in
// each engine and through simulateFetch with that engine's model. Each model must agree with its
// engine in every case: whether fetch resolved (status, readable headers, redirected) and which
// requests reached the server (preflights with their Origin, ACRM and ACRH; requests with their
// Origin and watched headers; redirect hops). No engine's console text is read. The standard's
// model (`fetch`) runs beside each: every case where it differs from the engine must be explained
// by a deviation the engine's model records, and every recorded deviation must show up.
// Sequences of fetches to one URL exercise each engine's preflight cache; what reached the server
// is compared for every fetch of every case in every engine. Reproduce with DIFF_SEED / DIFF_CASES.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, type EngineName } from './support/driver.ts';
import { engineTitle } from './support/suite.ts';
import { generateCases, type DifferentialCase } from './differential/cases.ts';
import { DEVIATIONS } from './differential/deviations.ts';
import type { CaseOutcome } from './differential/outcome.ts';
import { caseUrl } from './differential/respond.ts';
import { runInBrowser } from './differential/run-browser.ts';
import { runInSimulator } from './differential/run-simulator.ts';
import { startDifferentialServer, type DifferentialServer } from './differential/server.ts';

const SEED = Number(process.env.DIFF_SEED ?? 0x5eed);
const COUNT = Number(process.env.DIFF_CASES ?? 1000);
const DIFF_ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

interface Disagreement {
  readonly id: number;
  readonly case: DifferentialCase;
  readonly engine: CaseOutcome;
  readonly simulator: CaseOutcome;
}

for (const engine of DIFF_ENGINES) {
  describe(engineTitle(`simulator vs ${engine} (${COUNT} cases, seed ${SEED})`, engine), {
    skip: ENGINES[engine].unavailable(),
  }, () => {
    const cases = generateCases(SEED, COUNT);
    let server: DifferentialServer;
    const real = new Map<number, CaseOutcome>();
    const simulator = new Map<number, CaseOutcome>();
    const standard = new Map<number, CaseOutcome>();

    before(async () => {
      server = await startDifferentialServer();
      const urlOf = (item: DifferentialCase) => caseUrl(server.hosts, item.id, item.server);
      const driver = await ENGINES[engine].open();
      let outcomes;
      try {
        outcomes = await runInBrowser(driver, server.pageUrl, cases, urlOf, { pages: 4, batch: 25 });
      } finally {
        await driver.close();
      }
      for (const item of cases) {
        real.set(item.id, { fetches: outcomes.get(item.id) ?? [], arrivals: server.arrivals.get(item.id) ?? [] });
        simulator.set(item.id, await runInSimulator(item, urlOf(item), server.hosts, engine));
        standard.set(item.id, await runInSimulator(item, urlOf(item), server.hosts, 'fetch'));
      }
    });
    after(async () => {
      await server?.close();
    });

    function disagreements(pick: (outcome: CaseOutcome) => unknown): Disagreement[] {
      return cases
        .filter((item) => JSON.stringify(pick(real.get(item.id)!)) !== JSON.stringify(pick(simulator.get(item.id)!)))
        .map((item) => ({ id: item.id, case: item, engine: real.get(item.id)!, simulator: simulator.get(item.id)! }));
    }

    function report(found: Disagreement[]): string {
      return `${found.length} of ${cases.length} cases disagree; first ones:\n${found
        .slice(0, 5)
        .map((entry) => JSON.stringify(entry, null, 1))
        .join('\n')}`;
    }

    test(`every case ran in ${engine}`, () => {
      const missing = cases.filter((item) => (real.get(item.id)?.fetches.length ?? 0) !== item.fetches.length);
      assert.deepEqual(
        missing.map((item) => item.id),
        [],
      );
    });

    test('fetch resolves or rejects alike, with the same status and readable headers', () => {
      const found = disagreements((outcome) => outcome.fetches);
      assert.equal(found.length, 0, report(found));
    });

    test('the same requests reach the server (preflights with the same Origin, ACRM and ACRH, actual requests, redirect hops)', () => {
      const found = disagreements((outcome) => outcome.arrivals);
      assert.equal(found.length, 0, report(found));
    });

    test(`each ${engine} deviation in the model is needed: the standard's model misses exactly those cases`, () => {
      const deviations = DEVIATIONS[engine];
      const missed = cases.filter(
        (item) => JSON.stringify(real.get(item.id)) !== JSON.stringify(standard.get(item.id)),
      );
      const explained = new Map(deviations.map(([name]) => [name, 0]));
      const unexplained: number[] = [];
      for (const item of missed) {
        const names = deviations.filter(([, applies]) => applies(item)).map(([name]) => name);
        if (names.length === 0) unexplained.push(item.id);
        for (const name of names) explained.set(name, (explained.get(name) ?? 0) + 1);
      }
      assert.deepEqual(unexplained, [], 'disagreements of the standard model that no known deviation explains');
      for (const [name, count] of explained) assert.ok(count > 0, `deviation '${name}' never showed up`);
    });

    test('the cases exercise both outcomes, preflights, the cache and redirects of every status', () => {
      const all = [...real.values()];
      const fetches = all.flatMap((outcome) => outcome.fetches);
      const allowed = fetches.filter((outcome) => outcome.ok).length;
      assert.ok(
        allowed > fetches.length * 0.15 && allowed < fetches.length * 0.85,
        `${allowed} of ${fetches.length} allowed`,
      );
      const arrivals = all.flatMap((outcome) => outcome.arrivals);
      assert.ok(
        arrivals.filter((line) => line.startsWith('OPTIONS') && line.includes('acrm=')).length > 100,
        'preflights',
      );
      assert.ok(arrivals.filter((line) => line.includes('/h2')).length > 20, 'redirect hops');
      assert.ok(arrivals.filter((line) => line.includes('origin=null')).length > 5, 'tainted origins');
      for (const status of [301, 302, 303, 307, 308]) {
        const followed = cases.filter(
          (item) =>
            item.server.actual.status === status && real.get(item.id)!.arrivals.some((line) => line.includes('/h2')),
        );
        assert.ok(followed.length > 5, `${followed.length} redirects with status ${status} followed`);
      }
      const cached = cases.filter(
        (item) =>
          item.fetches.length === 2 &&
          real.get(item.id)!.arrivals.filter((line) => line.includes('acrm=')).length === 1 &&
          real.get(item.id)!.fetches.every((f) => f.ok),
      );
      assert.ok(cached.length > 5, `${cached.length} second fetches served from the preflight cache`);
    });
  });
}
