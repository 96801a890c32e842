// The preflight cache in both models, with an injected clock.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PreflightCache } from '../../src/simulate/cache/preflight-cache.ts';
import type { PreflightResult } from '../../src/simulate/checks/preflight-check.ts';

const origin = 'https://app.example';
const url = 'https://api.example/items';

function result(fields: Partial<PreflightResult>): PreflightResult {
  return { methods: new Set(), headers: new Set(), credentials: false, maxAgeSeconds: 5, ...fields };
}

function cacheAt(model: 'chromium' | 'fetch') {
  const clock = { now: 0 };
  const cache = new PreflightCache({ model, now: () => clock.now });
  return { cache, clock };
}

const lookup = (method: string, unsafeHeaders: string[] = [], credentials = false) => ({
  origin,
  url,
  method,
  unsafeHeaders,
  credentials,
});

describe('preflight cache', () => {
  for (const model of ['chromium', 'fetch'] as const) {
    test(`[${model}] a stored result covers the same request until max-age passes`, () => {
      const { cache, clock } = cacheAt(model);
      cache.store(origin, url, result({ methods: new Set(['PUT']), maxAgeSeconds: 5 }));
      assert.equal(cache.covers(lookup('PUT')), true);
      clock.now = 4999;
      assert.equal(cache.covers(lookup('PUT')), true);
      clock.now = 5000;
      assert.equal(cache.covers(lookup('PUT')), false);
    });
    test(`[${model}] max-age 0 is never served`, () => {
      const { cache } = cacheAt(model);
      cache.store(origin, url, result({ methods: new Set(['PUT']), maxAgeSeconds: 0 }));
      assert.equal(cache.covers(lookup('PUT')), false);
    });
    test(`[${model}] a non-credentialed result never serves a credentialed request`, () => {
      const { cache } = cacheAt(model);
      cache.store(origin, url, result({ methods: new Set(['PUT']) }));
      assert.equal(cache.covers(lookup('PUT', [], true)), false);
    });
    test(`[${model}] a credentialed result serves a non-credentialed request`, () => {
      const { cache } = cacheAt(model);
      cache.store(origin, url, result({ methods: new Set(['PUT']), credentials: true }));
      assert.equal(cache.covers(lookup('PUT')), true);
    });
    test(`[${model}] another URL or origin is not covered`, () => {
      const { cache } = cacheAt(model);
      cache.store(origin, url, result({ methods: new Set(['PUT']) }));
      assert.equal(cache.covers({ ...lookup('PUT'), url: `${url}/1` }), false);
      assert.equal(cache.covers({ ...lookup('PUT'), origin: 'https://other.example' }), false);
    });
    test(`[${model}] an unlisted header is not covered`, () => {
      const { cache } = cacheAt(model);
      cache.store(origin, url, result({ headers: new Set(['x-a']) }));
      assert.equal(cache.covers(lookup('GET', ['x-a'])), true);
      assert.equal(cache.covers(lookup('GET', ['x-a', 'x-b'])), false);
    });
  }
  test('[chromium] a new preflight replaces the record: earlier permissions are forgotten', () => {
    const { cache } = cacheAt('chromium');
    cache.store(origin, url, result({ methods: new Set(['PUT']), maxAgeSeconds: 600 }));
    cache.store(origin, url, result({ methods: new Set(['PATCH']), maxAgeSeconds: 600 }));
    assert.equal(cache.covers(lookup('PATCH')), true);
    assert.equal(cache.covers(lookup('PUT')), false);
  });
  test('[fetch] entries from several preflights merge, each with its own expiry', () => {
    const { cache, clock } = cacheAt('fetch');
    cache.store(origin, url, result({ methods: new Set(['PUT']), maxAgeSeconds: 600 }));
    cache.store(origin, url, result({ methods: new Set(['PATCH']), maxAgeSeconds: 10 }));
    assert.equal(cache.covers(lookup('PUT')), true);
    assert.equal(cache.covers(lookup('PATCH')), true);
    clock.now = 10_000;
    assert.equal(cache.covers(lookup('PATCH')), false);
    assert.equal(cache.covers(lookup('PUT')), true);
  });
  test('[chromium] max-age is capped at 2 hours', () => {
    const { cache, clock } = cacheAt('chromium');
    cache.store(origin, url, result({ methods: new Set(['PUT']), maxAgeSeconds: 86400 }));
    clock.now = 7200 * 1000 - 1;
    assert.equal(cache.covers(lookup('PUT')), true);
    clock.now = 7200 * 1000;
    assert.equal(cache.covers(lookup('PUT')), false);
  });
  test('[fetch] a wildcard record covers any header except Authorization', () => {
    const { cache } = cacheAt('fetch');
    cache.store(origin, url, result({ headers: new Set(['*']) }));
    assert.equal(cache.covers(lookup('GET', ['x-anything'])), true);
    assert.equal(cache.covers(lookup('GET', ['authorization'])), false);
  });
  test('[chromium] a wildcard record never serves Authorization from the cache (though the preflight check lets it pass)', () => {
    const { cache } = cacheAt('chromium');
    cache.store(origin, url, result({ headers: new Set(['*']) }));
    assert.equal(cache.covers(lookup('GET', ['x-anything'])), true);
    assert.equal(cache.covers(lookup('GET', ['authorization'])), false);
  });
});
