import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { audit, type AuditReport } from '../../src/audit/index.ts';
import type { Transport } from '../../src/simulate/index.ts';
import { artifactPath, toSarif } from '../../src/cli/audit/audit-sarif.ts';

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  partialFingerprints: Record<string, string>;
  properties: { url: string };
}

describe('SARIF artifact locations are repository-relative pseudo-paths', () => {
  const rows: [string, string][] = [
    ['https://api.example.com/v1/items?id=1#x', 'cors-audit/api.example.com_443/v1/items'],
    ['http://api.example.com/', 'cors-audit/api.example.com_80/index'],
    ['http://127.0.0.1:8080/data/', 'cors-audit/127.0.0.1_8080/data'],
    ['http://[::1]:3000/a', 'cors-audit/___1__3000/a'],
    ['not a url', 'cors-audit/invalid-url'],
  ];
  for (const [url, path] of rows) {
    test(`${url} → ${path}`, () => {
      assert.equal(artifactPath(url), path);
      assert.doesNotMatch(path, /^[a-z]+:|^\//);
    });
  }
});

// A server as a function reflecting every origin: each run probes with a new random origin.
const reflecting: Transport = async (request) => {
  const origin = request.headers.get('origin');
  return {
    status: 200,
    headers: new Headers(origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' }),
  };
};
const resultsOf = (report: AuditReport): SarifResult[] =>
  (toSarif(report) as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? [];

describe('SARIF results', () => {
  test('each result: a pseudo-path location, the real URL in properties, a fingerprint stable across runs', async () => {
    const urls = ['https://api.example.com/me', 'https://api.example.com/items'];
    const [first, second] = [
      await audit(urls, { transport: reflecting }),
      await audit(urls, { transport: reflecting }),
    ];
    const one = resultsOf(first);
    const two = resultsOf(second);
    assert.ok(one.length >= 2);
    for (const result of one) {
      assert.match(
        result.locations[0]?.physicalLocation.artifactLocation.uri ?? '',
        /^cors-audit\/api\.example\.com_443\/(me|items)$/,
      );
      assert.ok(urls.includes(result.properties.url));
    }
    assert.deepEqual(
      one.map((r) => r.partialFingerprints['corsguardFinding/v1']),
      two.map((r) => r.partialFingerprints['corsguardFinding/v1']),
    );
    assert.equal(new Set(one.map((r) => r.partialFingerprints['corsguardFinding/v1'])).size, one.length);
  });
});
