import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONFIG_ISSUE_CODES, type ConfigIssueCode } from '../../src/core/errors.ts';
import { MAX_MAX_AGE } from '../../src/core/limits.ts';
import { CorsConfigError, createCors, type ConfigIssue, type CorsOptions } from '../../src/index.ts';

function issuesOf(options: unknown): ConfigIssue[] {
  try {
    createCors(options as CorsOptions);
  } catch (error) {
    assert.ok(error instanceof CorsConfigError, `expected CorsConfigError, got ${String(error)}`);
    return [...error.issues];
  }
  return [];
}

// Each row: an invalid configuration, the option path blamed and the rule's code; `names` are values
// the fix must name (the option to use instead, or the corrected value), exactly as written.
const invalid: Array<{ rule: string; options: unknown; path: string; code: ConfigIssueCode; names?: string[] }> = [
  { rule: 'options must be an object', options: 'https://a.com', path: 'options', code: 'options-not-object' },
  { rule: 'origin is required', options: {}, path: 'origin', code: 'origin-required' },
  {
    rule: 'origin: null is missing, not an origin',
    options: { origin: null },
    path: 'origin',
    code: 'origin-required',
  },
  {
    rule: 'origin: an empty string (unset environment variable)',
    options: { origin: '' },
    path: 'origin',
    code: 'origin-empty',
  },
  {
    rule: "origin: [''] (an empty environment variable split on commas)",
    options: { origin: [''] },
    path: 'origin[0]',
    code: 'origin-empty',
  },
  {
    rule: 'origin: a trailing comma in a split list leaves an empty entry',
    options: { origin: ['https://a.com', ''] },
    path: 'origin[1]',
    code: 'origin-empty',
  },
  {
    rule: 'origin: true (reflect all) is refused',
    options: { origin: true },
    path: 'origin',
    code: 'origin-reflect-all',
  },
  { rule: 'empty origin list', options: { origin: [] }, path: 'origin', code: 'origin-empty-array' },
  {
    rule: "'null' origin needs the opt-out",
    options: { origin: ['null'] },
    path: 'origin[0]',
    code: 'origin-null-needs-opt-in',
    names: ['dangerouslyAllowNullOrigin'],
  },
  {
    rule: 'origin with a path',
    options: { origin: 'https://a.com/app' },
    path: 'origin',
    code: 'origin-path',
    names: ["'https://a.com'"],
  },
  {
    rule: 'origin with a trailing slash',
    options: { origin: 'https://a.com/' },
    path: 'origin',
    code: 'origin-trailing-slash',
    names: ["'https://a.com'"],
  },
  { rule: 'origin with a query', options: { origin: 'https://a.com?x=1' }, path: 'origin', code: 'origin-path' },
  {
    rule: 'origin without scheme',
    options: { origin: 'a.example.com' },
    path: 'origin',
    code: 'origin-no-scheme',
    names: ["'https://a.example.com'"],
  },
  {
    rule: 'pattern without scheme',
    options: { origin: '*.example.com' },
    path: 'origin',
    code: 'origin-no-scheme',
    names: ["'https://*.example.com'"],
  },
  {
    rule: 'origin with an invalid scheme',
    options: { origin: '1http://a.com' },
    path: 'origin',
    code: 'origin-invalid-scheme',
  },
  {
    rule: 'origin with an upper-case scheme',
    options: { origin: 'HTTPS://a.com' },
    path: 'origin',
    code: 'origin-scheme-case',
    names: ["'https://a.com'"],
  },
  {
    rule: 'origin with upper-case host',
    options: { origin: 'https://App.example.com' },
    path: 'origin',
    code: 'origin-host-case',
    names: ["'https://app.example.com'"],
  },
  {
    rule: 'origin with a bad host',
    options: { origin: 'https://a_b-.com-' },
    path: 'origin',
    code: 'origin-invalid-host',
  },
  {
    rule: 'origin with a non-canonical IPv4 (leading zero)',
    options: { origin: 'http://127.0.0.01' },
    path: 'origin',
    code: 'origin-invalid-host',
  },
  {
    rule: 'origin with a Unicode host',
    options: { origin: 'https://bücher.de' },
    path: 'origin',
    code: 'origin-non-ascii',
  },
  {
    rule: 'origin with a 64-byte label',
    options: { origin: `https://${'a'.repeat(64)}.com` },
    path: 'origin',
    code: 'origin-label-too-long',
  },
  {
    rule: 'origin with a 254-byte host',
    options: { origin: `https://${'a.'.repeat(125)}abcd` },
    path: 'origin',
    code: 'origin-host-too-long',
  },
  {
    rule: 'origin with the default https port',
    options: { origin: 'https://a.com:443' },
    path: 'origin',
    code: 'origin-default-port',
    names: ["'https://a.com'"],
  },
  {
    rule: 'origin with the default http port',
    options: { origin: 'http://a.com:80' },
    path: 'origin',
    code: 'origin-default-port',
  },
  {
    rule: 'origin with an invalid port',
    options: { origin: 'http://a.com:99999' },
    path: 'origin',
    code: 'origin-invalid-port',
  },
  {
    rule: 'origin with port 65536',
    options: { origin: 'http://a.com:65536' },
    path: 'origin',
    code: 'origin-invalid-port',
  },
  { rule: 'origin with user info', options: { origin: 'https://u@a.com' }, path: 'origin', code: 'origin-user-info' },
  { rule: 'origin with no host', options: { origin: 'https://' }, path: 'origin', code: 'origin-no-host' },
  {
    rule: 'two origins in one string, comma-separated',
    options: { origin: 'https://a.com,https://b.com' },
    path: 'origin',
    code: 'origin-several-in-one-string',
    names: ["['https://a.com', 'https://b.com']"],
  },
  {
    rule: 'two origins in one string, space-separated',
    options: { origin: 'https://a.com https://b.com' },
    path: 'origin',
    code: 'origin-several-in-one-string',
    names: ["['https://a.com', 'https://b.com']"],
  },
  {
    rule: 'a newline inside an origin is named, escaped',
    options: { origin: ['https://a.\ncom'] },
    path: 'origin[0]',
    code: 'origin-control-character',
    names: ['"https://a.\\ncom"'],
  },
  {
    rule: 'a trailing newline is surrounding whitespace, shown escaped',
    options: { origin: 'https://a.com\n' },
    path: 'origin',
    code: 'origin-whitespace',
    names: ['"https://a.com\\n"', "'https://a.com'"],
  },
  {
    rule: "'*' inside a label",
    options: { origin: 'https://a*.example.com' },
    path: 'origin',
    code: 'origin-wildcard-misplaced',
  },
  {
    rule: "'*' in the middle of a host",
    options: { origin: 'https://a.*.example.com' },
    path: 'origin',
    code: 'origin-wildcard-misplaced',
  },
  {
    rule: "'*' as the whole host",
    options: { origin: 'https://*' },
    path: 'origin',
    code: 'origin-wildcard-misplaced',
  },
  {
    rule: "'*.' in front of an IPv4 address",
    options: { origin: 'http://*.127.0.0.1' },
    path: 'origin',
    code: 'origin-wildcard-ip',
  },
  {
    rule: "'*.' in front of an IPv6 literal",
    options: { origin: 'http://*.[::1]:3000' },
    path: 'origin',
    code: 'origin-wildcard-ip',
  },
  {
    rule: 'wildcard on a non-http scheme',
    options: { origin: 'chrome-extension://*.abc' },
    path: 'origin',
    code: 'origin-wildcard-scheme',
  },
  {
    rule: "'*' as an array element",
    options: { origin: ['*', 'https://a.com'] },
    path: 'origin[0]',
    code: 'origin-any-in-list',
  },
  { rule: 'unanchored RegExp', options: { origin: /example\.com$/ }, path: 'origin', code: 'origin-regexp-unanchored' },
  {
    rule: 'RegExp anchored at one end only',
    options: { origin: /^https:\/\/a\.com/ },
    path: 'origin',
    code: 'origin-regexp-unanchored',
  },
  {
    rule: 'RegExp ending in an escaped dollar',
    options: { origin: /^https:\/\/a\.com\$/ },
    path: 'origin',
    code: 'origin-regexp-unanchored',
  },
  {
    rule: 'RegExp with top-level alternation',
    options: { origin: /^https:\/\/a\.com|https:\/\/b\.com$/ },
    path: 'origin',
    code: 'origin-regexp-alternation',
  },
  { rule: 'non-string origin entry', options: { origin: [42] }, path: 'origin[0]', code: 'origin-entry-type' },
  {
    rule: "'*' with credentials",
    options: { origin: '*', credentials: true },
    path: 'origin',
    code: 'origin-any-with-credentials',
  },
  {
    rule: 'http origin with credentials',
    options: { origin: 'http://a.com', credentials: true },
    path: 'origin',
    code: 'origin-insecure-with-credentials',
    names: ['dangerouslyAllowInsecureOrigins'],
  },
  {
    rule: 'public-suffix wildcard with credentials',
    options: { origin: 'https://*.com', credentials: true },
    path: 'origin',
    code: 'origin-public-suffix-wildcard',
    names: ['dangerouslyAllowPublicSuffixWildcards'],
  },
  {
    rule: 'multi-label public-suffix wildcard with credentials',
    options: { origin: 'https://*.github.io', credentials: true },
    path: 'origin',
    code: 'origin-public-suffix-wildcard',
  },
  {
    rule: 'second-level public suffix under a country TLD (com.pl) with credentials',
    options: { origin: 'https://*.com.pl', credentials: true },
    path: 'origin',
    code: 'origin-public-suffix-wildcard',
  },
  {
    rule: 'government second-level suffix (gov.in) with credentials',
    options: { origin: 'https://*.gov.in', credentials: true },
    path: 'origin',
    code: 'origin-public-suffix-wildcard',
  },
  {
    rule: 'hosting platform suffix (azurestaticapps.net) with credentials',
    options: { origin: 'https://*.azurestaticapps.net', credentials: true },
    path: 'origin',
    code: 'origin-public-suffix-wildcard',
  },
  {
    rule: "Blogger's per-country suffix (blogspot.co.uk) with credentials",
    options: { origin: 'https://*.blogspot.co.uk', credentials: true },
    path: 'origin',
    code: 'origin-public-suffix-wildcard',
  },
  {
    rule: 'a file: origin (browsers send null for file pages)',
    options: { origin: 'file://example.com' },
    path: 'origin',
    code: 'origin-file-scheme',
    names: ["'null'", 'dangerouslyAllowNullOrigin'],
  },
  {
    rule: 'a file: origin with an empty host',
    options: { origin: ['https://a.com', 'file:///'] },
    path: 'origin[1]',
    code: 'origin-file-scheme',
  },
  {
    rule: 'a non-http(s) scheme origin with credentials needs the opt-in',
    options: { origin: 'capacitor://localhost', credentials: true },
    path: 'origin',
    code: 'origin-custom-scheme-with-credentials',
    names: ['dangerouslyAllowCustomSchemeOrigins'],
  },
  {
    rule: 'a browser-extension origin with credentials needs the opt-in',
    options: { origin: ['https://a.com', 'chrome-extension://abcdefghijklmnop'], credentials: true },
    path: 'origin[1]',
    code: 'origin-custom-scheme-with-credentials',
  },
  {
    rule: 'IPv4 host in a non-canonical form (hex) names the form browsers send',
    options: { origin: 'https://0x7f.0.0.1' },
    path: 'origin',
    code: 'origin-host-not-canonical',
    names: ["'https://127.0.0.1'"],
  },
  {
    rule: 'IPv6 host not compressed names the form browsers send',
    options: { origin: 'http://[0:0::1]:3000' },
    path: 'origin',
    code: 'origin-host-not-canonical',
    names: ["'http://[::1]:3000'"],
  },
  {
    rule: 'IPv6 host that does not parse',
    options: { origin: 'http://[::::]' },
    path: 'origin',
    code: 'origin-invalid-host',
  },
  {
    rule: 'host ending in a number that is not an IPv4 address',
    options: { origin: 'https://a.123' },
    path: 'origin',
    code: 'origin-invalid-host',
  },
  {
    rule: "dangerouslyAllowNullOrigin without 'null' listed has no effect",
    options: { origin: ['https://a.com'], dangerouslyAllowNullOrigin: true },
    path: 'dangerouslyAllowNullOrigin',
    code: 'null-opt-in-unused',
  },
  {
    rule: 'forbidden method CONNECT',
    options: { origin: '*', methods: ['CONNECT'] },
    path: 'methods[0]',
    code: 'method-forbidden',
  },
  {
    rule: 'forbidden method trace in any case',
    options: { origin: '*', methods: ['trace'] },
    path: 'methods[0]',
    code: 'method-forbidden',
  },
  {
    rule: 'forbidden method TRACK',
    options: { origin: '*', methods: 'TRACK' },
    path: 'methods',
    code: 'method-forbidden',
  },
  {
    rule: 'lower-case method browsers upper-case',
    options: { origin: '*', methods: ['delete'] },
    path: 'methods[0]',
    code: 'method-case',
    names: ["'DELETE'"],
  },
  {
    rule: 'invalid method token',
    options: { origin: '*', methods: ['PU T'] },
    path: 'methods[0]',
    code: 'method-invalid',
  },
  {
    rule: 'a method with a newline is shown escaped',
    options: { origin: '*', methods: ['PUT\n'] },
    path: 'methods[0]',
    code: 'method-invalid',
    names: ['"PUT\\n"'],
  },
  {
    rule: 'several methods in one string',
    options: { origin: '*', methods: 'PUT, PATCH' },
    path: 'methods',
    code: 'method-several-in-one-string',
    names: ["['PUT', 'PATCH']"],
  },
  { rule: 'methods not a string or list', options: { origin: '*', methods: 5 }, path: 'methods', code: 'not-a-list' },
  {
    rule: 'a method that is not a string',
    options: { origin: '*', methods: ['PUT', 5] },
    path: 'methods[1]',
    code: 'not-a-string',
  },
  {
    rule: 'invalid header name',
    options: { origin: '*', allowedHeaders: ['X Foo'] },
    path: 'allowedHeaders[0]',
    code: 'header-invalid',
  },
  {
    rule: 'two header names in one string',
    options: { origin: '*', allowedHeaders: 'Content-Type, Authorization' },
    path: 'allowedHeaders',
    code: 'header-several-in-one-string',
    names: ["['Content-Type', 'Authorization']"],
  },
  {
    rule: 'forbidden request header Cookie',
    options: { origin: '*', allowedHeaders: ['Cookie'] },
    path: 'allowedHeaders[0]',
    code: 'header-forbidden',
  },
  {
    rule: 'forbidden request header Host',
    options: { origin: '*', allowedHeaders: ['host'] },
    path: 'allowedHeaders[0]',
    code: 'header-forbidden',
  },
  {
    rule: 'forbidden request header Sec-*',
    options: { origin: '*', allowedHeaders: ['Sec-Fetch-Mode'] },
    path: 'allowedHeaders[0]',
    code: 'header-forbidden',
  },
  {
    rule: 'forbidden request header Proxy-*',
    options: { origin: '*', allowedHeaders: ['Proxy-Authorization'] },
    path: 'allowedHeaders[0]',
    code: 'header-forbidden',
  },
  {
    rule: 'CORS protocol header as allowed header',
    options: { origin: '*', allowedHeaders: ['Access-Control-Allow-Origin'] },
    path: 'allowedHeaders[0]',
    code: 'header-cors-protocol',
  },
  {
    rule: 'CORS protocol header as exposed header',
    options: { origin: '*', exposedHeaders: ['Access-Control-Request-Method'] },
    path: 'exposedHeaders[0]',
    code: 'header-cors-protocol',
  },
  {
    rule: 'CORS response header as exposed header, any case',
    options: { origin: '*', exposedHeaders: ['x-total', 'access-control-allow-origin'] },
    path: 'exposedHeaders[1]',
    code: 'header-cors-protocol',
  },
  {
    rule: 'Set-Cookie exposed',
    options: { origin: '*', exposedHeaders: ['Set-Cookie'] },
    path: 'exposedHeaders[0]',
    code: 'exposed-header-forbidden',
  },
  {
    rule: "expose '*' with credentials",
    options: { origin: 'https://a.com', credentials: true, exposedHeaders: '*' },
    path: 'exposedHeaders',
    code: 'expose-any-with-credentials',
  },
  { rule: 'maxAge negative', options: { origin: '*', maxAge: -1 }, path: 'maxAge', code: 'max-age-invalid' },
  {
    rule: 'maxAge one past the limit',
    options: { origin: '*', maxAge: MAX_MAX_AGE + 1 },
    path: 'maxAge',
    code: 'max-age-invalid',
  },
  { rule: 'maxAge not an integer', options: { origin: '*', maxAge: 1.5 }, path: 'maxAge', code: 'max-age-invalid' },
  { rule: 'maxAge as a string', options: { origin: '*', maxAge: '600' }, path: 'maxAge', code: 'max-age-invalid' },
  {
    rule: 'optionsSuccessStatus not 2xx',
    options: { origin: '*', optionsSuccessStatus: 301 },
    path: 'optionsSuccessStatus',
    code: 'success-status-invalid',
  },
  {
    rule: 'credentials not a boolean',
    options: { origin: 'https://a.com', credentials: 'true' },
    path: 'credentials',
    code: 'not-boolean',
  },
  {
    rule: 'unknown option with did-you-mean',
    options: { origin: '*', maxage: 5 },
    path: 'maxage',
    code: 'unknown-option',
    names: ["'maxAge'"],
  },
  {
    rule: 'an unknown option named like an Object.prototype member',
    options: { origin: '*', constructor: 1 },
    path: 'constructor',
    code: 'unknown-option',
  },
  {
    rule: "@koa/cors's and hono's allowHeaders",
    options: { origin: '*', allowHeaders: ['x'] },
    path: 'allowHeaders',
    code: 'option-renamed',
    names: ['allowedHeaders'],
  },
  {
    rule: "@koa/cors's and hono's allowMethods",
    options: { origin: '*', allowMethods: ['PUT'] },
    path: 'allowMethods',
    code: 'option-renamed',
    names: ['methods'],
  },
  {
    rule: "@koa/cors's and hono's exposeHeaders",
    options: { origin: '*', exposeHeaders: ['x'] },
    path: 'exposeHeaders',
    code: 'option-renamed',
    names: ['exposedHeaders'],
  },
  {
    rule: "@koa/cors's privateNetworkAccess",
    options: { origin: '*', privateNetworkAccess: true },
    path: 'privateNetworkAccess',
    code: 'option-renamed',
    names: ['privateNetwork'],
  },
  {
    rule: "@fastify/cors's strictPreflight",
    options: { origin: '*', strictPreflight: false },
    path: 'strictPreflight',
    code: 'option-not-offered',
  },
  {
    rule: "@fastify/cors's hook",
    options: { origin: '*', hook: 'preHandler' },
    path: 'hook',
    code: 'option-not-offered',
    names: ['onRequest'],
  },
  {
    rule: "@fastify/cors's hideOptionsRoute",
    options: { origin: '*', hideOptionsRoute: false },
    path: 'hideOptionsRoute',
    code: 'option-not-offered',
  },
  {
    rule: "@fastify/cors's logLevel",
    options: { origin: '*', logLevel: 'debug' },
    path: 'logLevel',
    code: 'option-not-offered',
    names: ['debug: true'],
  },
  {
    rule: "@koa/cors's keepHeadersOnError",
    options: { origin: '*', keepHeadersOnError: true },
    path: 'keepHeadersOnError',
    code: 'option-not-offered',
  },
  {
    rule: "@koa/cors's secureContext",
    options: { origin: '*', secureContext: true },
    path: 'secureContext',
    code: 'option-not-offered',
    names: ['Cross-Origin-Opener-Policy', 'Cross-Origin-Embedder-Policy'],
  },
  {
    rule: "@fastify/cors's delegator",
    options: { origin: '*', delegator: () => ({}) },
    path: 'delegator',
    code: 'option-not-offered',
    names: ['reconfigure'],
  },
  {
    rule: "@fastify/cors's preflight",
    options: { origin: '*', preflight: false },
    path: 'preflight',
    code: 'option-not-offered',
    names: ['preflightContinue: true'],
  },
  {
    rule: "@fastify/cors's cacheControl",
    options: { origin: '*', cacheControl: 600 },
    path: 'cacheControl',
    code: 'option-not-offered',
    names: ['maxAge'],
  },
  {
    rule: 'csrf not true, false or an object',
    options: { origin: 'https://a.com', csrf: 'yes' },
    path: 'csrf',
    code: 'csrf-invalid',
  },
  { rule: 'csrf with origin *', options: { origin: '*', csrf: true }, path: 'csrf', code: 'csrf-with-any-origin' },
  {
    rule: 'csrf exempt paths not an array',
    options: { origin: 'https://a.com', csrf: { exemptPaths: '/saml' } },
    path: 'csrf.exemptPaths',
    code: 'csrf-exempt-paths-invalid',
  },
  {
    rule: 'csrf exempt path must be exact',
    options: { origin: 'https://a.com', csrf: { exemptPaths: ['/saml?x'] } },
    path: 'csrf.exemptPaths[0]',
    code: 'csrf-exempt-path-invalid',
  },
  {
    rule: 'csrf unknown sub-option',
    options: { origin: 'https://a.com', csrf: { exempt: ['/a'] } },
    path: 'csrf.exempt',
    code: 'csrf-unknown-option',
  },
  {
    rule: 'debug must be boolean or function',
    options: { origin: '*', debug: 'yes' },
    path: 'debug',
    code: 'debug-invalid',
  },
];

describe('validation: one CorsConfigError naming the problem and the fix', () => {
  for (const row of invalid) {
    test(row.rule, () => {
      const issues = issuesOf(row.options);
      assert.deepEqual(
        issues.map(({ path, code }) => ({ path, code })),
        [{ path: row.path, code: row.code }],
      );
      const message = issues[0]!.message;
      for (const name of row.names ?? [])
        assert.ok(message.includes(name), `${JSON.stringify(message)} should name ${name}`);
      assert.doesNotMatch(message, /[\x00-\x1f\x7f]/, 'control characters are shown escaped');
    });
  }

  test('every issue code has a row above', () => {
    const covered = new Set(invalid.map((row) => row.code));
    assert.deepEqual(
      CONFIG_ISSUE_CODES.filter((code) => !covered.has(code)),
      [],
    );
  });

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
    assert.deepEqual(issues.map(({ path, code }) => `${path} ${code}`).sort(), [
      'allowedHeaders[0] header-forbidden',
      'colour unknown-option',
      'exposedHeaders[0] exposed-header-forbidden',
      'maxAge max-age-invalid',
      'methods[0] method-forbidden',
      'optionsSuccessStatus success-status-invalid',
      'origin[0] origin-trailing-slash',
      'origin[1] origin-null-needs-opt-in',
    ]);
  });
});

const valid: Array<{ rule: string; options: CorsOptions }> = [
  { rule: "origin '*'", options: { origin: '*' } },
  { rule: 'exact origin with port', options: { origin: 'https://a.com:8443' } },
  {
    rule: 'localhost over http with credentials is secure',
    options: { origin: 'http://localhost:3000', credentials: true },
  },
  {
    rule: '*.localhost over http with credentials is secure',
    options: { origin: 'http://*.localhost:*', credentials: true },
  },
  {
    rule: 'loopback IP over http with credentials is secure',
    options: { origin: 'http://127.0.0.1:8080', credentials: true },
  },
  { rule: 'IPv6 loopback with credentials', options: { origin: 'http://[::1]:8080', credentials: true } },
  {
    rule: 'insecure origin with the opt-out',
    options: { origin: 'http://a.com', credentials: true, dangerouslyAllowInsecureOrigins: true },
  },
  { rule: 'public-suffix wildcard without credentials', options: { origin: 'https://*.github.io' } },
  {
    rule: 'public-suffix wildcard with the opt-out',
    options: { origin: 'https://*.com', credentials: true, dangerouslyAllowPublicSuffixWildcards: true },
  },
  { rule: 'null with the opt-out', options: { origin: ['null'], dangerouslyAllowNullOrigin: true } },
  {
    rule: 'null opt-out with a predicate (the predicate then sees null)',
    options: { origin: () => false, dangerouslyAllowNullOrigin: true },
  },
  {
    rule: 'an own domain under a country TLD is not a public suffix',
    options: { origin: 'https://*.example.co.uk', credentials: true },
  },
  {
    rule: 'a two-label own domain under a country TLD',
    options: { origin: 'https://*.example.de', credentials: true },
  },
  {
    rule: 'lower-case patch is legitimate (browsers keep its case)',
    options: { origin: '*', methods: ['patch', 'PATCH'] },
  },
  { rule: "methods '*'", options: { origin: '*', methods: '*' } },
  {
    rule: "allowedHeaders '*' and Authorization",
    options: { origin: 'https://a.com', credentials: true, allowedHeaders: ['*', 'Authorization'] },
  },
  {
    rule: 'Content-Type may be listed (JSON bodies need it)',
    options: { origin: '*', allowedHeaders: ['Content-Type'] },
  },
  { rule: 'maxAge 0', options: { origin: '*', maxAge: 0 } },
  { rule: 'maxAge at the limit', options: { origin: '*', maxAge: MAX_MAX_AGE } },
  { rule: 'port 65535', options: { origin: 'http://a.com:65535' } },
  { rule: 'predicate', options: { origin: () => true, credentials: true } },
  { rule: 'csrf with exempt paths', options: { origin: 'https://a.com', csrf: { exemptPaths: ['/saml/acs'] } } },
  { rule: 'anchored RegExp with grouped alternation', options: { origin: /^https:\/\/(?:a|b)\.example\.com$/ } },
  {
    rule: 'non-http scheme exact origin (browser extension)',
    options: { origin: 'chrome-extension://abcdefghijklmnop' },
  },
  {
    rule: 'non-http scheme origin with credentials and the opt-in',
    options: {
      origin: ['https://a.com', 'capacitor://localhost'],
      credentials: true,
      dangerouslyAllowCustomSchemeOrigins: true,
    },
  },
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
