import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { audit } from '../../src/audit/index.ts';
import { createLimiter } from '../../src/audit/limiter.ts';
import { USER_AGENT, VERSION } from '../../src/audit/version.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import packageJson from '../../package.json' with { type: 'json' };

const TRUSTED = 'https://app.example.com';
const arrivals: IncomingMessage[] = [];
let inFlight = 0;
let maxInFlight = 0;
let server: Running;
const answer = allowWhen((origin) => origin === TRUSTED, { credentials: true });

before(async () => {
  server = await listen((request, response) => {
    arrivals.push(request);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Held briefly, so that requests overlap when the audit allows it.
    setTimeout(() => {
      inFlight--;
      answer(request, response);
    }, 5);
  });
});
after(() => server.close());

const run = async (options: Parameters<typeof audit>[1]) => {
  arrivals.length = 0;
  maxInFlight = 0;
  const report = await audit([`http://127.0.0.1:${server.port}/data`], { origins: [TRUSTED], ...options });
  return { report, methods: new Set(arrivals.map((request) => request.method ?? '')) };
};

describe('safe by default', () => {
  test('only GET, HEAD and OPTIONS reach the server without --unsafe, even for declared PUT and DELETE', async () => {
    const { report, methods } = await run({
      methods: ['PUT', 'DELETE'],
      headers: [['Content-Type', 'application/json']],
      credentials: true,
    });
    assert.equal(report.targets[0]?.error, undefined);
    assert.deepEqual(
      [...methods].filter((method) => !['GET', 'HEAD', 'OPTIONS'].includes(method)),
      [],
    );
  });

  test('with --unsafe the declared method and the simple POST are sent', async () => {
    const { methods } = await run({ methods: ['PUT'], unsafe: true });
    assert.ok(methods.has('PUT'));
    assert.ok(methods.has('POST'));
  });

  test('every request carries the honest User-Agent and no cookie', async () => {
    await run({});
    assert.ok(arrivals.length > 20);
    for (const request of arrivals) {
      assert.equal(request.headers['user-agent'], USER_AGENT);
      assert.equal(request.headers.cookie, undefined);
    }
    assert.match(USER_AGENT, /^corsguard-audit\//);
  });

  const concurrencyRows = [1, 3, 8];
  for (const concurrency of concurrencyRows) {
    test(`at most --concurrency ${concurrency} requests in flight`, async () => {
      await run({ concurrency });
      assert.ok(maxInFlight <= concurrency, `${maxInFlight} in flight`);
      if (concurrency > 1) assert.ok(maxInFlight > 1, 'requests overlapped');
    });
  }

  test("the version sent is package.json's", () => {
    assert.equal(VERSION, packageJson.version);
  });
});

describe('limiter', () => {
  // On a mocked clock: on the real one, Node's timers count from the event loop's cached time, so
  // under load a start may come a few ms before Date.now() says its interval is up, and a bound on
  // wall-clock spacing flakes. Here each start's time is exact, and one early or one late fails.
  test('--rate N starts at most N requests a second: one every 1000/N ms, the first at once', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const limiter = createLimiter(10, 50);
    const starts: number[] = [];
    const all = Promise.all(Array.from({ length: 11 }, () => limiter.run(async () => void starts.push(Date.now()))));
    const startedBy: Record<number, number> = {};
    for (let ms = 0; ms <= 200; ms++) {
      await new Promise((resolve) => setImmediate(resolve));
      startedBy[ms] = starts.length;
      t.mock.timers.tick(1);
    }
    await all;
    assert.deepEqual(
      starts,
      Array.from({ length: 11 }, (_, i) => i * 20),
    );
    // No start before its interval is up: 1 at 0 ms, 2 by 20 ms, 6 by 119 ms, all 11 only at 200 ms.
    assert.deepEqual(
      [startedBy[0], startedBy[19], startedBy[20], startedBy[119], startedBy[199], startedBy[200]],
      [1, 1, 2, 6, 10, 11],
    );
  });

  test('a failing task frees its slot', async () => {
    const limiter = createLimiter(1, 0);
    await assert.rejects(limiter.run(() => Promise.reject(new Error('boom'))));
    assert.equal(await limiter.run(async () => 'next'), 'next');
  });
});
