// The cookie differential: generated cookie cases (cookies/generated.ts: a cookie's attributes,
// how it was set, then one request), run in each engine and through simulateFetch with that
// engine's model; on every case, the stages of the request its cookie reached the server on must
// be the model's. Two seeds; reproduce one with COOKIE_SEED / COOKIE_CASES.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateCookieCases, generatedAnswer, type GeneratedCase } from './cookies/generated.ts';
import { runGeneratedInBrowser, runGeneratedInSimulator, stagesFrom } from './cookies/generated-run.ts';
import { startCookieServer, type CookieServer } from './cookies/server.ts';
import { ENGINE_NAMES, ENGINES } from './support/driver.ts';

const SEEDS = process.env.COOKIE_SEED ? [Number(process.env.COOKIE_SEED)] : [0xc0de, 0xbeef];
const COUNT = Number(process.env.COOKIE_CASES ?? 1000);

for (const engine of ENGINE_NAMES) {
  for (const seed of SEEDS) {
    // `TITLE [ENGINE]`, as support/suite.ts's engineTitle (not imported: suite.ts loads every adapter).
    describe(`cookie differential: ${COUNT} cases, seed ${seed} [${engine}]`, {
      skip: ENGINES[engine].unavailable(),
    }, () => {
      const cases = generateCookieCases(seed, COUNT);
      let server: CookieServer;
      let real: Map<number, string[]>;
      let simulated: Map<number, string[]>;

      before(async () => {
        server = await startCookieServer(generatedAnswer(cases));
        const driver = await ENGINES[engine].open();
        try {
          await runGeneratedInBrowser(driver, server.port, cases);
        } finally {
          await driver.close();
        }
        real = stagesFrom(cases, server.arrivals);
        simulated = await runGeneratedInSimulator(engine, server.port, cases);
      });
      after(async () => {
        await server?.close();
      });

      test('every case reached the server', () => {
        assert.deepEqual(
          cases.filter((item) => !server.arrivals.has(String(item.id))).map((item) => item.id),
          [],
        );
      });

      test('on every case, the cookie reached the server where the model says', () => {
        const disagreements = cases
          .filter((item) => JSON.stringify(real.get(item.id)) !== JSON.stringify(simulated.get(item.id)))
          .map((item: GeneratedCase) => ({ case: item, engine: real.get(item.id), model: simulated.get(item.id) }));
        assert.deepEqual(disagreements.slice(0, 10), [], `${disagreements.length} of ${cases.length} cases disagree`);
      });

      test('the cases are not all alike: some cookies arrive and some do not', () => {
        const arrived = cases.filter((item) => (real.get(item.id) ?? []).length > 0).length;
        assert.ok(
          arrived > cases.length / 20 && arrived < cases.length - cases.length / 20,
          `${arrived} of ${cases.length} arrived`,
        );
      });
    });
  }
}
