// Every limit in src/core/limits.ts, checked at the limit (accepted) and one past it (refused).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CorsConfigError, IssueList, type ConfigIssueCode } from '../../src/core/errors.ts';
import { compileAllowedHeaders, parseRequestHeaders } from '../../src/core/headers.ts';
import {
  MAX_EMPTY_REQUEST_HEADER_ELEMENTS,
  MAX_HOST_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_MAX_AGE,
  MAX_ORIGIN_LENGTH,
  MAX_PORT,
  MAX_WILDCARD_REQUEST_HEADERS,
  maxRequestHeaderNames,
} from '../../src/core/limits.ts';
import { compileOrigins, isPlausibleOrigin, matchOrigin } from '../../src/core/origins.ts';
import { createCors, type CorsOptions } from '../../src/index.ts';
import { hostOfLength } from './host-of-length.ts';

function issueCodes(options: CorsOptions): ConfigIssueCode[] {
  try {
    createCors(options);
    return [];
  } catch (error) {
    assert.ok(error instanceof CorsConfigError);
    return error.issues.map((issue) => issue.code);
  }
}

function originTable(option: unknown) {
  const issues = new IssueList();
  const table = compileOrigins(
    option,
    {
      credentials: false,
      allowNull: false,
      allowInsecure: false,
      allowPublicSuffixWildcards: false,
      allowCustomSchemes: false,
    },
    issues,
  );
  assert.deepEqual(issues.issues, []);
  return table;
}

function headerTable(option: unknown) {
  const issues = new IssueList();
  const table = compileAllowedHeaders(option, issues);
  assert.deepEqual(issues.issues, []);
  return table;
}

const names = (count: number) => Array.from({ length: count }, (_, i) => `x-h${i}`).join(',');

describe('limits: at the limit is accepted, one past it is refused', () => {
  test(`MAX_ORIGIN_LENGTH (${MAX_ORIGIN_LENGTH}): longest Origin shown to RegExps and predicates`, () => {
    const origin = (length: number) => `https://${'a'.repeat(length - 'https://'.length)}`;
    assert.equal(origin(MAX_ORIGIN_LENGTH).length, MAX_ORIGIN_LENGTH);
    assert.equal(isPlausibleOrigin(origin(MAX_ORIGIN_LENGTH)), true);
    assert.equal(isPlausibleOrigin(origin(MAX_ORIGIN_LENGTH + 1)), false);
    const seen: string[] = [];
    const cors = createCors({ origin: (o) => (seen.push(o), true) });
    cors.decide({ method: 'GET', headers: { origin: origin(MAX_ORIGIN_LENGTH) } });
    cors.decide({ method: 'GET', headers: { origin: origin(MAX_ORIGIN_LENGTH + 1) } });
    assert.deepEqual(
      seen.map((o) => o.length),
      [MAX_ORIGIN_LENGTH],
    );
  });

  test(`MAX_HOST_LENGTH (${MAX_HOST_LENGTH}): configured hosts`, () => {
    assert.deepEqual(issueCodes({ origin: `https://${hostOfLength(MAX_HOST_LENGTH)}` }), []);
    assert.deepEqual(issueCodes({ origin: `https://${hostOfLength(MAX_HOST_LENGTH + 1)}` }), ['origin-host-too-long']);
  });

  test(`MAX_HOST_LENGTH (${MAX_HOST_LENGTH}): request hosts under a subdomain pattern`, () => {
    const table = originTable(['https://*.example.com', 'http://*.example.com:*']);
    assert.equal(matchOrigin(table, `https://${hostOfLength(MAX_HOST_LENGTH)}`), true);
    assert.equal(matchOrigin(table, `https://${hostOfLength(MAX_HOST_LENGTH + 1)}`), false);
    assert.equal(matchOrigin(table, `http://${hostOfLength(MAX_HOST_LENGTH)}:8080`), true);
    assert.equal(matchOrigin(table, `http://${hostOfLength(MAX_HOST_LENGTH + 1)}:8080`), false);
  });

  test(`MAX_LABEL_LENGTH (${MAX_LABEL_LENGTH}): configured host labels`, () => {
    assert.deepEqual(issueCodes({ origin: `https://${'a'.repeat(MAX_LABEL_LENGTH)}.com` }), []);
    assert.deepEqual(issueCodes({ origin: `https://${'a'.repeat(MAX_LABEL_LENGTH + 1)}.com` }), [
      'origin-label-too-long',
    ]);
  });

  test(`MAX_PORT (${MAX_PORT}): configured ports`, () => {
    assert.deepEqual(issueCodes({ origin: `http://localhost:${MAX_PORT}` }), []);
    assert.deepEqual(issueCodes({ origin: `http://localhost:${MAX_PORT + 1}` }), ['origin-invalid-port']);
    assert.deepEqual(issueCodes({ origin: `https://*.example.com:${MAX_PORT + 1}` }), ['origin-invalid-port']);
  });

  const portPatterns: Array<[string, string, (port: number) => string]> = [
    ['any-port pattern', 'http://localhost:*', (port) => `http://localhost:${port}`],
    ['any-port pattern on IPv4', 'http://127.0.0.1:*', (port) => `http://127.0.0.1:${port}`],
    ['any-port pattern on IPv6', 'http://[::1]:*', (port) => `http://[::1]:${port}`],
    ['subdomain pattern with any port', 'https://*.example.com:*', (port) => `https://a.example.com:${port}`],
  ];
  for (const [kind, pattern, origin] of portPatterns) {
    test(`MAX_PORT (${MAX_PORT}): request ports under an ${kind}`, () => {
      const table = originTable([pattern]);
      assert.equal(matchOrigin(table, origin(MAX_PORT)), true);
      assert.equal(matchOrigin(table, origin(MAX_PORT + 1)), false);
      assert.equal(matchOrigin(table, origin(99999)), false);
    });
  }

  test(`MAX_MAX_AGE (${MAX_MAX_AGE}): maxAge`, () => {
    assert.deepEqual(issueCodes({ origin: '*', maxAge: MAX_MAX_AGE }), []);
    assert.deepEqual(issueCodes({ origin: '*', maxAge: MAX_MAX_AGE + 1 }), ['max-age-invalid']);
  });

  test(`MAX_EMPTY_REQUEST_HEADER_ELEMENTS (${MAX_EMPTY_REQUEST_HEADER_ELEMENTS}): empty elements in Access-Control-Request-Headers`, () => {
    const table = headerTable(['X-Api-Key']);
    // n commas before a name make n empty elements.
    assert.equal(parseRequestHeaders(`${','.repeat(MAX_EMPTY_REQUEST_HEADER_ELEMENTS)}x-api-key`, table), 'x-api-key');
    assert.deepEqual(parseRequestHeaders(`${','.repeat(MAX_EMPTY_REQUEST_HEADER_ELEMENTS + 1)}x-api-key`, table), {
      reason: 'headers-malformed',
    });
    // Empty elements anywhere count alike.
    assert.equal(parseRequestHeaders(`x-api-key${', '.repeat(MAX_EMPTY_REQUEST_HEADER_ELEMENTS)}`, table), 'x-api-key');
    assert.deepEqual(parseRequestHeaders(`x-api-key${', '.repeat(MAX_EMPTY_REQUEST_HEADER_ELEMENTS + 1)}`, table), {
      reason: 'headers-malformed',
    });
  });

  test(`MAX_WILDCARD_REQUEST_HEADERS (${MAX_WILDCARD_REQUEST_HEADERS}): names under allowedHeaders '*'`, () => {
    const table = headerTable('*');
    assert.equal(parseRequestHeaders(names(MAX_WILDCARD_REQUEST_HEADERS), table), names(MAX_WILDCARD_REQUEST_HEADERS));
    assert.deepEqual(parseRequestHeaders(names(MAX_WILDCARD_REQUEST_HEADERS + 1), table), {
      reason: 'headers-too-many',
    });
  });

  test('maxRequestHeaderNames: names under a listed allowedHeaders (repeats included)', () => {
    const listed = ['x-h0', 'x-h1', 'x-h2'];
    const table = headerTable(listed);
    const limit = maxRequestHeaderNames(listed.length, false);
    const repeated = (count: number) => Array.from({ length: count }, (_, i) => listed[i % listed.length]).join(',');
    assert.equal(parseRequestHeaders(repeated(limit), table), repeated(limit));
    assert.deepEqual(parseRequestHeaders(repeated(limit + 1), table), { reason: 'headers-too-many' });
  });
});
