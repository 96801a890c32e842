// Cookies across sites, in each engine and in its model: every cookie of the matrix
// (cookies/matrix.ts: SameSite × Secure × Partitioned × set by a visit, a same-site answer, a
// cross-site answer, a cross-site answer refused by CORS, a cross-site fetch without credentials)
// is set in the engine, then every request (from a same-site and a cross-site page; credentials
// omit, same-origin and include; simple, preflighted and redirected) goes to the API, and the
// server logs which cookies reached it on each exchange. simulateFetch with the engine's model
// must predict exactly that, row by row (src/simulate/engines/cookie-rules.ts says what each
// engine does). Only the engines' default settings are measured.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { siteOf } from '../../src/simulate/cookies/site.ts';
import { COOKIES, REQUESTS, SETTERS, setCookieLine } from './cookies/matrix.ts';
import { measureCookies, type Measured } from './cookies/measure.ts';
import { predictCookies } from './cookies/predict.ts';
import { startCookieServer, type Arrival, type CookieServer } from './cookies/server.ts';
import { ENGINE_NAMES, ENGINES } from './support/driver.ts';

/** Per request id and stage, the cookie names: `echo` etc. joined, for a readable diff. */
const arrivalsOf = (list: readonly Arrival[] | undefined) =>
  (list ?? []).map(({ at, cookies }) => `${at}: ${cookies.join(' ')}`);

/** The request ids (and stage) on which a cookie arrived. */
function travels(arrivals: ReadonlyMap<string, readonly Arrival[]>, name: string): string[] {
  return REQUESTS.flatMap((spec) =>
    (arrivals.get(spec.id) ?? [])
      .filter((arrival) => arrival.cookies.includes(name))
      .map((arrival) => `${spec.id}@${arrival.at}`),
  );
}

for (const engine of ENGINE_NAMES) {
  // `TITLE [ENGINE]`, as support/suite.ts's engineTitle (not imported: suite.ts loads every adapter).
  describe(`cookies across sites: the engine against its model [${engine}]`, {
    skip: ENGINES[engine].unavailable(),
  }, () => {
    let server: CookieServer;
    let measured: Measured;
    let predicted: Map<string, Arrival[]>;

    before(async () => {
      server = await startCookieServer();
      const driver = await ENGINES[engine].open();
      try {
        measured = await measureCookies(driver, server);
      } finally {
        await driver.close();
      }
      predicted = await predictCookies(engine, server);
    });
    after(async () => {
      await server?.close();
    });

    test('the pages are one site with the API and another site, as the model computes sites', () => {
      assert.equal(siteOf(server.pages['same-site']), siteOf(server.api));
      assert.notEqual(siteOf(server.pages['cross-site']), siteOf(server.api));
    });

    test('each setting fetch resolves, but the one whose answer fails the CORS check', () => {
      assert.deepEqual(
        measured.setFetches,
        Object.fromEntries(SETTERS.map((setter) => [setter.by, setter.by !== 'cross-site-refused'])),
      );
    });

    for (const spec of REQUESTS) {
      test(`request ${spec.id}: the cookies on each exchange are the model's`, () => {
        assert.deepEqual(arrivalsOf(measured.arrivals.get(spec.id)), arrivalsOf(predicted.get(spec.id)));
      });
    }

    for (const cookie of COOKIES) {
      test(`cookie ${cookie.name} (${setCookieLine(cookie).replace(/^[^;]*; Path=\/;? ?/, '') || 'no attributes'}, set by ${cookie.setBy}): travels where the model says`, () => {
        assert.deepEqual(travels(measured.arrivals, cookie.name), travels(predicted, cookie.name));
      });
    }
  });
}
