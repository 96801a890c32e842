// Property tests for trailing-dot hosts (`http://example.com.:3999`, `http://localhost.`): browsers
// send them as typed, and they are origins of their own. Hosts are drawn from a small set of names
// with and without the dot so that near misses (the same name, the other form) are frequent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createCors, type CorsDecision } from '../../src/index.ts';

const RUNS = 2000;
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

const name = fc.constantFrom('example.com', 'a.example.com', 'localhost', 'example.org', 'com');
const dotted = fc.tuple(name, fc.boolean()).map(([host, dot]) => (dot ? `${host}.` : host));
const scheme = fc.constantFrom('http', 'https');
const port = fc.constantFrom('', ':3999', ':8443');
const subLabels = fc
  .array(fc.constantFrom('a', 'b', 'x-1'), { minLength: 1, maxLength: 2 })
  .map((labels) => `${labels.join('.')}.`);

type Entry =
  | { kind: 'exact'; scheme: string; host: string; port: string }
  | { kind: 'subdomains'; scheme: string; host: string; port: string }
  | { kind: 'any-port'; scheme: string; host: string };

const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({ kind: fc.constant('exact' as const), scheme, host: dotted, port }),
  fc.record({
    kind: fc.constant('subdomains' as const),
    scheme,
    host: dotted,
    port: fc.constantFrom('', ':8443', ':*'),
  }),
  fc.record({ kind: fc.constant('any-port' as const), scheme, host: dotted }),
);

function optionOf(e: Entry): string {
  if (e.kind === 'exact') return `${e.scheme}://${e.host}${e.port}`;
  if (e.kind === 'subdomains') return `${e.scheme}://*.${e.host}${e.port}`;
  return `${e.scheme}://${e.host}:*`;
}

/** Origins near the entries: same names with or without the dot, a doubled dot, subdomains, ports. */
const origin = fc
  .tuple(scheme, fc.option(subLabels, { nil: '' }), dotted, fc.constantFrom('', '', '.'), port)
  .map(([s, sub, host, extra, p]) => `${s}://${sub}${host}${extra}${p}`);

/** The reference, written from the option syntax: a trailing dot is just another byte of the host. */
function oracle(e: Entry, o: string): boolean {
  const match = /^(https?):\/\/([a-z0-9.-]+?)(:\d+)?$/.exec(o);
  if (!match) return false;
  const [, s, host, p = ''] = match;
  if (s !== e.scheme || host!.includes('..')) return false;
  if (e.kind === 'exact') return host === e.host && p === e.port;
  if (e.kind === 'any-port') return host === e.host;
  return host!.endsWith(`.${e.host}`) && host!.length > e.host.length + 1 && (e.port === ':*' || p === e.port);
}

function allowOrigin(d: CorsDecision): string | undefined {
  const i = d.headers.indexOf('access-control-allow-origin');
  return i === -1 ? undefined : d.headers[i + 1];
}

const hostOf = (o: string) => new URL(o).hostname;

test('every trailing-dot origin a browser can send is accepted in the configuration, as the browser serialises it', () => {
  fc.assert(
    fc.property(scheme, fc.option(subLabels, { nil: '' }), dotted, port, (s, sub, host, p) => {
      const configured = `${s}://${sub}${host}${p}`;
      assert.equal(new URL(configured).origin, configured, 'the browser sends the origin in this very form');
      assert.doesNotThrow(() => createCors({ origin: configured }));
    }),
    { numRuns: RUNS, seed },
  );
});

test('an origin matches a pattern exactly when the reference says so: a trailing-dot origin never matches a pattern written without the dot, nor the reverse', () => {
  fc.assert(
    fc.property(
      fc.array(entry, { minLength: 1, maxLength: 4 }),
      fc.array(origin, { minLength: 1, maxLength: 20 }),
      (entries, origins) => {
        const cors = createCors({ origin: entries.map(optionOf), dangerouslyAllowPublicSuffixWildcards: true });
        for (const o of origins) {
          const allowed =
            allowOrigin(cors.decide({ method: 'GET', headers: { origin: o } }) as CorsDecision) !== undefined;
          const expected = entries.some((e) => oracle(e, o));
          assert.equal(allowed, expected, `${o} against ${entries.map(optionOf).join(', ')}`);
          // The security property stated on its own: an allowed origin's host has the trailing dot
          // exactly when the entry that allows it does.
          if (allowed) assert.ok(entries.some((e) => oracle(e, o) && e.host.endsWith('.') === hostOf(o).endsWith('.')));
        }
      },
    ),
    { numRuns: RUNS, seed },
  );
});
