import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IssueList } from '../../src/core/errors.ts';
import { compileOrigins, isPlausibleOrigin, matchOrigin } from '../../src/core/origins.ts';

const rules = {
  credentials: false,
  allowNull: false,
  allowInsecure: false,
  allowPublicSuffixWildcards: false,
  allowCustomSchemes: false,
};

function table(option: unknown) {
  const issues = new IssueList();
  const compiled = compileOrigins(option, rules, issues);
  assert.deepEqual(issues.issues, [], 'configuration should be valid');
  return compiled;
}

describe('matchOrigin', () => {
  const rows: Array<{ rule: string; allowed: unknown; origin: string; match: boolean }> = [
    {
      rule: 'exact origin matches itself',
      allowed: ['https://app.example.com'],
      origin: 'https://app.example.com',
      match: true,
    },
    {
      rule: 'exact origin is byte-exact: other scheme',
      allowed: ['https://app.example.com'],
      origin: 'http://app.example.com',
      match: false,
    },
    {
      rule: 'exact origin is byte-exact: other port',
      allowed: ['https://app.example.com'],
      origin: 'https://app.example.com:8443',
      match: false,
    },
    {
      rule: 'exact origin is byte-exact: upper case',
      allowed: ['https://app.example.com'],
      origin: 'https://APP.example.com',
      match: false,
    },
    {
      rule: 'exact origin is byte-exact: trailing slash',
      allowed: ['https://app.example.com'],
      origin: 'https://app.example.com/',
      match: false,
    },
    {
      rule: 'exact origin is not a suffix match (GHSA-vhxv-fg4m-p2w8)',
      allowed: ['https://foo.com', 'https://bar.com'],
      origin: 'https://barfoo.com',
      match: false,
    },
    {
      rule: 'exact origin is not a prefix match',
      allowed: ['https://foo.com'],
      origin: 'https://foo.com.evil.net',
      match: false,
    },
    {
      rule: 'exact origin with port',
      allowed: ['http://localhost:3000'],
      origin: 'http://localhost:3000',
      match: true,
    },
    {
      rule: 'subdomain pattern matches one label',
      allowed: ['https://*.example.com'],
      origin: 'https://a.example.com',
      match: true,
    },
    {
      rule: 'subdomain pattern matches several labels',
      allowed: ['https://*.example.com'],
      origin: 'https://a.b.c.example.com',
      match: true,
    },
    {
      rule: 'subdomain pattern excludes the bare domain',
      allowed: ['https://*.example.com'],
      origin: 'https://example.com',
      match: false,
    },
    {
      rule: 'subdomain pattern requires a dot boundary',
      allowed: ['https://*.example.com'],
      origin: 'https://evilexample.com',
      match: false,
    },
    {
      rule: 'subdomain pattern keeps the scheme',
      allowed: ['https://*.example.com'],
      origin: 'http://a.example.com',
      match: false,
    },
    {
      rule: 'subdomain pattern without port refuses a port',
      allowed: ['https://*.example.com'],
      origin: 'https://a.example.com:8443',
      match: false,
    },
    {
      rule: 'subdomain pattern refuses an empty label',
      allowed: ['https://*.example.com'],
      origin: 'https://a..example.com',
      match: false,
    },
    {
      rule: 'subdomain pattern refuses a leading dot',
      allowed: ['https://*.example.com'],
      origin: 'https://.example.com',
      match: false,
    },
    {
      rule: 'subdomain pattern refuses a path smuggled into the host',
      allowed: ['https://*.example.com'],
      origin: 'https://evil.com/.example.com',
      match: false,
    },
    {
      rule: 'subdomain pattern refuses user info',
      allowed: ['https://*.example.com'],
      origin: 'https://evil.com@a.example.com',
      match: false,
    },
    {
      rule: 'subdomain pattern refuses upper case',
      allowed: ['https://*.example.com'],
      origin: 'https://A.example.com',
      match: false,
    },
    {
      rule: 'subdomain pattern with port',
      allowed: ['https://*.example.com:8443'],
      origin: 'https://a.example.com:8443',
      match: true,
    },
    {
      rule: 'subdomain pattern with port refuses other port',
      allowed: ['https://*.example.com:8443'],
      origin: 'https://a.example.com:9443',
      match: false,
    },
    {
      rule: 'subdomain and port wildcard together',
      allowed: ['https://*.example.com:*'],
      origin: 'https://a.example.com:1234',
      match: true,
    },
    {
      rule: 'subdomain and port wildcard include the default port',
      allowed: ['https://*.example.com:*'],
      origin: 'https://a.example.com',
      match: true,
    },
    {
      rule: 'port wildcard matches any port',
      allowed: ['http://localhost:*'],
      origin: 'http://localhost:5173',
      match: true,
    },
    {
      rule: 'port wildcard matches the default port',
      allowed: ['http://localhost:*'],
      origin: 'http://localhost',
      match: true,
    },
    {
      rule: 'port wildcard keeps the host',
      allowed: ['http://localhost:*'],
      origin: 'http://localhost.evil.net:80',
      match: false,
    },
    {
      rule: 'port wildcard refuses a non-numeric port',
      allowed: ['http://localhost:*'],
      origin: 'http://localhost:abc',
      match: false,
    },
    {
      rule: 'port wildcard refuses port 0-prefixed',
      allowed: ['http://localhost:*'],
      origin: 'http://localhost:080',
      match: false,
    },
    { rule: 'port wildcard on IPv4', allowed: ['http://127.0.0.1:*'], origin: 'http://127.0.0.1:9000', match: true },
    { rule: 'port wildcard on IPv6', allowed: ['http://[::1]:*'], origin: 'http://[::1]:9000', match: true },
    {
      rule: 'trailing-dot exact origin matches itself',
      allowed: ['http://example.com.:3999'],
      origin: 'http://example.com.:3999',
      match: true,
    },
    {
      rule: 'exact origin does not match its trailing-dot form',
      allowed: ['https://example.com'],
      origin: 'https://example.com.',
      match: false,
    },
    {
      rule: 'trailing-dot exact origin does not match the form without the dot',
      allowed: ['https://example.com.'],
      origin: 'https://example.com',
      match: false,
    },
    {
      rule: 'trailing-dot subdomain pattern matches a trailing-dot subdomain',
      allowed: ['https://*.example.com.'],
      origin: 'https://a.b.example.com.',
      match: true,
    },
    {
      rule: 'trailing-dot subdomain pattern excludes its bare domain',
      allowed: ['https://*.example.com.'],
      origin: 'https://example.com.',
      match: false,
    },
    {
      rule: 'trailing-dot subdomain pattern refuses a subdomain without the dot',
      allowed: ['https://*.example.com.'],
      origin: 'https://a.example.com',
      match: false,
    },
    {
      rule: 'trailing-dot subdomain pattern refuses two trailing dots',
      allowed: ['https://*.example.com.'],
      origin: 'https://a.example.com..',
      match: false,
    },
    {
      rule: 'subdomain pattern refuses a trailing-dot subdomain',
      allowed: ['https://*.example.com'],
      origin: 'https://a.example.com.',
      match: false,
    },
    {
      rule: 'subdomain and port wildcard refuse a trailing-dot subdomain',
      allowed: ['https://*.example.com:*'],
      origin: 'https://a.example.com.:8443',
      match: false,
    },
    {
      rule: 'port wildcard on trailing-dot localhost',
      allowed: ['http://localhost.:*'],
      origin: 'http://localhost.:5173',
      match: true,
    },
    {
      rule: 'port wildcard on trailing-dot localhost keeps the dot',
      allowed: ['http://localhost.:*'],
      origin: 'http://localhost:5173',
      match: false,
    },
    {
      rule: 'port wildcard on localhost refuses trailing-dot localhost',
      allowed: ['http://localhost:*'],
      origin: 'http://localhost.:5173',
      match: false,
    },
    {
      rule: 'anchored RegExp matches',
      allowed: [/^https:\/\/(a|b)\.example\.com$/],
      origin: 'https://b.example.com',
      match: true,
    },
    {
      rule: 'anchored RegExp refuses a longer origin',
      allowed: [/^https:\/\/(a|b)\.example\.com$/],
      origin: 'https://b.example.com.evil.net',
      match: false,
    },
    {
      rule: 'RegExp with g flag matches every time (lastIndex reset)',
      allowed: [/^https:\/\/a\.example\.com$/g],
      origin: 'https://a.example.com',
      match: true,
    },
    {
      rule: 'mixed array: string hit',
      allowed: ['https://x.com', /^https:\/\/y\.com$/],
      origin: 'https://x.com',
      match: true,
    },
    {
      rule: 'mixed array: RegExp hit',
      allowed: ['https://x.com', /^https:\/\/y\.com$/],
      origin: 'https://y.com',
      match: true,
    },
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const compiled = table(row.allowed);
      // Twice: a stateful RegExp would fail the second call.
      assert.equal(matchOrigin(compiled, row.origin), row.match);
      assert.equal(matchOrigin(compiled, row.origin), row.match);
    });
  }

  test('10,000 exact origins and patterns all match, and near misses do not', () => {
    const origins = Array.from({ length: 10_000 }, (_, i) => `https://app${i}.example.com`);
    const compiled = table([...origins, 'https://*.tenant.example.org', 'http://localhost:*']);
    for (const origin of origins) assert.equal(matchOrigin(compiled, origin), true);
    assert.equal(matchOrigin(compiled, 'https://app10000.example.com'), false);
    assert.equal(matchOrigin(compiled, 'https://x.y.tenant.example.org'), true);
    assert.equal(matchOrigin(compiled, 'https://tenant.example.org'), false);
  });
});

describe('isPlausibleOrigin', () => {
  const rows: Array<[string, string, boolean]> = [
    ['a serialised origin', 'https://a.example.com', true],
    ['null', 'null', true],
    ['two Origin lines joined by a comma never match', 'https://a.com, https://b.com', false],
    ['whitespace', 'https://a.com ', false],
    ['control character', 'https://a.com\u0000', false],
    ['non-ASCII', 'https://bücher.de', false],
    ['empty', '', false],
  ];
  for (const [rule, origin, expected] of rows) {
    test(rule, () => assert.equal(isPlausibleOrigin(origin), expected));
  }
});
