// reconfigure(options) replaces the whole option set; reconfigure(fn) derives it from the current
// options. Either way a failure keeps the old policy and leaves nothing changed behind.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCors, CorsConfigError, type CorsDecision, type CorsOptions } from '../../src/index.ts';

const A = 'https://a.example';
const B = 'https://b.example';
const allows = (cors: ReturnType<typeof createCors>, origin: string) =>
  (cors.decide({ method: 'GET', headers: { origin } }) as CorsDecision).allowed;

describe('reconfigure', () => {
  test('options replace the whole set: what is not given is back to its default', () => {
    const cors = createCors({ origin: A, methods: ['PUT'] });
    cors.reconfigure({ origin: [A, B] });
    const preflight = cors.decide({
      method: 'OPTIONS',
      headers: { origin: B, 'access-control-request-method': 'PUT' },
    }) as CorsDecision;
    assert.equal(preflight.allowed, false);
  });

  test('a function of the current options changes one option and keeps the rest', () => {
    const cors = createCors({ origin: A, methods: ['PUT'] });
    cors.reconfigure((current) => ({ ...current, origin: [A, B] }));
    const preflight = cors.decide({
      method: 'OPTIONS',
      headers: { origin: B, 'access-control-request-method': 'PUT' },
    }) as CorsDecision;
    assert.equal(preflight.allowed, true);
  });

  test('the function gets a copy it cannot change: a failed attempt leaves the current options as they were', () => {
    const origins = [A];
    const cors = createCors({ origin: origins });
    assert.throws(
      () =>
        cors.reconfigure((current) => {
          (current.origin as string[]).push('not an origin');
          return current;
        }),
      TypeError,
    );
    assert.deepEqual(origins, [A]);
    cors.reconfigure((current) => ({ ...current, origin: [...(current.origin as string[]), B] }));
    assert.equal(allows(cors, B), true);
  });

  test('invalid new options throw CorsConfigError and keep the old policy', () => {
    const cors = createCors({ origin: A });
    assert.throws(
      () => cors.reconfigure((current) => ({ ...current, origin: 'https://b.example/' })),
      (error) => error instanceof CorsConfigError && error.issues[0]?.path === 'origin',
    );
    assert.equal(allows(cors, A), true);
  });

  test('a function returning a promise is refused with options-not-object, not a misleading "origin is required"', () => {
    const cors = createCors({ origin: A });
    const asyncChange = (async (current: CorsOptions) => ({ ...current, origin: B })) as unknown as (
      current: CorsOptions,
    ) => CorsOptions;
    assert.throws(
      () => cors.reconfigure(asyncChange),
      (error) =>
        error instanceof CorsConfigError && error.issues.map((issue) => issue.code).join() === 'options-not-object',
    );
    assert.equal(allows(cors, A), true);
  });
});
