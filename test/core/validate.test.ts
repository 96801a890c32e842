import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CorsConfigError, createCors, type CorsOptions } from '../../src/index.ts';

function issuesOf(options: unknown): Array<{ path: string; message: string }> {
  try {
    createCors(options as CorsOptions);
  } catch (error) {
    assert.ok(error instanceof CorsConfigError, `expected CorsConfigError, got ${String(error)}`);
    assert.match(error.message, /Invalid CORS configuration/);
    return [...error.issues];
  }
  return [];
}

// Each row: an invalid configuration, the option path blamed, and words the fix must contain.
const invalid: Array<{ rule: string; options: unknown; path: string; says: RegExp }> = [
  { rule: 'options must be an object', options: 'https://a.com', path: 'options', says: /must be an object/ },
  { rule: 'origin is required', options: {}, path: 'origin', says: /required/ },
  { rule: 'origin: true (reflect all) is refused', options: { origin: true }, path: 'origin', says: /not supported/ },
  { rule: 'empty origin list', options: { origin: [] }, path: 'origin', says: /empty array/ },
  { rule: "'null' origin needs the opt-out", options: { origin: ['null'] }, path: 'origin[0]', says: /dangerouslyAllowNullOrigin/ },
  { rule: 'origin with a path', options: { origin: 'https://a.com/app' }, path: 'origin', says: /write 'https:\/\/a\.com'/ },
  { rule: 'origin with a trailing slash', options: { origin: 'https://a.com/' }, path: 'origin', says: /trailing slash.*'https:\/\/a\.com'/ },
  { rule: 'origin with a query', options: { origin: 'https://a.com?x=1' }, path: 'origin', says: /path, query/ },
  { rule: 'origin without scheme', options: { origin: 'a.example.com' }, path: 'origin', says: /no scheme.*'https:\/\/a\.example\.com'/ },
  { rule: 'pattern without scheme', options: { origin: '*.example.com' }, path: 'origin', says: /'https:\/\/\*\.example\.com'/ },
  { rule: 'origin with upper-case host', options: { origin: 'https://App.example.com' }, path: 'origin', says: /lower case/ },
  { rule: 'origin with a bad host', options: { origin: 'https://a_b-.com-' }, path: 'origin', says: /invalid host/ },
  { rule: 'origin with a non-canonical IPv4', options: { origin: 'http://127.0.0.01' }, path: 'origin', says: /invalid host/ },
  { rule: 'origin with a Unicode host', options: { origin: 'https://bücher.de' }, path: 'origin', says: /punycode/ },
  { rule: 'origin with the default https port', options: { origin: 'https://a.com:443' }, path: 'origin', says: /default port.*'https:\/\/a\.com'/ },
  { rule: 'origin with the default http port', options: { origin: 'http://a.com:80' }, path: 'origin', says: /default port/ },
  { rule: 'origin with an invalid port', options: { origin: 'http://a.com:99999' }, path: 'origin', says: /invalid port/ },
  { rule: 'origin with user info', options: { origin: 'https://u@a.com' }, path: 'origin', says: /user info/ },
  { rule: 'two origins in one string', options: { origin: 'https://a.com,https://b.com' }, path: 'origin', says: /own array element/ },
  { rule: "'*' inside a label", options: { origin: 'https://a*.example.com' }, path: 'origin', says: /'\*' in a place/ },
  { rule: "'*' in the middle of a host", options: { origin: 'https://a.*.example.com' }, path: 'origin', says: /'\*' in a place/ },
  { rule: "'*' as the whole host", options: { origin: 'https://*' }, path: 'origin', says: /'\*' in a place/ },
  { rule: "'*' in front of an IP", options: { origin: 'http://*.0.0.1' }, path: 'origin', says: /./ },
  { rule: "'*' as an array element", options: { origin: ['*', 'https://a.com'] }, path: 'origin[0]', says: /whole origin option/ },
  { rule: 'unanchored RegExp', options: { origin: /example\.com$/ }, path: 'origin', says: /not anchored/ },
  { rule: 'RegExp anchored at one end only', options: { origin: /^https:\/\/a\.com/ }, path: 'origin', says: /not anchored/ },
  { rule: 'RegExp ending in an escaped dollar', options: { origin: /^https:\/\/a\.com\$/ }, path: 'origin', says: /not anchored/ },
  { rule: 'RegExp with top-level alternation', options: { origin: /^https:\/\/a\.com|https:\/\/b\.com$/ }, path: 'origin', says: /top-level '\|'/ },
  { rule: 'non-string origin entry', options: { origin: [42] }, path: 'origin[0]', says: /origin string or a RegExp/ },
  { rule: "'*' with credentials", options: { origin: '*', credentials: true }, path: 'origin', says: /credentials/ },
  { rule: 'http origin with credentials', options: { origin: 'http://a.com', credentials: true }, path: 'origin', says: /dangerouslyAllowInsecureOrigins/ },
  { rule: 'public-suffix wildcard with credentials', options: { origin: 'https://*.com', credentials: true }, path: 'origin', says: /dangerouslyAllowPublicSuffixWildcards/ },
  { rule: 'multi-label public-suffix wildcard with credentials', options: { origin: 'https://*.github.io', credentials: true }, path: 'origin', says: /public suffix/ },
  { rule: 'second-level public suffix under a country TLD (com.pl) with credentials', options: { origin: 'https://*.com.pl', credentials: true }, path: 'origin', says: /public suffix/ },
  { rule: 'government second-level suffix (gov.in) with credentials', options: { origin: 'https://*.gov.in', credentials: true }, path: 'origin', says: /public suffix/ },
  { rule: "hosting platform suffix (azurestaticapps.net) with credentials", options: { origin: 'https://*.azurestaticapps.net', credentials: true }, path: 'origin', says: /public suffix/ },
  { rule: "Blogger's per-country suffix (blogspot.co.uk) with credentials", options: { origin: 'https://*.blogspot.co.uk', credentials: true }, path: 'origin', says: /public suffix/ },
  { rule: 'IPv4 host in a non-canonical form (hex) names the form browsers send', options: { origin: 'https://0x7f.0.0.1' }, path: 'origin', says: /write 'https:\/\/127\.0\.0\.1'/ },
  { rule: 'IPv6 host not compressed names the form browsers send', options: { origin: 'http://[0:0::1]:3000' }, path: 'origin', says: /write 'http:\/\/\[::1\]:3000'/ },
  { rule: 'IPv6 host that does not parse', options: { origin: 'http://[::::]' }, path: 'origin', says: /invalid host/ },
  { rule: 'host ending in a number that is not an IPv4 address', options: { origin: 'https://a.123' }, path: 'origin', says: /invalid host/ },
  { rule: "dangerouslyAllowNullOrigin without 'null' listed has no effect", options: { origin: ['https://a.com'], dangerouslyAllowNullOrigin: true }, path: 'dangerouslyAllowNullOrigin', says: /no 'null' entry/ },
  { rule: 'forbidden method CONNECT', options: { origin: '*', methods: ['CONNECT'] }, path: 'methods[0]', says: /forbidden method/ },
  { rule: 'forbidden method trace in any case', options: { origin: '*', methods: ['trace'] }, path: 'methods[0]', says: /forbidden method/ },
  { rule: 'forbidden method TRACK', options: { origin: '*', methods: 'TRACK' }, path: 'methods', says: /forbidden method/ },
  { rule: 'lower-case method browsers upper-case', options: { origin: '*', methods: ['delete'] }, path: 'methods[0]', says: /write 'DELETE'/ },
  { rule: 'invalid method token', options: { origin: '*', methods: ['PU T'] }, path: 'methods[0]', says: /not a valid method/ },
  { rule: 'several methods in one string', options: { origin: '*', methods: 'PUT, PATCH' }, path: 'methods', says: /\['PUT', 'PATCH'\]/ },
  { rule: 'invalid header name', options: { origin: '*', allowedHeaders: ['X Foo'] }, path: 'allowedHeaders[0]', says: /not a valid header name/ },
  { rule: 'two header names in one string', options: { origin: '*', allowedHeaders: 'Content-Type, Authorization' }, path: 'allowedHeaders', says: /\['Content-Type', 'Authorization'\]/ },
  { rule: 'forbidden request header Cookie', options: { origin: '*', allowedHeaders: ['Cookie'] }, path: 'allowedHeaders[0]', says: /forbidden request header/ },
  { rule: 'forbidden request header Host', options: { origin: '*', allowedHeaders: ['host'] }, path: 'allowedHeaders[0]', says: /forbidden request header/ },
  { rule: 'forbidden request header Sec-*', options: { origin: '*', allowedHeaders: ['Sec-Fetch-Mode'] }, path: 'allowedHeaders[0]', says: /forbidden request header/ },
  { rule: 'forbidden request header Proxy-*', options: { origin: '*', allowedHeaders: ['Proxy-Authorization'] }, path: 'allowedHeaders[0]', says: /forbidden request header/ },
  { rule: 'CORS protocol header as allowed header', options: { origin: '*', allowedHeaders: ['Access-Control-Allow-Origin'] }, path: 'allowedHeaders[0]', says: /CORS protocol header/ },
  { rule: 'Set-Cookie exposed', options: { origin: '*', exposedHeaders: ['Set-Cookie'] }, path: 'exposedHeaders[0]', says: /never exposed/ },
  { rule: "expose '*' with credentials", options: { origin: 'https://a.com', credentials: true, exposedHeaders: '*' }, path: 'exposedHeaders', says: /credentialed/ },
  { rule: 'maxAge negative', options: { origin: '*', maxAge: -1 }, path: 'maxAge', says: /0 to 86400/ },
  { rule: 'maxAge too large', options: { origin: '*', maxAge: 86401 }, path: 'maxAge', says: /0 to 86400/ },
  { rule: 'maxAge not an integer', options: { origin: '*', maxAge: 1.5 }, path: 'maxAge', says: /whole number/ },
  { rule: 'maxAge as a string', options: { origin: '*', maxAge: '600' }, path: 'maxAge', says: /whole number/ },
  { rule: 'optionsSuccessStatus not 2xx', options: { origin: '*', optionsSuccessStatus: 301 }, path: 'optionsSuccessStatus', says: /2xx/ },
  { rule: 'credentials not a boolean', options: { origin: 'https://a.com', credentials: 'true' }, path: 'credentials', says: /true or false/ },
  { rule: 'unknown option with did-you-mean', options: { origin: '*', maxage: 5 }, path: 'maxage', says: /did you mean 'maxAge'/ },
  { rule: 'peer option name maps to ours', options: { origin: '*', allowHeaders: ['x'] }, path: 'allowHeaders', says: /did you mean 'allowedHeaders'/ },
  { rule: 'csrf with origin *', options: { origin: '*', csrf: true }, path: 'csrf', says: /no effect/ },
  { rule: 'csrf exempt path must be exact', options: { origin: 'https://a.com', csrf: { exemptPaths: ['/saml?x'] } }, path: 'csrf.exemptPaths[0]', says: /exact path/ },
  { rule: 'csrf unknown sub-option', options: { origin: 'https://a.com', csrf: { exempt: ['/a'] } }, path: 'csrf.exempt', says: /exemptPaths/ },
  { rule: 'debug must be boolean or function', options: { origin: '*', debug: 'yes' }, path: 'debug', says: /function/ },
];

describe('validation: one CorsConfigError naming the problem and the fix', () => {
  for (const row of invalid) {
    test(row.rule, () => {
      const issues = issuesOf(row.options);
      const hit = issues.find((issue) => issue.path === row.path);
      assert.ok(hit, `no issue at ${row.path}; got ${JSON.stringify(issues)}`);
      assert.match(hit.message, row.says);
    });
  }

  test('every problem is reported at once', () => {
    const issues = issuesOf({
      origin: ['https://a.com/', 'null'],
      methods: ['TRACE'],
      allowedHeaders: ['Cookie'],
      exposedHeaders: ['Set-Cookie'],
      maxAge: 100000,
      optionsSuccessStatus: 500,
      colour: 'blue',
    });
    assert.deepEqual(
      issues.map((issue) => issue.path).sort(),
      ['allowedHeaders[0]', 'colour', 'exposedHeaders[0]', 'maxAge', 'methods[0]', 'optionsSuccessStatus', 'origin[0]', 'origin[1]'],
    );
  });
});

const valid: Array<{ rule: string; options: CorsOptions }> = [
  { rule: "origin '*'", options: { origin: '*' } },
  { rule: 'exact origin with port', options: { origin: 'https://a.com:8443' } },
  { rule: 'localhost over http with credentials is secure', options: { origin: 'http://localhost:3000', credentials: true } },
  { rule: '*.localhost over http with credentials is secure', options: { origin: 'http://*.localhost:*', credentials: true } },
  { rule: 'loopback IP over http with credentials is secure', options: { origin: 'http://127.0.0.1:8080', credentials: true } },
  { rule: 'IPv6 loopback with credentials', options: { origin: 'http://[::1]:8080', credentials: true } },
  { rule: 'insecure origin with the opt-out', options: { origin: 'http://a.com', credentials: true, dangerouslyAllowInsecureOrigins: true } },
  { rule: 'public-suffix wildcard without credentials', options: { origin: 'https://*.github.io' } },
  { rule: 'public-suffix wildcard with the opt-out', options: { origin: 'https://*.com', credentials: true, dangerouslyAllowPublicSuffixWildcards: true } },
  { rule: 'null with the opt-out', options: { origin: ['null'], dangerouslyAllowNullOrigin: true } },
  { rule: 'null opt-out with a predicate (the predicate then sees null)', options: { origin: () => false, dangerouslyAllowNullOrigin: true } },
  { rule: 'an own domain under a country TLD is not a public suffix', options: { origin: 'https://*.example.co.uk', credentials: true } },
  { rule: 'a two-label own domain under a country TLD', options: { origin: 'https://*.example.de', credentials: true } },
  { rule: 'lower-case patch is legitimate (browsers keep its case)', options: { origin: '*', methods: ['patch', 'PATCH'] } },
  { rule: "methods '*'", options: { origin: '*', methods: '*' } },
  { rule: "allowedHeaders '*' and Authorization", options: { origin: 'https://a.com', credentials: true, allowedHeaders: ['*', 'Authorization'] } },
  { rule: 'Content-Type may be listed (JSON bodies need it)', options: { origin: '*', allowedHeaders: ['Content-Type'] } },
  { rule: 'maxAge 0', options: { origin: '*', maxAge: 0 } },
  { rule: 'predicate', options: { origin: () => true, credentials: true } },
  { rule: 'csrf with exempt paths', options: { origin: 'https://a.com', csrf: { exemptPaths: ['/saml/acs'] } } },
  { rule: 'anchored RegExp with grouped alternation', options: { origin: /^https:\/\/(?:a|b)\.example\.com$/ } },
  { rule: 'non-http scheme exact origin (browser extension)', options: { origin: 'chrome-extension://abcdefghijklmnop' } },
];

describe('validation: valid configurations are accepted', () => {
  for (const row of valid) {
    test(row.rule, () => assert.deepEqual(issuesOf(row.options), []));
  }
});

describe('reconfigure', () => {
  test('swaps the policy atomically and keeps the old one on bad options', () => {
    const cors = createCors({ origin: 'https://a.com' });
    const request = { method: 'GET', headers: { origin: 'https://b.com' } };
    assert.equal((cors.decide(request) as { allowed: boolean }).allowed, false);
    cors.reconfigure({ origin: 'https://b.com' });
    assert.equal((cors.decide(request) as { allowed: boolean }).allowed, true);
    assert.throws(() => cors.reconfigure({ origin: 'https://b.com/' }), CorsConfigError);
    assert.equal((cors.decide(request) as { allowed: boolean }).allowed, true);
  });
});
