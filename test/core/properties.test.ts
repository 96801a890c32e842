// Property-based tests of the engine's security guarantees over generated valid configurations and
// adversarial requests. At least 100,000 requests are decided per run (RUNS × REQUESTS_PER_CONFIG).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createCors, type CorsDecision, type CorsOptions, type PlainRequest } from '../../src/index.ts';

const RUNS = 500;
const REQUESTS_PER_CONFIG = 220;
let decided = 0;

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/);
const domain = fc.tuple(label, fc.constantFrom('com', 'org', 'example', 'test')).map(([name, tld]) => `${name}.${tld}`);
const port = fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined });
const scheme = fc.constantFrom('https', 'http');

type Entry =
  | { kind: 'exact'; origin: string }
  | { kind: 'subdomains'; scheme: string; suffix: string; port: string }
  | { kind: 'any-port'; scheme: string; host: string };

const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc
    .tuple(scheme, domain, port)
    .map(([s, d, p]) => ({ kind: 'exact' as const, origin: `${s}://${d}${p ? `:${p}` : ''}` })),
  fc
    .tuple(scheme, domain, fc.constantFrom('', ':8443', ':*'))
    .map(([s, d, p]) => ({ kind: 'subdomains' as const, scheme: s, suffix: d, port: p })),
  fc
    .tuple(scheme, fc.constantFrom('localhost', '127.0.0.1', 'dev.example'))
    .map(([s, h]) => ({ kind: 'any-port' as const, scheme: s, host: h })),
);

function entryToOption(e: Entry): string {
  if (e.kind === 'exact') return e.origin;
  if (e.kind === 'subdomains') return `${e.scheme}://*.${e.suffix}${e.port}`;
  return `${e.scheme}://${e.host}:*`;
}

const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
const config = fc.record({
  entries: fc.array(entry, { minLength: 1, maxLength: 6 }),
  any: fc.boolean(),
  credentials: fc.boolean(),
  allowNull: fc.boolean(),
  methods: fc.array(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'patch', 'PURGE'), { maxLength: 3 }),
  headers: fc.array(
    headerName.filter(
      (n) =>
        !/^(sec-|proxy-|access-control-)/i.test(n) &&
        ![
          'host',
          'cookie',
          'origin',
          'te',
          'via',
          'dnt',
          'date',
          'trailer',
          'upgrade',
          'expect',
          'referer',
          'connection',
          'cookie2',
          'keep-alive',
        ].includes(n.toLowerCase()),
    ),
    { maxLength: 4 },
  ),
  wildcardHeaders: fc.boolean(),
  authorization: fc.boolean(),
  csrf: fc.boolean(),
});
type Config = typeof config extends fc.Arbitrary<infer T> ? T : never;

function optionsOf(c: Config): CorsOptions {
  const any = c.any && !c.credentials;
  return {
    origin: any ? '*' : [...c.entries.map(entryToOption), ...(c.allowNull ? ['null'] : [])],
    credentials: c.credentials,
    methods: c.methods,
    allowedHeaders: [...c.headers, ...(c.wildcardHeaders ? ['*'] : []), ...(c.authorization ? ['Authorization'] : [])],
    dangerouslyAllowNullOrigin: c.allowNull,
    dangerouslyAllowInsecureOrigins: true,
    dangerouslyAllowPublicSuffixWildcards: true,
    csrf: c.csrf && !any,
  };
}

/** An oracle written independently of the engine: one RegExp per configured entry. */
function referenceAllows(c: Config, origin: string): boolean {
  if (c.any && !c.credentials) return true;
  if (origin === 'null') return c.allowNull;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return c.entries.some((e) => {
    if (e.kind === 'exact') return e.origin === origin;
    const portRe = (p: string) => (p === ':*' ? '(:[1-9][0-9]{0,4})?' : esc(p));
    if (e.kind === 'subdomains') {
      return new RegExp(`^${esc(e.scheme)}://([a-z0-9_-]+\\.)+${esc(e.suffix)}${portRe(e.port)}$`).test(origin);
    }
    return new RegExp(`^${esc(e.scheme)}://${esc(e.host)}${portRe(':*')}$`).test(origin);
  });
}

const byteString = fc.string({
  unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

function originFor(c: Config): fc.Arbitrary<string | string[] | undefined> {
  const near = fc
    .tuple(fc.constantFrom(...c.entries), label, fc.constantFrom('', ':8443', ':1', ':080', '/', '.', 'x'), fc.nat(3))
    .map(([e, l, suffix, variant]) => {
      if (e.kind === 'exact') {
        return [
          e.origin + suffix,
          e.origin.toUpperCase(),
          e.origin.replace('://', `://${l}.`),
          e.origin.replace(/^https?/, (s) => (s === 'http' ? 'https' : 'http')),
        ][variant]!;
      }
      if (e.kind === 'subdomains') return `${e.scheme}://${l}.${e.suffix}${suffix}`;
      return `${e.scheme}://${e.host}${suffix}`;
    });
  return fc.oneof(
    near,
    fc.constantFrom('null', 'https://evil.example.net', ''),
    byteString,
    fc.array(near, { minLength: 2, maxLength: 2 }),
    fc.constant(undefined),
  );
}

function requestFor(c: Config): fc.Arbitrary<PlainRequest> {
  return fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'patch', 'OPTIONS', 'OPTIONS', 'OPTIONS'),
      origin: originFor(c),
      acrm: fc.option(fc.oneof(fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'patch', 'PURGE'), byteString), {
        nil: undefined,
      }),
      acrh: fc.option(
        fc.oneof(
          fc
            .tuple(
              fc.array(
                fc.oneof(fc.constantFrom(...c.headers, 'authorization', 'x-unknown', 'Content-Type'), headerName),
                { maxLength: 5 },
              ),
              fc.constantFrom(',', ', ', ' ,,'),
            )
            .map(([names, separator]) => names.join(separator)),
          byteString,
        ),
        { nil: undefined },
      ),
      site: fc.option(fc.oneof(fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none'), byteString), {
        nil: undefined,
      }),
      host: fc.option(fc.oneof(fc.constant('api.example.com'), byteString), { nil: undefined }),
      junk: byteString,
    })
    .map(({ method, origin, acrm, acrh, site, host, junk }) => ({
      method,
      url: `/${junk}`,
      headers: {
        origin,
        'access-control-request-method': acrm,
        'access-control-request-headers': acrh,
        'sec-fetch-site': site,
        host,
        'access-control-request-private-network': junk.length % 2 ? 'true' : undefined,
      },
    }));
}

function header(d: CorsDecision, name: string): string | undefined {
  for (let i = 0; i < d.headers.length; i += 2) if (d.headers[i] === name) return d.headers[i + 1];
  return undefined;
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

test(`engine security properties hold for ${RUNS * REQUESTS_PER_CONFIG} generated requests`, () => {
  fc.assert(
    fc.property(
      config.chain((c) =>
        fc.tuple(
          fc.constant(c),
          fc.array(requestFor(c), { minLength: REQUESTS_PER_CONFIG, maxLength: REQUESTS_PER_CONFIG }),
        ),
      ),
      ([c, requests]) => {
        const cors = createCors(optionsOf(c));
        const anyOrigin = c.any && !c.credentials;
        for (const request of requests) {
          decided++;
          // No throw for any byte string in any header; synchronous without a predicate.
          const d = cors.decide(request) as CorsDecision;
          assert.ok(!(d instanceof Promise));
          const origin = single(request.headers!.origin);
          const acao = header(d, 'access-control-allow-origin');
          // Never '*' together with credentials.
          assert.ok(!(acao === '*' && header(d, 'access-control-allow-credentials') !== undefined), 'ACAO * with ACAC');
          // Never ACAO for a disallowed origin, never ACAO: null unless opted in.
          if (acao !== undefined && acao !== '*') {
            assert.equal(acao, origin);
            assert.ok(referenceAllows(c, acao), `ACAO for disallowed origin ${JSON.stringify(acao)}`);
          }
          if (acao === 'null') assert.ok(c.allowNull);
          if (origin !== undefined && referenceAllows(c, origin) && d.kind === 'actual' && !anyOrigin) {
            assert.equal(acao, origin, `allowed origin ${origin} got no ACAO`);
          }
          // Vary: Origin whenever the answer depends on Origin.
          if (!anyOrigin) assert.ok(d.vary.split(', ').includes('Origin'), `no Vary: Origin (${d.reason})`);
          // A preflight is granted only if origin, method and every requested header are allowed.
          if (d.kind === 'preflight' && d.allowed) {
            assert.ok(
              anyOrigin || (origin !== undefined && referenceAllows(c, origin)),
              'preflight granted to a disallowed origin',
            );
            const method = single(request.headers!['access-control-request-method'])!;
            assert.ok(['GET', 'HEAD', 'POST', ...c.methods].includes(method), `method ${method} granted`);
            const names = (single(request.headers!['access-control-request-headers']) ?? '')
              .split(',')
              .map((n) => n.trim().toLowerCase())
              .filter(Boolean);
            const listed = new Set(
              [...c.headers, ...(c.authorization ? ['authorization'] : [])].map((n) => n.toLowerCase()),
            );
            for (const name of names) {
              assert.ok(listed.has(name) || (c.wildcardHeaders && name !== 'authorization'), `header ${name} granted`);
            }
          }
          if (d.status !== 0 && d.kind === 'actual') assert.equal(d.reason, 'csrf-rejected');
        }
      },
    ),
    { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
  );
  assert.ok(decided >= 100_000, `only ${decided} requests decided`);
});
