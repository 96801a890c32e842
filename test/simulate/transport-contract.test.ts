// What the simulator hands its transport (includeCredentials) and how it names transport errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { simulateFetch, type CredentialsMode, type TransportRequest } from '../../src/simulate/index.ts';

const PAGE = 'https://app.example';

function answering(log: TransportRequest[]) {
  return async (request: TransportRequest) => {
    log.push(request);
    const headers = new Headers({
      'access-control-allow-origin': PAGE,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
    });
    return { status: request.method === 'OPTIONS' ? 204 : 200, headers };
  };
}

describe('transport contract', () => {
  const credentialRows: {
    rule: string;
    url: string;
    method?: string;
    credentials: CredentialsMode;
    expected: [string, boolean][];
  }[] = [
    {
      rule: "'include' cross-origin carries credentials",
      url: 'https://api.example/x',
      credentials: 'include',
      expected: [['GET', true]],
    },
    {
      rule: "'same-origin' cross-origin carries none",
      url: 'https://api.example/x',
      credentials: 'same-origin',
      expected: [['GET', false]],
    },
    {
      rule: "'same-origin' same-origin carries credentials",
      url: `${PAGE}/x`,
      credentials: 'same-origin',
      expected: [['GET', true]],
    },
    { rule: "'omit' same-origin carries none", url: `${PAGE}/x`, credentials: 'omit', expected: [['GET', false]] },
    {
      rule: 'a preflight never carries credentials',
      url: 'https://api.example/x',
      method: 'PUT',
      credentials: 'include',
      expected: [
        ['OPTIONS', false],
        ['PUT', true],
      ],
    },
  ];
  for (const row of credentialRows) {
    test(`includeCredentials: ${row.rule}`, async () => {
      const log: TransportRequest[] = [];
      const verdict = await simulateFetch(
        { url: row.url, origin: PAGE, method: row.method, credentials: row.credentials },
        answering(log),
      );
      assert.equal(verdict.allowed, true, verdict.message);
      assert.deepEqual(
        log.map((request) => [request.method, request.includeCredentials]),
        row.expected,
      );
    });
  }

  const errorRows: { rule: string; code: string | undefined; reason: string; fixSide: 'server' | 'client' }[] = [
    {
      rule: 'a self-signed certificate is a TLS error',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      reason: 'tls-error',
      fixSide: 'server',
    },
    { rule: 'an expired certificate is a TLS error', code: 'CERT_HAS_EXPIRED', reason: 'tls-error', fixSide: 'server' },
    {
      rule: 'a certificate for another host is a TLS error',
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      reason: 'tls-error',
      fixSide: 'server',
    },
    {
      rule: 'a refused connection is a network error with its code',
      code: 'ECONNREFUSED',
      reason: 'network-error',
      fixSide: 'client',
    },
    { rule: 'an error without a code is a network error', code: undefined, reason: 'network-error', fixSide: 'client' },
  ];
  for (const row of errorRows) {
    for (const method of ['GET', 'PUT']) {
      test(`${row.rule} (${method === 'GET' ? 'actual request' : 'preflight'})`, async () => {
        const verdict = await simulateFetch({ url: 'https://api.example/x', origin: PAGE, method }, async () => {
          throw Object.assign(new Error('connection failed'), row.code ? { code: row.code } : {});
        });
        assert.equal(verdict.reason, row.reason);
        assert.equal(verdict.stage, method === 'GET' ? 'actual' : 'preflight');
        assert.equal(verdict.errorCode, row.code);
        assert.equal(verdict.fix?.side, row.fixSide);
      });
    }
  }

  test("a fetch() TypeError's cause carries the code (undici wraps socket errors)", async () => {
    const verdict = await simulateFetch({ url: 'https://api.example/x', origin: PAGE }, async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      });
    });
    assert.equal(verdict.reason, 'tls-error');
    assert.equal(verdict.errorCode, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});
