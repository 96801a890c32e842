// fixFor proposes one fix per reason code: who changes something, and the corsguard options that do it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SimulationReason } from '../../src/simulate/reasons/codes.ts';
import type { FailureContext } from '../../src/simulate/reasons/failure.ts';
import type { FixOptions } from '../../src/simulate/reasons/fix-options.ts';
import { fixFor } from '../../src/simulate/reasons/fixes.ts';

interface Row {
  readonly rule: string;
  readonly context?: Partial<FailureContext>;
  readonly side: 'server' | 'client';
  readonly options?: FixOptions;
}

const origin = 'https://app.example';
const base = {
  url: 'https://api.example/items',
  pageOrigin: origin,
  tainted: false,
  method: 'GET',
  credentials: false,
};
const serverOrigin = { side: 'server', options: { origin: [origin] } } as const;
const opaque = {
  rule: "the page's origin is 'null': no safe server fix",
  context: { pageOrigin: 'null' },
  side: 'client',
} as const;
const tainted = {
  rule: 'a redirect tainted the origin: no server fix',
  context: { tainted: true },
  side: 'client',
} as const;

// A key per reason code, so a reason without rows is a type error.
const rows: { readonly [reason in SimulationReason]: readonly Row[] } = {
  'missing-allow-origin': [
    { rule: 'actual response: allow the origin', ...serverOrigin },
    {
      rule: 'preflight: allow the origin and what the preflight asked for',
      context: { stage: 'preflight', preflightAsked: { method: 'PUT', headers: ['x-a', 'x-b'] } },
      side: 'server',
      options: { origin: [origin], methods: ['PUT'], allowedHeaders: ['x-a', 'x-b'] },
    },
    {
      rule: 'what a preflight asked for counts only at the preflight stage',
      context: { stage: 'actual', preflightAsked: { method: 'PUT', headers: ['x-a'] } },
      ...serverOrigin,
    },
    {
      rule: 'credentialed: credentials: true too',
      context: { credentials: true },
      side: 'server',
      options: { origin: [origin], credentials: true },
    },
    opaque,
    tainted,
  ],
  'multiple-allow-origin': [
    { rule: 'send one origin', context: { value: `${origin}, ${origin}` }, ...serverOrigin },
    tainted,
  ],
  'invalid-allow-origin': [{ rule: 'allow the origin', context: { value: 'app.example' }, ...serverOrigin }, opaque],
  'allow-origin-mismatch': [{ rule: 'allow the origin', context: { value: `${origin}/` }, ...serverOrigin }, tainted],
  'wildcard-origin-with-credentials': [
    {
      rule: 'echo the origin with credentials',
      context: { credentials: true, value: '*' },
      side: 'server',
      options: { origin: [origin], credentials: true },
    },
  ],
  'invalid-allow-credentials': [
    {
      rule: 'missing header',
      context: { credentials: true },
      side: 'server',
      options: { origin: [origin], credentials: true },
    },
    {
      rule: 'wrong value',
      context: { credentials: true, value: 'TRUE' },
      side: 'server',
      options: { origin: [origin], credentials: true },
    },
  ],
  'preflight-invalid-status': [
    {
      rule: 'answer the preflight itself',
      context: { stage: 'preflight', value: '401', preflightAsked: { headers: ['authorization'] } },
      side: 'server',
      options: { origin: [origin], allowedHeaders: ['authorization'] },
    },
    opaque,
  ],
  'preflight-redirect': [
    { rule: 'request the final URL', context: { stage: 'preflight', value: '301' }, side: 'client' },
  ],
  'invalid-allow-methods': [
    {
      rule: 'let corsguard build the list',
      context: { method: 'PUT', value: 'PUT;' },
      side: 'server',
      options: { methods: ['PUT'] },
    },
  ],
  'invalid-allow-headers': [
    {
      rule: 'let corsguard build the list',
      context: { value: 'x-a;', names: ['x-a'] },
      side: 'server',
      options: { allowedHeaders: ['x-a'] },
    },
  ],
  'method-not-allowed': [
    { rule: 'allow the method', context: { method: 'PUT' }, side: 'server', options: { methods: ['PUT'] } },
    {
      rule: "'*' with credentials: list the method",
      context: { method: 'PUT', credentials: true, wildcardListed: true },
      side: 'server',
      options: { methods: ['PUT'] },
    },
    {
      rule: 'a lower-case method is sent as written: fix the call',
      context: { method: 'patch' },
      side: 'client',
      options: { methods: ['patch'] },
    },
  ],
  'header-not-allowed': [
    {
      rule: 'allow the headers',
      context: { names: ['x-a', 'x-b'] },
      side: 'server',
      options: { allowedHeaders: ['x-a', 'x-b'] },
    },
  ],
  'authorization-not-covered-by-wildcard': [
    {
      rule: 'list authorization beside *',
      context: { names: ['authorization'] },
      side: 'server',
      options: { allowedHeaders: ['authorization', '*'] },
    },
  ],
  'header-not-exposed': [
    {
      rule: 'expose the headers',
      context: { stage: 'read', names: ['x-total'] },
      side: 'server',
      options: { exposedHeaders: ['x-total'] },
    },
  ],
  'invalid-expose-headers': [
    {
      rule: 'let corsguard build the list',
      context: { stage: 'read', names: ['x-total'] },
      side: 'server',
      options: { exposedHeaders: ['x-total'] },
    },
  ],
  'header-never-readable': [
    { rule: 'no server setting helps', context: { stage: 'read', names: ['set-cookie'] }, side: 'client' },
  ],
  'redirect-invalid-location': [
    { rule: 'fix the Location', context: { stage: 'redirect', value: 'http://[' }, side: 'server' },
  ],
  'redirect-unsupported-scheme': [
    { rule: 'fix the Location', context: { stage: 'redirect', value: 'ftp://x' }, side: 'server' },
  ],
  'redirect-contains-credentials': [{ rule: 'drop user:password@', context: { stage: 'redirect' }, side: 'server' }],
  'too-many-redirects': [{ rule: 'fix the loop', context: { stage: 'redirect' }, side: 'server' }],
  'network-error': [
    { rule: 'unreachable: check the URL', context: { errorCode: 'ECONNREFUSED' }, side: 'client' },
    { rule: 'no error code: unreachable', side: 'client' },
    { rule: 'accepted but never answered: the server', context: { errorCode: 'ERR_ANSWER_TIMEOUT' }, side: 'server' },
    { rule: '101 to plain HTTP: the server', context: { errorCode: 'ERR_SWITCHING_PROTOCOLS' }, side: 'server' },
    {
      rule: 'malformed HTTP (llhttp HPE_*): the server',
      context: { errorCode: 'HPE_INVALID_CONSTANT' },
      side: 'server',
    },
  ],
  'tls-error': [
    { rule: 'serve a trusted certificate', context: { errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, side: 'server' },
  ],
  'invalid-url': [{ rule: 'give an absolute URL', context: { stage: 'request' }, side: 'client' }],
  'unsupported-scheme': [{ rule: 'give an http(s) URL', context: { stage: 'request' }, side: 'client' }],
  'url-contains-credentials': [{ rule: 'drop user:password@', context: { stage: 'request' }, side: 'client' }],
  'invalid-origin': [{ rule: 'give a serialised origin', context: { stage: 'request' }, side: 'client' }],
  'invalid-method': [{ rule: 'give a token', context: { stage: 'request' }, side: 'client' }],
  'forbidden-method': [{ rule: 'use another method', context: { stage: 'request', method: 'TRACE' }, side: 'client' }],
  'invalid-header': [{ rule: 'give a valid header', context: { stage: 'request' }, side: 'client' }],
  'invalid-read-header': [{ rule: 'give a token', context: { stage: 'read' }, side: 'client' }],
};

describe('fixFor', () => {
  for (const [reason, cases] of Object.entries(rows) as [SimulationReason, readonly Row[]][]) {
    for (const row of cases) {
      test(`${reason}: ${row.rule}`, () => {
        const fix = fixFor({ ...base, stage: 'actual', ...row.context, reason });
        assert.deepEqual({ side: fix.side, options: fix.options }, { side: row.side, options: row.options });
        assert.ok(fix.text.length > 0);
      });
    }
  }

  test('each call returns a fix the caller owns', () => {
    const context = { ...base, stage: 'actual', reason: 'authorization-not-covered-by-wildcard' } as const;
    const first = fixFor(context);
    const headers = first.options?.allowedHeaders as string[] | undefined;
    assert.ok(headers);
    headers.push('x-mutated');
    assert.deepEqual(fixFor(context).options, { allowedHeaders: ['authorization', '*'] });
  });
});
