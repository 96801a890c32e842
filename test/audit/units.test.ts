import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowOriginProblem } from '../../src/audit/allow-origin-syntax.ts';
import { exchangeWarnings } from '../../src/audit/index.ts';
import { originProbes, unrelatedOrigin } from '../../src/audit/lookalikes.ts';
import { registrableDomain } from '../../src/audit/registrable-domain.ts';

describe('registrableDomain', () => {
  const rows: [string, string | undefined][] = [
    ['api.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['a.b.shop.co.uk', 'shop.co.uk'],
    ['me.github.io', 'me.github.io'],
    ['api.example.localhost', 'example.localhost'],
    ['127.0.0.1', undefined],
    ['[::1]', undefined],
    ['com', undefined],
  ];
  for (const [host, site] of rows) test(`${host} → ${site}`, () => assert.equal(registrableDomain(host), site));
});

describe('originProbes: look-alikes of the target and of each trusted origin', () => {
  const probes = originProbes('http://api.shop.test/data', ['https://app.example.com'], 'cgnonce');
  const rows: [string, string][] = [
    ['reflects-any-origin', 'https://cgnonce.net'],
    ['allows-null-origin', 'null'],
    ['prefix-match', 'https://app.example.com.corsguard-attacker.com'],
    ['prefix-match', 'http://api.shop.test.corsguard-attacker.com'],
    ['suffix-match', 'https://cgnonceexample.com'],
    ['suffix-match', 'http://cgnonceshop.test'],
    ['suffix-match', 'https://xample.com'],
    ['unescaped-dot', 'https://appxexample.com'],
    ['unescaped-dot', 'https://app.examplexcom'],
    ['special-char-bypass', 'https://app.example.com_.corsguard-attacker.com'],
    ['special-char-bypass', 'https://app.example.com`.corsguard-attacker.com'],
    ['special-char-bypass', 'https://app.example.com%60.corsguard-attacker.com'],
    ['any-subdomain', 'https://cgnonce.example.com'],
    ['any-subdomain', 'https://cgnonce.app.example.com'],
    ['insecure-origin-trusted', 'http://app.example.com'],
    ['any-port', 'https://app.example.com:3999'],
    ['third-party-origin-trusted', 'https://corsguard-probe.github.io'],
    ['third-party-origin-trusted', 'https://codepen.io'],
  ];
  for (const [id, origin] of rows) {
    test(`${id}: ${origin}`, () => assert.ok(probes.some((probe) => probe.id === id && probe.origin === origin)));
  }
  test('the unrelated origin comes first; no trusted origin is probed as an attacker; no duplicates', () => {
    assert.equal(probes[0]?.id, 'reflects-any-origin');
    assert.ok(!probes.some((probe) => probe.origin === 'https://app.example.com'));
    assert.equal(new Set(probes.map((probe) => probe.origin)).size, probes.length);
  });
  test('the unrelated origin is not always under .com', () => {
    const tlds = new Set(
      ['cga', 'cgb', 'cgc', 'cgd', 'cge', 'cgf'].map((nonce) =>
        new URL(unrelatedOrigin(nonce)).hostname.split('.').at(-1),
      ),
    );
    assert.ok(tlds.size > 1, [...tlds].join(' '));
  });
  test('any-port: a trusted http://localhost:3000 is probed as http://localhost:3999', () => {
    assert.ok(
      originProbes('http://127.0.0.1:8080/', ['http://localhost:3000'], 'cgnonce').some(
        (probe) => probe.id === 'any-port' && probe.origin === 'http://localhost:3999',
      ),
    );
  });
  test('an IP target gives no domain look-alikes', () => {
    const ids = new Set(originProbes('http://127.0.0.1:8080/', [], 'cgnonce').map((probe) => probe.id));
    assert.deepEqual([...ids].sort(), ['allows-null-origin', 'reflects-any-origin', 'third-party-origin-trusted']);
  });
});

describe('allowOriginProblem', () => {
  const rows: [string, boolean][] = [
    ['*', false],
    ['null', false],
    ['https://app.example.com', false],
    ['http://localhost:3000', false],
    ['https://app.example.com/', true],
    ['https://App.Example.com', true],
    ['https://a.example.com, https://b.example.com', true],
    ['https://a.example.com https://b.example.com', true],
    ['app.example.com', true],
    ['https://app.example.com:443', true],
    ['', true],
  ];
  for (const [value, malformed] of rows)
    test(`'${value}' ${malformed ? 'is' : 'is not'} malformed`, () =>
      assert.equal(allowOriginProblem(value) !== undefined, malformed));
});

describe('exchangeWarnings: what one exchange shows (for corsguard check)', () => {
  const origin = 'https://app.example.com';
  const rows: { rule: string; sent?: string; response: Record<string, string>; ids: string[] }[] = [
    {
      rule: 'an exact origin with Vary and no credentials: nothing',
      response: { 'access-control-allow-origin': origin, vary: 'Origin' },
      ids: [],
    },
    {
      rule: 'the echoed origin without Vary',
      response: { 'access-control-allow-origin': origin },
      ids: ['missing-vary-origin'],
    },
    {
      rule: 'the echoed origin with credentials: run audit',
      response: {
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        vary: 'Accept, Origin',
      },
      ids: ['origin-allowed-with-credentials'],
    },
    {
      rule: '* with credentials',
      response: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' },
      ids: ['wildcard-with-credentials'],
    },
    {
      rule: 'a trailing slash',
      response: { 'access-control-allow-origin': `${origin}/`, vary: 'Origin' },
      ids: ['invalid-allow-origin'],
    },
    { rule: 'no Allow-Origin: nothing to say', response: { vary: 'Origin' }, ids: [] },
    { rule: '* alone: nothing', response: { 'access-control-allow-origin': '*' }, ids: [] },
    {
      rule: "'null' allowed with credentials: anyone can send it",
      sent: 'null',
      response: { 'access-control-allow-origin': 'null', 'access-control-allow-credentials': 'true', vary: 'Origin' },
      ids: ['allows-null-origin'],
    },
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const warnings = exchangeWarnings({ headers: { origin: row.sent ?? origin } }, { headers: row.response });
      assert.deepEqual(warnings.map((warning) => warning.id).sort(), [...row.ids].sort());
    });
  }
  test('accepts header pairs as the simulator records them', () => {
    const warnings = exchangeWarnings(
      { headers: [['origin', origin]] },
      {
        headers: [
          ['access-control-allow-origin', '*'],
          ['access-control-allow-credentials', 'true'],
        ],
      },
    );
    assert.deepEqual(
      warnings.map((warning) => warning.id),
      ['wildcard-with-credentials'],
    );
  });
});
