import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CorsPredicateError, type CorsPredicateErrorCode } from '../../src/core/origin-predicate.ts';
import {
  createCors,
  explain,
  type CorsDecision,
  type CorsOptions,
  type DebugEvent,
  type PlainRequest,
} from '../../src/index.ts';

const A = 'https://a.example.com';
const EVIL = 'https://evil.example.net';

const base: CorsOptions = {
  origin: [A, 'https://*.tenant.example.com', 'http://localhost:*'],
  methods: ['PUT', 'patch'],
  allowedHeaders: ['X-Api-Key', 'Content-Type'],
  exposedHeaders: ['X-Request-Id'],
  credentials: true,
  maxAge: 600,
};

interface Expectation {
  kind: 'preflight' | 'actual';
  allowed: boolean;
  status: number;
  headers: Record<string, string>;
  vary: string;
  reason: string;
  detail?: string;
}

const preflightVary = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
const refusedPreflight = (reason: string, detail?: string): Expectation => ({
  kind: 'preflight',
  allowed: false,
  status: 403,
  headers: {},
  vary: preflightVary,
  reason,
  ...(detail ? { detail } : {}),
});
const refusedActual = (reason: string): Expectation => ({
  kind: 'actual',
  allowed: false,
  status: 0,
  headers: {},
  vary: 'Origin',
  reason,
});
const allowedActual = (origin: string): Expectation => ({
  kind: 'actual',
  allowed: true,
  status: 0,
  vary: 'Origin',
  reason: 'origin-allowed',
  headers: {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'X-Request-Id',
  },
});

function preflight(
  origin: string,
  method: string,
  requestHeaders?: string,
  extra: Record<string, string> = {},
): PlainRequest {
  return {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      ...(requestHeaders === undefined ? {} : { 'access-control-request-headers': requestHeaders }),
      ...extra,
    },
  };
}

const rows: Array<{ rule: string; options?: Partial<CorsOptions>; request: PlainRequest; expect: Expectation }> = [
  // Fetch §3.2.2: what is a preflight
  {
    rule: 'preflight: granted with exact ACAO, ACAC, ACAM echoing the method, ACAH, max-age',
    request: preflight(A, 'PUT', 'content-type,x-api-key'),
    expect: {
      kind: 'preflight',
      allowed: true,
      status: 204,
      vary: preflightVary,
      reason: 'preflight-allowed',
      detail: 'PUT',
      headers: {
        'access-control-allow-origin': A,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
        'access-control-allow-headers': 'content-type,x-api-key',
        'access-control-max-age': '600',
      },
    },
  },
  {
    rule: 'preflight: OPTIONS without Access-Control-Request-Method is an ordinary request',
    request: { method: 'OPTIONS', headers: { origin: A } },
    expect: allowedActual(A),
  },
  {
    rule: 'preflight: OPTIONS without Origin is an ordinary request',
    request: { method: 'OPTIONS', headers: { 'access-control-request-method': 'PUT' } },
    expect: refusedActual('not-cors'),
  },
  // origin, then method, then headers
  {
    rule: 'preflight: disallowed origin refused first',
    request: preflight(EVIL, 'DELETE', 'x-nope'),
    expect: refusedPreflight('origin-not-allowed'),
  },
  {
    rule: 'preflight: null origin refused',
    request: preflight('null', 'PUT'),
    expect: refusedPreflight('origin-null'),
  },
  {
    rule: 'preflight: two Origin lines refused',
    request: { method: 'OPTIONS', headers: { origin: [A, EVIL], 'access-control-request-method': 'PUT' } },
    expect: refusedPreflight('origin-malformed'),
  },
  {
    rule: 'preflight: unlisted method refused after origin',
    request: preflight(A, 'DELETE', 'x-nope'),
    expect: refusedPreflight('method-not-allowed', 'DELETE'),
  },
  {
    rule: 'preflight: methods are case-sensitive (PATCH not listed, patch is)',
    request: preflight(A, 'PATCH'),
    expect: refusedPreflight('method-not-allowed', 'PATCH'),
  },
  {
    rule: 'preflight: lower-case method listed is echoed as sent',
    request: preflight(A, 'patch'),
    expect: {
      kind: 'preflight',
      allowed: true,
      status: 204,
      vary: preflightVary,
      reason: 'preflight-allowed',
      detail: 'patch',
      headers: {
        'access-control-allow-origin': A,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'patch',
        'access-control-max-age': '600',
      },
    },
  },
  {
    rule: 'preflight: unlisted header refused after method',
    request: preflight(A, 'PUT', 'x-api-key,x-other'),
    expect: refusedPreflight('header-not-allowed', 'x-other'),
  },
  {
    rule: 'preflight: Authorization must be listed even with *',
    options: { allowedHeaders: '*' },
    request: preflight(A, 'PUT', 'authorization'),
    expect: refusedPreflight('header-not-allowed', 'authorization'),
  },
  {
    rule: 'preflight: malformed request headers refused',
    request: preflight(A, 'PUT', 'x-api-key;evil'),
    expect: refusedPreflight('headers-malformed'),
  },
  {
    rule: 'preflight: maxAge 0 is sent as 0, not omitted',
    options: { maxAge: 0, credentials: false },
    request: preflight(A, 'PUT'),
    expect: {
      kind: 'preflight',
      allowed: true,
      status: 204,
      vary: preflightVary,
      reason: 'preflight-allowed',
      detail: 'PUT',
      headers: {
        'access-control-allow-origin': A,
        'access-control-allow-methods': 'PUT',
        'access-control-max-age': '0',
      },
    },
  },
  {
    rule: 'preflight: maxAge unset sends no header; optionsSuccessStatus is used',
    options: { maxAge: undefined, optionsSuccessStatus: 200, credentials: false },
    request: preflight(A, 'PUT'),
    expect: {
      kind: 'preflight',
      allowed: true,
      status: 200,
      vary: preflightVary,
      reason: 'preflight-allowed',
      detail: 'PUT',
      headers: { 'access-control-allow-origin': A, 'access-control-allow-methods': 'PUT' },
    },
  },
  {
    rule: 'preflight: private network access answered when configured',
    options: { privateNetwork: true, maxAge: undefined },
    request: preflight(A, 'GET', undefined, { 'access-control-request-private-network': 'true' }),
    expect: {
      kind: 'preflight',
      allowed: true,
      status: 204,
      reason: 'preflight-allowed',
      detail: 'GET',
      vary: `${preflightVary}, Access-Control-Request-Private-Network`,
      headers: {
        'access-control-allow-origin': A,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET',
        'access-control-allow-private-network': 'true',
      },
    },
  },
  {
    rule: 'preflight: private network access refused when not configured',
    request: preflight(A, 'GET', undefined, { 'access-control-request-private-network': 'true' }),
    expect: refusedPreflight('private-network-not-allowed'),
  },
  {
    rule: 'preflight: preflightContinue passes a granted preflight on (status 0)',
    options: { preflightContinue: true },
    request: preflight(A, 'PUT'),
    expect: {
      kind: 'preflight',
      allowed: true,
      status: 0,
      vary: preflightVary,
      reason: 'preflight-allowed',
      detail: 'PUT',
      headers: {
        'access-control-allow-origin': A,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
        'access-control-max-age': '600',
      },
    },
  },
  {
    rule: "preflight: origin '*' answers * and does not vary on Origin",
    options: { origin: '*', credentials: false, maxAge: undefined },
    request: preflight(EVIL, 'PUT'),
    expect: {
      kind: 'preflight',
      allowed: true,
      status: 204,
      reason: 'preflight-allowed',
      detail: 'PUT',
      vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT' },
    },
  },
  // actual requests
  {
    rule: 'actual: allowed exact origin gets ACAO, ACAC, ACEH and Vary',
    request: { method: 'GET', headers: { origin: A } },
    expect: allowedActual(A),
  },
  {
    rule: 'actual: allowed subdomain pattern',
    request: { method: 'POST', headers: { origin: 'https://x.tenant.example.com' } },
    expect: allowedActual('https://x.tenant.example.com'),
  },
  {
    rule: 'actual: allowed port pattern',
    request: { method: 'GET', headers: { origin: 'http://localhost:5173' } },
    expect: allowedActual('http://localhost:5173'),
  },
  {
    rule: 'actual: disallowed origin gets no CORS headers but Vary: Origin',
    request: { method: 'GET', headers: { origin: EVIL } },
    expect: refusedActual('origin-not-allowed'),
  },
  {
    rule: 'actual: null origin gets nothing',
    request: { method: 'GET', headers: { origin: 'null' } },
    expect: refusedActual('origin-null'),
  },
  {
    rule: 'actual: null origin allowed only with the opt-out',
    options: { origin: ['null'], dangerouslyAllowNullOrigin: true, credentials: false, exposedHeaders: undefined },
    request: { method: 'GET', headers: { origin: 'null' } },
    expect: {
      kind: 'actual',
      allowed: true,
      status: 0,
      vary: 'Origin',
      reason: 'origin-allowed',
      headers: { 'access-control-allow-origin': 'null' },
    },
  },
  {
    rule: 'actual: with a predicate, null is refused unless dangerouslyAllowNullOrigin hands it to the predicate',
    options: { origin: (origin: string) => origin === 'null', credentials: false, exposedHeaders: undefined },
    request: { method: 'GET', headers: { origin: 'null' } },
    expect: refusedActual('origin-null'),
  },
  {
    rule: 'actual: a predicate sees null with dangerouslyAllowNullOrigin, and decides',
    options: {
      origin: (origin: string) => origin === 'null',
      dangerouslyAllowNullOrigin: true,
      credentials: false,
      exposedHeaders: undefined,
    },
    request: { method: 'GET', headers: { origin: 'null' } },
    expect: {
      kind: 'actual',
      allowed: true,
      status: 0,
      vary: 'Origin',
      reason: 'origin-allowed',
      headers: { 'access-control-allow-origin': 'null' },
    },
  },
  {
    rule: 'actual: a host longer than 253 bytes never matches a subdomain pattern',
    request: { method: 'GET', headers: { origin: `https://${'a.'.repeat(130)}tenant.example.com` } },
    expect: refusedActual('origin-not-allowed'),
  },
  { rule: 'actual: no Origin still gets Vary: Origin', request: { method: 'GET' }, expect: refusedActual('not-cors') },
  {
    rule: 'actual: two Origin lines never match',
    request: { method: 'GET', headers: { origin: [A, A] } },
    expect: refusedActual('origin-malformed'),
  },
  {
    rule: "actual: origin '*' answers * on every response, without Vary",
    options: { origin: '*', credentials: false, exposedHeaders: '*' },
    request: { method: 'GET' },
    expect: {
      kind: 'actual',
      allowed: true,
      status: 0,
      vary: '',
      reason: 'any-origin',
      headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' },
    },
  },
  // CSRF guard (cors-protocol.md §10)
  {
    rule: 'csrf: cross-site POST from a disallowed origin is rejected',
    options: { csrf: true },
    request: { method: 'POST', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } },
    expect: { ...refusedActual('csrf-rejected'), status: 403 },
  },
  {
    rule: 'csrf: same-site DELETE from a disallowed origin is rejected',
    options: { csrf: true },
    request: { method: 'DELETE', headers: { origin: 'https://b.example.com', 'sec-fetch-site': 'same-site' } },
    expect: { ...refusedActual('csrf-rejected'), status: 403 },
  },
  {
    rule: 'csrf: POST from an allowed origin passes',
    options: { csrf: true },
    request: { method: 'POST', headers: { origin: A, 'sec-fetch-site': 'cross-site' } },
    expect: allowedActual(A),
  },
  {
    rule: 'csrf: GET is never rejected',
    options: { csrf: true },
    request: { method: 'GET', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } },
    expect: refusedActual('origin-not-allowed'),
  },
  {
    rule: 'csrf: same-origin POST passes',
    options: { csrf: true },
    request: { method: 'POST', headers: { origin: 'https://api.example.org', 'sec-fetch-site': 'same-origin' } },
    expect: refusedActual('origin-not-allowed'),
  },
  {
    rule: 'csrf: Sec-Fetch-Site none (user navigation) passes',
    options: { csrf: true },
    request: { method: 'POST', headers: { 'sec-fetch-site': 'none' } },
    expect: refusedActual('not-cors'),
  },
  {
    rule: 'csrf: without Sec-Fetch-Site, Origin host equal to Host passes',
    options: { csrf: true },
    request: { method: 'POST', headers: { origin: 'http://api.local:8080', host: 'api.local:8080' } },
    expect: refusedActual('origin-not-allowed'),
  },
  {
    rule: 'csrf: without Sec-Fetch-Site, Origin host other than Host is rejected',
    options: { csrf: true },
    request: { method: 'POST', headers: { origin: 'http://evil.local', host: 'api.local:8080' } },
    expect: { ...refusedActual('csrf-rejected'), status: 403 },
  },
  {
    rule: 'csrf: null origin POST is rejected',
    options: { csrf: true },
    request: { method: 'POST', headers: { origin: 'null', host: 'api.local' } },
    expect: { ...refusedActual('csrf-rejected'), status: 403 },
  },
  {
    rule: 'csrf: neither header (not a browser) passes',
    options: { csrf: true },
    request: { method: 'POST', headers: { host: 'api.local' } },
    expect: refusedActual('not-cors'),
  },
  {
    rule: 'csrf: cross-site with no Origin is rejected',
    options: { csrf: true },
    request: { method: 'PUT', headers: { 'sec-fetch-site': 'cross-site' } },
    expect: { ...refusedActual('csrf-rejected'), status: 403 },
  },
  {
    rule: 'csrf: exempt path passes',
    options: { csrf: { exemptPaths: ['/saml/acs'] } },
    request: {
      method: 'POST',
      url: '/saml/acs?RelayState=x',
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    },
    expect: refusedActual('origin-not-allowed'),
  },
  {
    rule: 'csrf: an absolute-form target is exempt by its real path',
    options: { csrf: { exemptPaths: ['/saml/acs'] } },
    request: {
      method: 'POST',
      url: 'http://api.local/saml/acs?x',
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    },
    expect: refusedActual('origin-not-allowed'),
  },
  {
    rule: 'csrf: an absolute-form target whose query looks like an exempt path is not exempt',
    options: { csrf: { exemptPaths: ['/saml/acs'] } },
    request: {
      method: 'POST',
      url: 'http://api.local?/saml/acs',
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    },
    expect: { ...refusedActual('csrf-rejected'), status: 403 },
  },
  {
    rule: 'csrf: exemptions are exact (trailing slash is not exempt)',
    options: { csrf: { exemptPaths: ['/saml/acs'] } },
    request: { method: 'POST', url: '/saml/acs/', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } },
    expect: { ...refusedActual('csrf-rejected'), status: 403 },
  },
  {
    rule: 'csrf: off by default',
    request: { method: 'POST', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } },
    expect: refusedActual('origin-not-allowed'),
  },
];

function asRecord(headers: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < headers.length; i += 2) record[headers[i]!] = headers[i + 1]!;
  return record;
}

function normalise(decision: CorsDecision): Expectation {
  const { kind, allowed, status, vary, reason, detail } = decision;
  return {
    kind,
    allowed,
    status,
    vary,
    reason,
    headers: asRecord(decision.headers),
    ...(detail === undefined ? {} : { detail }),
  };
}

describe('decide', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      const cors = createCors({ ...base, ...row.options } as CorsOptions);
      assert.deepEqual(normalise(await cors.decide(row.request)), row.expect);
      // The same request decided twice gives the same answer (cached decisions are not corrupted).
      assert.deepEqual(normalise(await cors.decide(row.request)), row.expect);
    });
  }
});

describe('origin predicate', () => {
  test('sync predicate receives the origin and the request', () => {
    const seen: unknown[] = [];
    const cors = createCors<PlainRequest>({
      origin: (origin, request) => (seen.push(origin, request.url), origin === A),
    });
    const decision = cors.decide({ method: 'GET', url: '/x', headers: { origin: A } });
    assert.ok(!(decision instanceof Promise), 'a sync predicate keeps the decision synchronous');
    assert.equal(decision.allowed, true);
    assert.deepEqual(seen, [A, '/x']);
  });

  test('async predicate resolves the decision', async () => {
    const cors = createCors({ origin: async (origin: string) => origin === A });
    const allowed = cors.decide({ method: 'GET', headers: { origin: A } });
    assert.ok(allowed instanceof Promise);
    assert.equal((await allowed).allowed, true);
    assert.equal((await cors.decide({ method: 'GET', headers: { origin: EVIL } })).allowed, false);
  });

  const refusals: Array<{ rule: string; origin: CorsOptions['origin'] }> = [
    { rule: 'returns false', origin: () => false },
    { rule: 'resolves to false', origin: async () => false },
    {
      rule: 'a thenable that is not a Promise resolves to false',
      origin: () => ({ then: (resolve: (v: boolean) => void) => resolve(false) }) as unknown as Promise<boolean>,
    },
  ];
  for (const row of refusals) {
    test(`a predicate that ${row.rule} refuses with reason origin-predicate-refused`, async () => {
      const cors = createCors({ origin: row.origin });
      assert.equal((await cors.decide({ method: 'GET', headers: { origin: A } })).reason, 'origin-predicate-refused');
      const refused = await cors.decide(preflight(A, 'PUT'));
      assert.deepEqual(
        [refused.kind, refused.allowed, refused.reason],
        ['preflight', false, 'origin-predicate-refused'],
      );
    });
  }

  test('an origin that no RegExp matches and the predicate refuses is a predicate refusal', () => {
    const cors = createCors({ origin: () => false });
    assert.equal(
      (cors.decide({ method: 'GET', headers: { origin: A } }) as CorsDecision).reason,
      'origin-predicate-refused',
    );
    const listed = createCors({ origin: A });
    assert.equal(
      (listed.decide({ method: 'GET', headers: { origin: EVIL } }) as CorsDecision).reason,
      'origin-not-allowed',
    );
  });
});

// A predicate must answer true or false (or a promise of one). Predicates written for other
// libraries break that contract; each is a programming error reported by CorsPredicateError.
describe('origin predicate contract', () => {
  const broken: Array<{
    rule: string;
    origin: (origin: string, request: unknown) => unknown;
    async: boolean;
    code: CorsPredicateErrorCode;
    returned: unknown;
  }> = [
    {
      rule: 'expressjs/cors callback style calls the request as a callback',
      origin: (_origin, cb) => (cb as (e: null, ok: boolean) => void)(null, true),
      async: false,
      code: 'predicate-called-callback',
      returned: undefined,
    },
    {
      rule: 'async callback style',
      origin: async (_origin, callback) => (callback as (e: null, ok: boolean) => void)(null, true),
      async: true,
      code: 'predicate-called-callback',
      returned: undefined,
    },
    {
      rule: 'callback style that only calls a real callback returns undefined',
      origin: (_origin, cb) => {
        if (typeof cb === 'function') cb(null, true);
      },
      async: false,
      code: 'predicate-not-boolean',
      returned: undefined,
    },
    {
      rule: 'a block body without return',
      origin: (origin) => {
        void (origin === A);
      },
      async: false,
      code: 'predicate-not-boolean',
      returned: undefined,
    },
    {
      rule: 'hono/cors style returns the origin string',
      origin: (origin) => origin,
      async: false,
      code: 'predicate-not-boolean',
      returned: A,
    },
    {
      rule: '@koa/cors style returns null to refuse',
      origin: () => null,
      async: false,
      code: 'predicate-not-boolean',
      returned: null,
    },
    { rule: 'a number', origin: () => 1, async: false, code: 'predicate-not-boolean', returned: 1 },
    {
      rule: 'an async predicate resolving to a string',
      origin: async () => 'yes',
      async: true,
      code: 'predicate-not-boolean',
      returned: 'yes',
    },
    {
      rule: 'an async predicate resolving to undefined',
      origin: async () => undefined,
      async: true,
      code: 'predicate-not-boolean',
      returned: undefined,
    },
    // next(undefined) means "carry on" to Express and Fastify: a nullish error would skip the policy.
    {
      rule: 'a predicate throwing undefined',
      origin: () => {
        throw undefined;
      },
      async: false,
      code: 'predicate-threw-nothing',
      returned: undefined,
    },
    {
      rule: 'a predicate rejecting with undefined',
      origin: () => Promise.reject(),
      async: true,
      code: 'predicate-threw-nothing',
      returned: undefined,
    },
    {
      rule: 'a predicate rejecting with null',
      origin: () => Promise.reject(null),
      async: true,
      code: 'predicate-threw-nothing',
      returned: undefined,
    },
  ];
  for (const row of broken) {
    test(`${row.rule}: ${row.async ? 'rejects' : 'throws'} CorsPredicateError ${row.code}`, async () => {
      const cors = createCors({ origin: row.origin as CorsOptions['origin'] });
      let thrown: unknown;
      let result: unknown;
      try {
        result = cors.decide({ method: 'GET', headers: { origin: A } });
      } catch (error) {
        thrown = error;
      }
      if (row.async) {
        assert.ok(result instanceof Promise, 'an async predicate rejects instead of throwing');
        thrown = await result.then(
          () => undefined,
          (error: unknown) => error,
        );
      }
      assert.ok(thrown instanceof CorsPredicateError, `expected CorsPredicateError, got ${String(thrown)}`);
      assert.ok(thrown instanceof TypeError);
      assert.equal(thrown.code, row.code);
      assert.equal(thrown.returned, row.returned);
      if (row.code === 'predicate-called-callback')
        assert.ok(thrown.cause instanceof TypeError, 'the TypeError is kept as the cause');
      // A preflight fails the same way.
      await assert.rejects(async () => cors.decide(preflight(A, 'PUT')), CorsPredicateError);
    });
  }

  test('a TypeError from a one-parameter predicate is its own bug and passes through unchanged', () => {
    const bug = new TypeError('lookup is not a function');
    assert.throws(
      () =>
        createCors({
          origin: (_origin) => {
            throw bug;
          },
        }).decide({ method: 'GET', headers: { origin: A } }),
      (error) => error === bug,
    );
  });

  test('the message shows what was returned, escaped and shortened', () => {
    const long = `https://${'x'.repeat(100)}\n`;
    const cors = createCors({ origin: (() => long) as unknown as CorsOptions['origin'] });
    assert.throws(
      () => cors.decide({ method: 'GET', headers: { origin: A } }),
      (error: unknown) =>
        error instanceof CorsPredicateError &&
        error.message.includes(JSON.stringify(`${long.slice(0, 60)}…`)) &&
        !/[\n]/.test(error.message),
    );
  });

  test('predicate is not consulted for null or malformed origins', () => {
    let calls = 0;
    const cors = createCors({ origin: () => (calls++, true) });
    assert.equal((cors.decide({ method: 'GET', headers: { origin: 'null' } }) as CorsDecision).allowed, false);
    assert.equal((cors.decide({ method: 'GET', headers: { origin: `${A}, ${EVIL}` } }) as CorsDecision).allowed, false);
    assert.equal(calls, 0);
  });

  test('a throwing predicate throws out of decide, a rejecting one rejects', async () => {
    const boom = new Error('db down');
    assert.throws(
      () =>
        createCors({
          origin: () => {
            throw boom;
          },
        }).decide({ method: 'GET', headers: { origin: A } }),
      boom,
    );
    await assert.rejects(
      async () =>
        createCors({
          origin: async () => {
            throw boom;
          },
        }).decide({ method: 'GET', headers: { origin: A } }),
      boom,
    );
  });
});

describe('debug events', () => {
  test('every decision is explained with a reason and a fix', () => {
    const events: DebugEvent[] = [];
    const cors = createCors({ ...base, debug: (event) => events.push(event) });
    cors.decide(preflight(A, 'DELETE'));
    cors.decide(preflight(A, 'PUT', 'x-secret'));
    cors.decide({ method: 'GET', headers: { origin: EVIL } });
    cors.decide({ method: 'GET', headers: { origin: A } });
    assert.deepEqual(
      events.map((event) => [event.kind, event.allowed, event.reason]),
      [
        ['preflight', false, 'method-not-allowed'],
        ['preflight', false, 'header-not-allowed'],
        ['actual', false, 'origin-not-allowed'],
        ['actual', true, 'origin-allowed'],
      ],
    );
    assert.match(events[0]!.message, /add 'DELETE' to methods/);
    assert.match(events[1]!.message, /add 'x-secret' to allowedHeaders/);
    assert.match(events[2]!.message, /add 'https:\/\/evil\.example\.net' to the origin option/);
    assert.equal(events[0]!.origin, A);
    assert.equal(events[0]!.status, 403);
  });

  test('a predicate refusal is explained as the predicate returning false', () => {
    const events: DebugEvent[] = [];
    const cors = createCors({ origin: () => false, debug: (event) => events.push(event) });
    cors.decide({ method: 'GET', headers: { origin: EVIL } });
    assert.equal(events[0]!.reason, 'origin-predicate-refused');
    assert.equal(events[0]!.message, explain('origin-predicate-refused', { origin: EVIL, method: 'GET' }));
    assert.match(events[0]!.message, /predicate/);
    assert.doesNotMatch(events[0]!.message, /to the origin option/);
  });

  test('a throwing debug callback does not change the answer', () => {
    const cors = createCors({
      origin: A,
      debug: () => {
        throw new Error('logger broke');
      },
    });
    assert.equal((cors.decide({ method: 'GET', headers: { origin: A } }) as CorsDecision).allowed, true);
  });
});
