// When a preflight is needed and the Access-Control-Request-Headers a browser sends.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MODELS } from '../../src/simulate/engines/model.ts';
import { preflightNeed } from '../../src/simulate/checks/preflight-need.ts';
import { isForbiddenRequestHeader, prepareHeaders } from '../../src/simulate/checks/request-headers.ts';

function need(method: string, headers: Record<string, string>) {
  const prepared = prepareHeaders(headers);
  if ('invalid' in prepared) throw new Error(prepared.invalid);
  return preflightNeed(method, prepared.list, MODELS.chromium);
}

const rows: {
  rule: string;
  method: string;
  headers: Record<string, string>;
  needed: boolean;
  acrh: string | undefined;
}[] = [
  { rule: 'GET without headers needs none', method: 'GET', headers: {}, needed: false, acrh: undefined },
  {
    rule: 'POST with a form content type needs none',
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    needed: false,
    acrh: undefined,
  },
  { rule: 'PUT needs one, without ACRH', method: 'PUT', headers: {}, needed: true, acrh: undefined },
  { rule: 'a custom header needs one', method: 'GET', headers: { 'X-Api-Key': 'k' }, needed: true, acrh: 'x-api-key' },
  {
    rule: 'ACRH is sorted, lower-case, comma-joined without spaces',
    method: 'GET',
    headers: { 'X-Zeta': '1', Authorization: 'a', 'x-alpha': '2' },
    needed: true,
    acrh: 'authorization,x-alpha,x-zeta',
  },
  {
    rule: 'an unsafe content type is listed',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    needed: true,
    acrh: 'content-type',
  },
  {
    rule: 'forbidden headers are dropped, never listed',
    method: 'GET',
    headers: { Cookie: 'a=b', 'Sec-Fetch-Mode': 'x', 'Proxy-Foo': 'y' },
    needed: false,
    acrh: undefined,
  },
];

describe('preflight need and Access-Control-Request-Headers', () => {
  for (const row of rows) {
    test(row.rule, () => {
      const result = need(row.method, row.headers);
      assert.equal(result.needed, row.needed);
      assert.equal(result.requestHeaders, row.acrh);
    });
  }
  function safelistedHeaders(extraRtt: string): Record<string, string> {
    return {
      accept: 'a'.repeat(128),
      'accept-language': 'a'.repeat(128),
      'content-language': 'a'.repeat(128),
      'content-type': `text/plain;a=${'b'.repeat(115)}`,
      intervention: 'x'.repeat(128),
      dpr: '1'.repeat(128),
      width: '1'.repeat(128),
      'viewport-width': '1'.repeat(128),
      ...(extraRtt ? { rtt: extraRtt } : {}),
    };
  }
  test('safelisted values adding up to 1024 bytes stay safelisted', () => {
    const headers = safelistedHeaders('');
    assert.equal(
      Object.values(headers).reduce((sum, value) => sum + value.length, 0),
      1024,
    );
    assert.equal(need('GET', headers).needed, false);
  });
  test('1025 bytes of safelisted values make every one of them unsafe', () => {
    const headers = safelistedHeaders('1');
    assert.equal(
      Object.values(headers).reduce((sum, value) => sum + value.length, 0),
      1025,
    );
    assert.equal(need('GET', headers).requestHeaders, Object.keys(headers).sort().join(','));
  });
  const forbidden = [
    { rule: 'Origin is forbidden', name: 'Origin', value: 'x', expected: true },
    { rule: 'sec- prefix is forbidden', name: 'Sec-Foo', value: 'x', expected: true },
    { rule: 'proxy- prefix is forbidden', name: 'proxy-authorization', value: 'x', expected: true },
    {
      rule: 'X-HTTP-Method-Override naming a forbidden method is forbidden',
      name: 'X-HTTP-Method-Override',
      value: 'GET, trace',
      expected: true,
    },
    {
      rule: 'X-HTTP-Method-Override naming another method is allowed',
      name: 'x-http-method-override',
      value: 'PATCH',
      expected: false,
    },
    { rule: 'Authorization is not forbidden', name: 'Authorization', value: 'x', expected: false },
  ];
  for (const row of forbidden) {
    test(row.rule, () => assert.equal(isForbiddenRequestHeader(row.name, row.value), row.expected));
  }
  test('header values are trimmed and repeated names joined, as new Headers() does', () => {
    const prepared = prepareHeaders([
      ['X-A', ' 1 '],
      ['x-a', '2'],
    ]);
    assert.deepEqual(prepared, { list: [['x-a', '1, 2']], dropped: [] });
  });
  test('an invalid header name is a TypeError', () => {
    assert.ok('invalid' in prepareHeaders({ 'bad name': 'x' }));
  });
  test('a value beyond Latin-1 is a TypeError in browsers', () => {
    assert.ok('invalid' in prepareHeaders({ 'x-a': 'caf\u00e9\u2603' }));
  });
});
