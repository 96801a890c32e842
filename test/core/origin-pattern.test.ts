import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IssueList, type ConfigIssueCode } from '../../src/core/errors.ts';
import { MAX_HOST_LENGTH, MAX_LABEL_LENGTH, MAX_PORT } from '../../src/core/limits.ts';
import { parseOriginPattern, type OriginSpec } from '../../src/core/origin-pattern.ts';
import type { OriginRules } from '../../src/core/origin-rules.ts';
import { hostOfLength } from './host-of-length.ts';

const plain: OriginRules = {
  credentials: false,
  allowNull: false,
  allowInsecure: false,
  allowPublicSuffixWildcards: false,
  allowCustomSchemes: false,
};
const withCredentials: OriginRules = { ...plain, credentials: true };

function parse(pattern: string, rules: OriginRules = plain): OriginSpec | { codes: ConfigIssueCode[] } {
  const issues = new IssueList();
  const spec = parseOriginPattern(pattern, 'origin', rules, issues);
  if (spec === undefined) {
    assert.ok(issues.issues.length > 0, 'a refused pattern reports why');
    assert.ok(issues.issues.every((issue) => issue.path === 'origin'));
    return { codes: issues.issues.map((issue) => issue.code) };
  }
  assert.deepEqual(issues.issues, [], 'an accepted pattern reports nothing');
  return spec;
}

const exact = (scheme: string, host: string, port = ''): OriginSpec => ({
  kind: 'exact',
  origin: `${scheme}://${host}${port ? `:${port}` : ''}`,
  scheme,
  host,
});
const refused = (code: ConfigIssueCode) => ({ codes: [code] });

const host253 = hostOfLength(MAX_HOST_LENGTH);
const host254 = hostOfLength(MAX_HOST_LENGTH + 1);
const suffix251 = hostOfLength(MAX_HOST_LENGTH - 2);
const suffix252 = hostOfLength(MAX_HOST_LENGTH - 1);
const label63 = `${'a'.repeat(MAX_LABEL_LENGTH)}.example.com`;
const label64 = `${'a'.repeat(MAX_LABEL_LENGTH + 1)}.example.com`;

const rows: Array<{
  rule: string;
  pattern: string;
  rules?: OriginRules;
  result: OriginSpec | { codes: ConfigIssueCode[] };
}> = [
  // accepted shapes
  { rule: 'exact https origin', pattern: 'https://app.example.com', result: exact('https', 'app.example.com') },
  { rule: 'exact origin with a port', pattern: 'http://localhost:3000', result: exact('http', 'localhost', '3000') },
  { rule: 'exact IPv4 origin', pattern: 'http://127.0.0.1:8080', result: exact('http', '127.0.0.1', '8080') },
  { rule: 'exact IPv6 origin', pattern: 'http://[::1]:3000', result: exact('http', '[::1]', '3000') },
  {
    rule: 'non-http scheme (browser extension)',
    pattern: 'chrome-extension://abcdef',
    result: exact('chrome-extension', 'abcdef'),
  },
  {
    rule: 'subdomain pattern: key is the pattern, suffix the domain',
    pattern: 'https://*.example.com',
    result: { kind: 'subdomains', key: 'https://*.example.com', scheme: 'https', suffix: 'example.com' },
  },
  {
    rule: 'subdomain pattern with a port',
    pattern: 'https://*.example.com:8443',
    result: { kind: 'subdomains', key: 'https://*.example.com:8443', scheme: 'https', suffix: 'example.com' },
  },
  {
    rule: 'subdomain pattern with any port',
    pattern: 'http://*.localhost:*',
    result: { kind: 'subdomains', key: 'http://*.localhost:*', scheme: 'http', suffix: 'localhost' },
  },
  {
    rule: 'any-port pattern: key is scheme and host',
    pattern: 'http://localhost:*',
    result: { kind: 'any-port', key: 'http://localhost', scheme: 'http', host: 'localhost' },
  },
  {
    rule: 'any-port pattern on IPv6',
    pattern: 'http://[::1]:*',
    result: { kind: 'any-port', key: 'http://[::1]', scheme: 'http', host: '[::1]' },
  },
  // limits: host length, label length, port
  {
    rule: `host of ${MAX_HOST_LENGTH - 1} bytes`,
    pattern: `https://${hostOfLength(MAX_HOST_LENGTH - 1)}`,
    result: exact('https', hostOfLength(MAX_HOST_LENGTH - 1)),
  },
  {
    rule: `host of ${MAX_HOST_LENGTH} bytes (the limit)`,
    pattern: `https://${host253}`,
    result: exact('https', host253),
  },
  {
    rule: `host of ${MAX_HOST_LENGTH + 1} bytes`,
    pattern: `https://${host254}`,
    result: refused('origin-host-too-long'),
  },
  {
    rule: `subdomain suffix of ${MAX_HOST_LENGTH - 2} bytes leaves room for one label`,
    pattern: `https://*.${suffix251}`,
    result: { kind: 'subdomains', key: `https://*.${suffix251}`, scheme: 'https', suffix: suffix251 },
  },
  {
    rule: `subdomain suffix of ${MAX_HOST_LENGTH - 1} bytes could match no host`,
    pattern: `https://*.${suffix252}`,
    result: refused('origin-host-too-long'),
  },
  { rule: `label of ${MAX_LABEL_LENGTH} bytes`, pattern: `https://${label63}`, result: exact('https', label63) },
  {
    rule: `label of ${MAX_LABEL_LENGTH + 1} bytes`,
    pattern: `https://${label64}`,
    result: refused('origin-label-too-long'),
  },
  {
    rule: `port ${MAX_PORT}`,
    pattern: `http://localhost:${MAX_PORT}`,
    result: exact('http', 'localhost', String(MAX_PORT)),
  },
  { rule: `port ${MAX_PORT + 1}`, pattern: `http://localhost:${MAX_PORT + 1}`, result: refused('origin-invalid-port') },
  { rule: 'port with a leading zero', pattern: 'http://localhost:0800', result: refused('origin-invalid-port') },
  { rule: 'port 0', pattern: 'http://localhost:0', result: refused('origin-invalid-port') },
  // wildcards in front of IP addresses
  { rule: "'*.' in front of an IPv4 address", pattern: 'http://*.127.0.0.1', result: refused('origin-wildcard-ip') },
  {
    rule: "'*.' in front of part of an IPv4 address",
    pattern: 'http://*.0.0.1',
    result: refused('origin-wildcard-ip'),
  },
  {
    rule: "'*.' in front of an IPv4 address in hex",
    pattern: 'http://*.0x7f.0.0.1',
    result: refused('origin-wildcard-ip'),
  },
  {
    rule: "'*.' in front of an IPv6 literal with a port",
    pattern: 'http://*.[::1]:3000',
    result: refused('origin-wildcard-ip'),
  },
  {
    rule: "'*.' in front of an IPv6 literal without a port",
    pattern: 'http://*.[::1]',
    result: refused('origin-wildcard-ip'),
  },
  {
    rule: "'*.' in front of an IPv6 literal with any port",
    pattern: 'http://*.[::1]:*',
    result: refused('origin-wildcard-ip'),
  },
  // trailing-dot hosts: a fully qualified name, a different origin from the one without the dot
  {
    rule: 'trailing-dot host with a port',
    pattern: 'http://example.com.:3999',
    result: exact('http', 'example.com.', '3999'),
  },
  {
    rule: 'trailing-dot localhost is loopback: http with credentials is fine',
    pattern: 'http://localhost.',
    rules: withCredentials,
    result: exact('http', 'localhost.'),
  },
  {
    rule: 'trailing-dot *.localhost is loopback too',
    pattern: 'http://app.localhost.:8080',
    rules: withCredentials,
    result: exact('http', 'app.localhost.', '8080'),
  },
  {
    rule: 'trailing-dot plain http host with credentials is still insecure',
    pattern: 'http://example.com.',
    rules: withCredentials,
    result: refused('origin-insecure-with-credentials'),
  },
  {
    rule: 'subdomain pattern on a trailing-dot suffix',
    pattern: 'https://*.example.com.',
    result: { kind: 'subdomains', key: 'https://*.example.com.', scheme: 'https', suffix: 'example.com.' },
  },
  {
    rule: 'any-port pattern on trailing-dot localhost',
    pattern: 'http://localhost.:*',
    result: { kind: 'any-port', key: 'http://localhost.', scheme: 'http', host: 'localhost.' },
  },
  {
    rule: 'trailing-dot public-suffix wildcard with credentials',
    pattern: 'https://*.com.',
    rules: withCredentials,
    result: refused('origin-public-suffix-wildcard'),
  },
  {
    rule: `host of ${MAX_HOST_LENGTH} bytes and a trailing dot`,
    pattern: `https://${host253}.`,
    result: exact('https', `${host253}.`),
  },
  {
    rule: `host of ${MAX_HOST_LENGTH + 1} bytes and a trailing dot`,
    pattern: `https://${host254}.`,
    result: refused('origin-host-too-long'),
  },
  { rule: 'two trailing dots', pattern: 'https://example.com..', result: refused('origin-invalid-host') },
  { rule: 'a dot for a host', pattern: 'https://.', result: refused('origin-invalid-host') },
  {
    rule: 'IPv4 with a trailing dot: browsers send it without',
    pattern: 'http://127.0.0.1.:3000',
    result: refused('origin-host-not-canonical'),
  },
  // other refusals, one per rule
  { rule: 'empty string', pattern: '', result: refused('origin-empty') },
  { rule: 'blank string', pattern: '  ', result: refused('origin-empty') },
  {
    rule: 'several origins separated by a space',
    pattern: 'https://a.com https://b.com',
    result: refused('origin-several-in-one-string'),
  },
  {
    rule: 'several origins separated by a comma',
    pattern: 'https://a.com,https://b.com',
    result: refused('origin-several-in-one-string'),
  },
  {
    rule: 'several origins separated by a newline',
    pattern: 'https://a.com\nhttps://b.com',
    result: refused('origin-several-in-one-string'),
  },
  { rule: 'a newline inside the host', pattern: 'https://a.\ncom', result: refused('origin-control-character') },
  { rule: 'a NUL byte', pattern: 'https://a.com\u0000', result: refused('origin-control-character') },
  {
    rule: 'a trailing newline is surrounding whitespace',
    pattern: 'https://a.com\n',
    result: refused('origin-whitespace'),
  },
  { rule: 'no scheme', pattern: 'a.example.com', result: refused('origin-no-scheme') },
  { rule: 'invalid scheme', pattern: '1http://a.com', result: refused('origin-invalid-scheme') },
  { rule: 'upper-case scheme', pattern: 'HTTPS://a.com', result: refused('origin-scheme-case') },
  { rule: 'trailing slash', pattern: 'https://a.com/', result: refused('origin-trailing-slash') },
  { rule: 'path', pattern: 'https://a.com/app', result: refused('origin-path') },
  { rule: 'fragment', pattern: 'https://a.com#x', result: refused('origin-path') },
  { rule: 'user info', pattern: 'https://u@a.com', result: refused('origin-user-info') },
  { rule: 'no host', pattern: 'https://', result: refused('origin-no-host') },
  { rule: 'a port but no host', pattern: 'https://:8443', result: refused('origin-no-host') },
  { rule: "'*.' and nothing after it", pattern: 'https://*.', result: refused('origin-no-host') },
  { rule: 'default https port spelled out', pattern: 'https://a.com:443', result: refused('origin-default-port') },
  {
    rule: 'default http port spelled out on a subdomain pattern',
    pattern: 'http://*.a.com:80',
    result: refused('origin-default-port'),
  },
  { rule: "'*' inside a label", pattern: 'https://a*.example.com', result: refused('origin-wildcard-misplaced') },
  { rule: "'*' as the whole host", pattern: 'https://*', result: refused('origin-wildcard-misplaced') },
  {
    rule: 'wildcard on a non-http scheme',
    pattern: 'chrome-extension://*.abc',
    result: refused('origin-wildcard-scheme'),
  },
  {
    rule: 'any port on a non-http scheme',
    pattern: 'chrome-extension://abc:*',
    result: refused('origin-wildcard-scheme'),
  },
  { rule: 'Unicode host', pattern: 'https://bücher.de', result: refused('origin-non-ascii') },
  { rule: 'upper-case host', pattern: 'https://App.example.com', result: refused('origin-host-case') },
  { rule: 'host with a bad label', pattern: 'https://a_b-.com-', result: refused('origin-invalid-host') },
  { rule: 'IPv6 literal without its closing bracket', pattern: 'http://[::1', result: refused('origin-invalid-host') },
  { rule: 'IPv4 host in hex', pattern: 'https://0x7f.0.0.1', result: refused('origin-host-not-canonical') },
  { rule: 'IPv6 host not compressed', pattern: 'http://[0:0::1]:3000', result: refused('origin-host-not-canonical') },
  {
    rule: 'plain http with credentials',
    pattern: 'http://a.com',
    rules: withCredentials,
    result: refused('origin-insecure-with-credentials'),
  },
  {
    rule: 'loopback http with credentials is fine',
    pattern: 'http://127.0.0.2:3000',
    rules: withCredentials,
    result: exact('http', '127.0.0.2', '3000'),
  },
  {
    rule: 'public-suffix wildcard with credentials',
    pattern: 'https://*.github.io',
    rules: withCredentials,
    result: refused('origin-public-suffix-wildcard'),
  },
];

describe('parseOriginPattern: pattern → structured result', () => {
  for (const row of rows) {
    test(row.rule, () => assert.deepEqual(parse(row.pattern, row.rules), row.result));
  }
});
