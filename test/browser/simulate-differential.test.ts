// The simulator against real Chromium: seeded, generated CORS answers and fetch() calls; the
// simulator's verdict (ok or TypeError, readable headers, which requests reach the server, the
// reason) must equal Chromium's in every case. Reproduce with DIFF_SEED / DIFF_CASES.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumUnavailable, launchChromium } from '../support/chromium.ts';
import { generateCases, type DifferentialCase } from './differential/cases.ts';
import { chromiumReason, type CaseOutcome } from './differential/outcome.ts';
import { caseUrl } from './differential/respond.ts';
import { runInChromium } from './differential/run-chromium.ts';
import { runInSimulator } from './differential/run-simulator.ts';
import { startDifferentialServer, type DifferentialServer } from './differential/server.ts';

const SEED = Number(process.env.DIFF_SEED ?? 0x5eed);
const COUNT = Number(process.env.DIFF_CASES ?? 1000);
const unavailable = chromiumUnavailable();

const CLIENT_HINTS = new Set(['dpr', 'width', 'viewport-width', 'ect', 'rtt', 'downlink', 'device-memory', 'save-data']);
const sends = (item: DifferentialCase, test: (name: string) => boolean) => item.fetches.some((spec) => spec.headers.some(([name]) => test(name.toLowerCase())));
const redirects = (item: DifferentialCase) => item.server.actual.status === 301;

/** The Chromium deviations the model records (src/simulate/model.ts), and the cases they can touch. */
const DEVIATIONS: [string, (item: DifferentialCase) => boolean][] = [
  ['client hints are safelisted', (item) => sends(item, (name) => CLIENT_HINTS.has(name))],
  ['client hints are dropped on redirects away from the page', (item) => redirects(item) && sends(item, (name) => CLIENT_HINTS.has(name))],
  ["'*' covers Authorization in the preflight check", (item) => sends(item, (name) => name === 'authorization') && (item.server.preflight.acah ?? '').includes('*')],
  ['tainted preflights are not cached', (item) => item.fetches.length === 2 && redirects(item) && item.server.actual.redirect !== 'same'],
  ['max-age may be signed', (item) => item.fetches.length === 2 && ['+10', '-1'].includes(item.server.preflight.maxAge ?? '')],
];

interface Disagreement {
  readonly id: number;
  readonly case: DifferentialCase;
  readonly chromium: CaseOutcome;
  readonly simulator: CaseOutcome;
}

describe(`simulator vs Chromium (${COUNT} cases, seed ${SEED})`, { skip: unavailable }, () => {
  const cases = generateCases(SEED, COUNT);
  let server: DifferentialServer;
  let browser: Browser;
  const chromium = new Map<number, CaseOutcome>();
  const simulator = new Map<number, CaseOutcome>();
  const standard = new Map<number, CaseOutcome>();

  before(async () => {
    server = await startDifferentialServer();
    browser = await launchChromium();
    const urlOf = (item: DifferentialCase) => caseUrl(server.hosts, item.id, item.server);
    const run = await runInChromium(browser, server.pageUrl, cases, urlOf, { pages: 4, batch: 25 });
    for (const item of cases) {
      chromium.set(item.id, {
        fetches: run.outcomes.get(item.id) ?? [],
        arrivals: server.arrivals.get(item.id) ?? [],
        reasons: (run.messages.get(item.id) ?? []).map(chromiumReason),
      });
      simulator.set(item.id, await runInSimulator(item, urlOf(item), server.hosts));
      standard.set(item.id, await runInSimulator(item, urlOf(item), server.hosts, 'fetch'));
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  function disagreements(pick: (outcome: CaseOutcome) => unknown): Disagreement[] {
    return cases
      .filter((item) => JSON.stringify(pick(chromium.get(item.id)!)) !== JSON.stringify(pick(simulator.get(item.id)!)))
      .map((item) => ({ id: item.id, case: item, chromium: chromium.get(item.id)!, simulator: simulator.get(item.id)! }));
  }

  function report(found: Disagreement[]): string {
    return `${found.length} of ${cases.length} cases disagree; first ones:\n${found
      .slice(0, 5)
      .map((entry) => JSON.stringify(entry, null, 1))
      .join('\n')}`;
  }

  test('every case ran in Chromium', () => {
    const missing = cases.filter((item) => (chromium.get(item.id)?.fetches.length ?? 0) !== item.fetches.length);
    assert.deepEqual(missing.map((item) => item.id), []);
  });

  test('fetch resolves or rejects alike, with the same status and readable headers', () => {
    const found = disagreements((outcome) => outcome.fetches);
    assert.equal(found.length, 0, report(found));
  });

  test('the same requests reach the server (preflights with the same ACRM/ACRH, actual requests, redirect hops)', () => {
    const found = disagreements((outcome) => outcome.arrivals);
    assert.equal(found.length, 0, report(found));
  });

  test("every failure has the reason Chromium's console names", () => {
    const found = disagreements((outcome) => outcome.reasons);
    assert.equal(found.length, 0, report(found));
  });

  test("each Chromium deviation in the model is needed: the standard's model misses exactly those cases", () => {
    const missed = cases.filter((item) => JSON.stringify(chromium.get(item.id)) !== JSON.stringify(standard.get(item.id)));
    const explained = new Map(DEVIATIONS.map(([name]) => [name, 0]));
    const unexplained: number[] = [];
    for (const item of missed) {
      const names = DEVIATIONS.filter(([, applies]) => applies(item)).map(([name]) => name);
      if (names.length === 0) unexplained.push(item.id);
      for (const name of names) explained.set(name, (explained.get(name) ?? 0) + 1);
    }
    assert.deepEqual(unexplained, [], 'disagreements of the standard model that no known deviation explains');
    for (const [name, count] of explained) assert.ok(count > 0, `deviation '${name}' never showed up`);
  });

  test('the cases exercise both outcomes, preflights, the cache and redirects', () => {
    const all = [...chromium.values()];
    const fetches = all.flatMap((outcome) => outcome.fetches);
    const allowed = fetches.filter((outcome) => outcome.ok).length;
    assert.ok(allowed > fetches.length * 0.15 && allowed < fetches.length * 0.85, `${allowed} of ${fetches.length} allowed`);
    const arrivals = all.flatMap((outcome) => outcome.arrivals);
    assert.ok(arrivals.filter((line) => line.startsWith('OPTIONS') && line.includes('acrm=')).length > 100, 'preflights');
    assert.ok(arrivals.filter((line) => line.includes('/h2')).length > 20, 'redirect hops');
    assert.ok(arrivals.filter((line) => line.includes('origin=null')).length > 5, 'tainted origins');
    const cached = cases.filter((item) => item.fetches.length === 2 && chromium.get(item.id)!.arrivals.filter((line) => line.includes('acrm=')).length === 1 && chromium.get(item.id)!.fetches.every((f) => f.ok));
    assert.ok(cached.length > 5, `${cached.length} second fetches served from the preflight cache`);
  });
});
