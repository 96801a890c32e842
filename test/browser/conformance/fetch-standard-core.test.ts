// The hand-written core: cases whose expected outcome is written here from the Fetch standard
// (and corsguard's documented promises), not computed from the engine, so the suite cannot agree
// with a wrong engine. Each row runs against every adapter in real Chromium, Firefox and WebKit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CorsOptions } from '../../../src/index.ts';
import { OTHER_API_HOST } from '../support/api-server.ts';
import type { OriginKey } from '../support/browser-session.ts';
import type { PageOrigins } from '../support/pages.ts';
import type { ProbeRequest } from '../support/probe.ts';
import { describeBrowserSuite, probeEach, type CaseRun } from '../support/suite.ts';

interface CoreCase {
  readonly rule: string;
  readonly policy: (o: PageOrigins) => CorsOptions<any>;
  readonly from: OriginKey;
  readonly fetch?: Omit<ProbeRequest, 'url' | 'read'> & {
    readonly redirect?: 'same-origin' | 'cross-origin';
    readonly status?: number;
  };
  /** What script sees. */
  readonly expect: 'readable' | 'TypeError';
  /** Whether the request reached the /data handler. */
  readonly handled: boolean;
  readonly status?: number;
  /** Response headers script can (true) or cannot (false) read, when readable. */
  readonly exposes?: Readonly<Record<string, boolean>>;
  /** Whether the handler received the `sid` cookie. */
  readonly cookie?: boolean;
}

const include = 'include' as const;

const CASES: readonly CoreCase[] = [
  // https://fetch.spec.whatwg.org/#cors-check: Access-Control-Allow-Origin must equal the request's origin.
  {
    rule: 'simple GET from a listed origin is readable',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'simple GET from an unlisted origin: no preflight, the handler runs, script cannot read',
    policy: (o) => ({ origin: [o.A] }),
    from: 'B',
    expect: 'TypeError',
    handled: true,
  },
  {
    rule: 'HEAD from a listed origin is readable',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { method: 'HEAD' },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'CORS headers are on error responses too: a 404 from the handler is readable as 404',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { status: 404 },
    expect: 'readable',
    handled: true,
    status: 404,
  },

  // https://fetch.spec.whatwg.org/#concept-filtered-response-cors: only safelisted and exposed response headers are readable.
  {
    rule: 'X-Secret not exposed: headers.get returns null, Content-Type still readable',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    expect: 'readable',
    handled: true,
    exposes: { 'content-type': true, 'x-secret': false, 'x-request-id': false },
  },
  {
    rule: 'X-Secret listed in exposedHeaders is readable, X-Request-Id is not',
    policy: (o) => ({ origin: [o.A], exposedHeaders: ['X-Secret'] }),
    from: 'A',
    expect: 'readable',
    handled: true,
    exposes: { 'x-secret': true, 'x-request-id': false },
  },
  {
    rule: "exposedHeaders '*' exposes every header to a request without credentials",
    policy: (o) => ({ origin: [o.A], exposedHeaders: '*' }),
    from: 'A',
    expect: 'readable',
    handled: true,
    exposes: { 'x-secret': true, 'x-request-id': true },
  },
  {
    rule: 'exposedHeaders list works for credentialed requests',
    policy: (o) => ({ origin: [o.A], credentials: true, exposedHeaders: ['X-Secret'] }),
    from: 'A',
    fetch: { credentials: include },
    expect: 'readable',
    handled: true,
    exposes: { 'x-secret': true },
    cookie: true,
  },

  // https://fetch.spec.whatwg.org/#cors-check: with credentials, '*' never passes and Access-Control-Allow-Credentials must be true.
  {
    rule: "credentialed fetch to a '*' policy is a TypeError (the request itself still reached the handler)",
    policy: () => ({ origin: '*' }),
    from: 'A',
    fetch: { credentials: include },
    expect: 'TypeError',
    handled: true,
  },
  {
    rule: 'credentialed fetch to a listed origin without credentials: true is a TypeError',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { credentials: include },
    expect: 'TypeError',
    handled: true,
  },
  {
    rule: 'credentialed fetch with credentials: true is readable and carries the cookie',
    policy: (o) => ({ origin: [o.A], credentials: true }),
    from: 'A',
    fetch: { credentials: include },
    expect: 'readable',
    handled: true,
    cookie: true,
  },
  {
    rule: 'fetch without credentials sends no cookie cross-origin',
    policy: (o) => ({ origin: [o.A], credentials: true }),
    from: 'A',
    expect: 'readable',
    handled: true,
    cookie: false,
  },
  {
    rule: 'credentialed PUT + X-Custom: the preflight passes and the actual request carries the cookie',
    policy: (o) => ({ origin: [o.A], credentials: true, methods: ['PUT'], allowedHeaders: ['X-Custom'] }),
    from: 'A',
    fetch: { method: 'PUT', body: 'x', headers: { 'X-Custom': '1' }, credentials: include },
    expect: 'readable',
    handled: true,
    cookie: true,
  },

  // https://fetch.spec.whatwg.org/#cors-preflight-fetch: methods — normalisation and case-sensitive matching.
  {
    rule: '`patch` with methods [PATCH] is blocked: the browser sends `patch`, compared case-sensitively',
    policy: (o) => ({ origin: [o.A], methods: ['PATCH'] }),
    from: 'A',
    fetch: { method: 'patch', body: 'x' },
    expect: 'TypeError',
    handled: false,
  },
  {
    rule: '`PATCH` with methods [PATCH] is readable',
    policy: (o) => ({ origin: [o.A], methods: ['PATCH'] }),
    from: 'A',
    fetch: { method: 'PATCH', body: 'x' },
    expect: 'readable',
    handled: true,
  },
  {
    rule: '`delete` is normalised to DELETE and passes methods [DELETE]',
    policy: (o) => ({ origin: [o.A], methods: ['DELETE'] }),
    from: 'A',
    fetch: { method: 'delete' },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'PUT without methods is refused at the preflight and never reaches the handler',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { method: 'PUT', body: 'x' },
    expect: 'TypeError',
    handled: false,
  },
  {
    rule: "methods '*' lets PUT through",
    policy: (o) => ({ origin: [o.A], methods: '*' }),
    from: 'A',
    fetch: { method: 'PUT', body: 'x' },
    expect: 'readable',
    handled: true,
  },
  {
    rule: "methods '*' with credentials still lets PUT through (the method is answered by name)",
    policy: (o) => ({ origin: [o.A], methods: '*', credentials: true }),
    from: 'A',
    fetch: { method: 'PUT', body: 'x', credentials: include },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'a preflight refused for the origin keeps the DELETE from the handler',
    policy: (o) => ({ origin: [o.A], methods: ['DELETE'] }),
    from: 'B',
    fetch: { method: 'DELETE' },
    expect: 'TypeError',
    handled: false,
  },

  // https://fetch.spec.whatwg.org/#cors-preflight-fetch: request headers — safelisting and Access-Control-Allow-Headers.
  {
    rule: "Authorization with allowedHeaders '*' is blocked: '*' never covers Authorization",
    policy: (o) => ({ origin: [o.A], allowedHeaders: '*' }),
    from: 'A',
    fetch: { headers: { Authorization: 'Bearer t' } },
    expect: 'TypeError',
    handled: false,
  },
  {
    rule: 'Authorization listed in allowedHeaders is readable',
    policy: (o) => ({ origin: [o.A], allowedHeaders: ['Authorization'] }),
    from: 'A',
    fetch: { headers: { Authorization: 'Bearer t' } },
    expect: 'readable',
    handled: true,
  },
  {
    rule: "X-Custom with allowedHeaders '*' is readable",
    policy: (o) => ({ origin: [o.A], allowedHeaders: '*' }),
    from: 'A',
    fetch: { headers: { 'X-Custom': '1' } },
    expect: 'readable',
    handled: true,
  },
  {
    rule: "X-Custom with allowedHeaders '*' and credentials is readable (the names are answered)",
    policy: (o) => ({ origin: [o.A], allowedHeaders: '*', credentials: true }),
    from: 'A',
    fetch: { headers: { 'X-Custom': '1' }, credentials: include },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'X-Custom not in allowedHeaders is blocked before the handler',
    policy: (o) => ({ origin: [o.A], allowedHeaders: ['X-Other'] }),
    from: 'A',
    fetch: { headers: { 'X-Custom': '1' } },
    expect: 'TypeError',
    handled: false,
  },
  {
    rule: 'allowedHeaders are matched case-insensitively (x-custom allows X-Custom)',
    policy: (o) => ({ origin: [o.A], allowedHeaders: ['x-custom'] }),
    from: 'A',
    fetch: { headers: { 'X-Custom': '1' } },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'Content-Type: application/json without it in allowedHeaders is blocked',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } },
    expect: 'TypeError',
    handled: false,
  },
  {
    rule: 'Content-Type: application/json with Content-Type allowed is readable',
    policy: (o) => ({ origin: [o.A], allowedHeaders: ['Content-Type'] }),
    from: 'A',
    fetch: { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'Content-Type: text/plain;charset=UTF-8 is safelisted: readable with no allowedHeaders',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain;charset=UTF-8' } },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'a FormData body (multipart/form-data) is safelisted: readable with no allowedHeaders',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { method: 'POST', body: 'a=1', bodyType: 'form-data' },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'Content-Language: en-US is safelisted: readable with no allowedHeaders',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { headers: { 'Content-Language': 'en-US' } },
    expect: 'readable',
    handled: true,
  },
  {
    rule: "Accept-Language containing '/' is not safelisted: preflighted and blocked with no allowedHeaders",
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { headers: { 'Accept-Language': 'en/US' } },
    expect: 'TypeError',
    handled: false,
  },

  // https://fetch.spec.whatwg.org/#origin-header: opaque origins serialise as `null`.
  {
    rule: 'sandboxed iframe (Origin: null) with an exact list is blocked',
    policy: (o) => ({ origin: [o.A] }),
    from: 'N',
    expect: 'TypeError',
    handled: true,
  },
  {
    rule: "sandboxed iframe with '*' is readable",
    policy: () => ({ origin: '*' }),
    from: 'N',
    expect: 'readable',
    handled: true,
  },
  {
    rule: "sandboxed iframe with 'null' listed and dangerouslyAllowNullOrigin is readable",
    policy: (o) => ({ origin: [o.A, 'null'], dangerouslyAllowNullOrigin: true }),
    from: 'N',
    expect: 'readable',
    handled: true,
  },

  // Origin patterns.
  {
    rule: 'wildcard subdomain http://*.example.localhost:* allows b.example.localhost',
    policy: () => ({ origin: 'http://*.example.localhost:*' }),
    from: 'B',
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'wildcard subdomain http://*.example.localhost:* refuses evil.localhost',
    policy: () => ({ origin: 'http://*.example.localhost:*' }),
    from: 'X',
    expect: 'TypeError',
    handled: true,
  },
  {
    rule: 'port wildcard http://a.example.localhost:* allows another port',
    policy: () => ({ origin: 'http://a.example.localhost:*' }),
    from: 'A2',
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'port wildcard http://a.example.localhost:* refuses another host',
    policy: () => ({ origin: 'http://a.example.localhost:*' }),
    from: 'B',
    expect: 'TypeError',
    handled: true,
  },
  {
    rule: 'anchored RegExp allows the origin it matches',
    policy: () => ({ origin: /^http:\/\/b\.example\.localhost:\d+$/ }),
    from: 'B',
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'anchored RegExp refuses the origin it does not match',
    policy: () => ({ origin: /^http:\/\/b\.example\.localhost:\d+$/ }),
    from: 'A',
    expect: 'TypeError',
    handled: true,
  },
  {
    rule: 'async predicate resolving true allows',
    policy: (o) => ({ origin: async (origin: string) => origin === o.A2 }),
    from: 'A2',
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'async predicate resolving false refuses',
    policy: (o) => ({ origin: async (origin: string) => origin === o.A2 }),
    from: 'A',
    expect: 'TypeError',
    handled: true,
  },

  // https://fetch.spec.whatwg.org/#http-redirect-fetch: a cross-origin redirect taints the origin to `null`.
  {
    rule: 'same-origin redirect keeps the origin: readable',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { redirect: 'same-origin' },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'cross-origin redirect sends Origin: null on the next hop: blocked with an exact list',
    policy: (o) => ({ origin: [o.A] }),
    from: 'A',
    fetch: { redirect: 'cross-origin' },
    expect: 'TypeError',
    handled: true,
  },
  {
    rule: "cross-origin redirect with '*' is readable",
    policy: () => ({ origin: '*' }),
    from: 'A',
    fetch: { redirect: 'cross-origin' },
    expect: 'readable',
    handled: true,
  },

  // Cross-origin protection (csrf: true), from Sec-Fetch-Site and Origin.
  {
    rule: 'csrf: a simple POST from an unlisted same-site origin never reaches the handler',
    policy: (o) => ({ origin: [o.A], csrf: true }),
    from: 'B',
    fetch: { method: 'POST', body: 'x' },
    expect: 'TypeError',
    handled: false,
  },
  {
    rule: 'csrf: a simple POST from a listed origin reaches the handler and is readable',
    policy: (o) => ({ origin: [o.A], csrf: true }),
    from: 'A',
    fetch: { method: 'POST', body: 'x' },
    expect: 'readable',
    handled: true,
  },
  {
    rule: 'csrf: a GET from an unlisted origin still reaches the handler (safe method)',
    policy: (o) => ({ origin: [o.A], csrf: true }),
    from: 'X',
    expect: 'TypeError',
    handled: true,
  },
];

function requestFor({ api, case: row, id }: CaseRun<CoreCase>): ProbeRequest {
  const { redirect, status, ...init } = row.fetch ?? {};
  const data = `/data?s=${id}${status === undefined ? '' : `&status=${status}`}`;
  let url = api.url(data);
  if (redirect === 'same-origin') url = api.url(`/redirect?s=${id}&to=${encodeURIComponent(data)}`);
  if (redirect === 'cross-origin')
    url = api.url(`/redirect?s=${id}&to=${encodeURIComponent(api.url(data, OTHER_API_HOST))}`);
  return { ...init, url, read: ['content-type', 'x-secret', 'x-request-id'] };
}

const COOKIE = { name: 'sid', value: 'core' } as const;

describeBrowserSuite({
  here: { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  title: 'Fetch standard core (expectations written by hand)',
  cases: CASES,
  cookie: COOKIE,
  run: (session, runs) => probeEach(session, runs, (run) => run.case.from, requestFor),
  check({ case: row, api, id }, result) {
    const handled = api.log.handled(id).filter((entry) => entry.path === '/data');
    assert.equal(
      handled.length,
      row.handled ? 1 : 0,
      `the /data handler ${row.handled ? 'should' : 'should not'} have run`,
    );
    if (row.expect === 'TypeError') {
      // Only that fetch rejected: its message differs per engine and says nothing about why.
      assert.equal(result.kind, 'network-error', `script should not read the response: ${JSON.stringify(result)}`);
      return;
    }
    assert.equal(result.kind, 'response', `script should read the response: ${JSON.stringify(result)}`);
    if (result.kind !== 'response') return;
    assert.equal(result.status, row.status ?? 200);
    assert.notEqual(result.headers['content-type'], null, 'Content-Type is always readable');
    for (const [name, readable] of Object.entries(row.exposes ?? {})) {
      assert.equal(result.headers[name] !== null, readable, `${name} should ${readable ? '' : 'not '}be readable`);
    }
    if (row.cookie !== undefined) {
      const arrived = handled[0]?.cookie?.includes(`${COOKIE.name}=${COOKIE.value}`) ?? false;
      assert.equal(arrived, row.cookie, `the cookie should ${row.cookie ? '' : 'not '}arrive`);
    }
  },
});
