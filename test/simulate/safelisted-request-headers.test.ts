// https://fetch.spec.whatwg.org/#cors-safelisted-request-header: one row per rule, in both models.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MODELS, type BrowserModel } from '../../src/simulate/engines/model.ts';
import { isSafelistedRequestHeader, isSimpleRange } from '../../src/simulate/checks/safelisted-request-headers.ts';

interface Row {
  readonly rule: string;
  readonly name: string;
  readonly value: string;
  readonly chromium: boolean;
  /** When WebKit differs from the standard (default: as `fetch`). */
  readonly webkit?: boolean;
  readonly fetch: boolean;
}

const rows: Row[] = [
  {
    rule: 'accept with any safe bytes',
    name: 'Accept',
    value: 'application/json, text/*;q=0.5',
    chromium: true,
    fetch: true,
  },
  { rule: 'accept with an unsafe byte (")', name: 'accept', value: 'text/"x"', chromium: false, fetch: false },
  { rule: 'accept with an unsafe byte (@)', name: 'accept', value: 'a@b', chromium: false, fetch: false },
  { rule: 'accept with a tab is fine', name: 'accept', value: 'a\tb', chromium: true, fetch: true },
  { rule: 'accept at 128 bytes', name: 'accept', value: 'a'.repeat(128), chromium: true, fetch: true },
  { rule: 'accept over 128 bytes', name: 'accept', value: 'a'.repeat(129), chromium: false, fetch: false },
  {
    rule: 'accept-language letters, digits, space * , - . ; =',
    name: 'accept-language',
    value: 'en-US,en;q=0.9, *',
    chromium: true,
    fetch: true,
  },
  {
    rule: 'accept-language with an underscore',
    name: 'accept-language',
    value: 'en_US',
    chromium: false,
    fetch: false,
  },
  { rule: 'content-language with a slash', name: 'content-language', value: 'de/at', chromium: false, fetch: false },
  { rule: 'content-type text/plain', name: 'content-type', value: 'text/plain', chromium: true, fetch: true },
  {
    rule: 'content-type with parameters',
    name: 'Content-Type',
    value: 'text/plain;charset=UTF-8',
    chromium: true,
    fetch: true,
  },
  {
    rule: 'content-type case-insensitive',
    name: 'content-type',
    value: 'Application/X-WWW-Form-Urlencoded',
    chromium: true,
    fetch: true,
  },
  {
    rule: 'content-type multipart/form-data',
    name: 'content-type',
    value: 'multipart/form-data; boundary=x',
    chromium: true,
    fetch: true,
  },
  {
    rule: 'content-type application/json',
    name: 'content-type',
    value: 'application/json',
    chromium: false,
    fetch: false,
  },
  {
    rule: 'content-type with an unsafe byte in a parameter',
    name: 'content-type',
    value: 'text/plain; charset="utf-8"',
    chromium: false,
    fetch: false,
  },
  { rule: 'content-type that is not a MIME type', name: 'content-type', value: 'text', chromium: false, fetch: false },
  {
    rule: 'content-type with space before the slash does not parse',
    name: 'content-type',
    value: 'text /plain',
    chromium: false,
    fetch: false,
  },
  {
    rule: 'content-type with space after the slash does not parse',
    name: 'content-type',
    value: 'text/ plain',
    chromium: false,
    fetch: false,
  },
  {
    rule: 'content-type with space before ;',
    name: 'content-type',
    value: 'text/plain ;charset=x',
    chromium: true,
    fetch: true,
  },
  {
    rule: 'content-type list is not one MIME type',
    name: 'content-type',
    value: 'text/plain, application/json',
    chromium: false,
    fetch: false,
  },
  { rule: 'range bytes=START-', name: 'range', value: 'bytes=0-', chromium: true, fetch: true },
  { rule: 'range bytes=START-END', name: 'range', value: 'bytes=5-10', chromium: true, fetch: true },
  { rule: 'range START > END', name: 'range', value: 'bytes=10-5', chromium: false, fetch: false },
  { rule: 'range suffix range', name: 'range', value: 'bytes=-5', chromium: false, fetch: false },
  { rule: 'range several ranges', name: 'range', value: 'bytes=0-1,3-4', chromium: false, fetch: false },
  { rule: 'range with whitespace', name: 'range', value: 'bytes= 0-1', chromium: false, fetch: false },
  {
    rule: 'range unit is case-sensitive (WebKit: not)',
    name: 'range',
    value: 'Bytes=0-1',
    chromium: false,
    fetch: false,
    webkit: true,
  },
  { rule: 'client hint dpr (Chromium only)', name: 'DPR', value: '2.5', chromium: true, fetch: false },
  { rule: 'client hint dpr must be a number', name: 'dpr', value: '2.', chromium: false, fetch: false },
  { rule: 'client hint width is an integer', name: 'width', value: '1200', chromium: true, fetch: false },
  { rule: 'client hint ect value set', name: 'ect', value: '4g', chromium: true, fetch: false },
  { rule: 'client hint ect unknown value', name: 'ect', value: '5g', chromium: false, fetch: false },
  { rule: 'save-data on', name: 'save-data', value: 'On', chromium: true, fetch: false },
  { rule: 'intervention any value', name: 'intervention', value: 'anything', chromium: true, fetch: false },
  { rule: 'an application header is never safelisted', name: 'x-api-key', value: 'k', chromium: false, fetch: false },
  {
    rule: 'authorization is never safelisted',
    name: 'authorization',
    value: 'Bearer x',
    chromium: false,
    fetch: false,
  },
  {
    rule: 'a name from Object.prototype is not a rule',
    name: 'constructor',
    value: 'x',
    chromium: false,
    fetch: false,
  },
];

describe('CORS-safelisted request-headers', () => {
  for (const row of rows) {
    // Firefox and WebKit safelist what the standard does (DPR and Save-Data are preflighted there).
    for (const model of ['chromium', 'firefox', 'webkit', 'fetch'] as BrowserModel[]) {
      test(`${row.rule} [${model}]`, () => {
        assert.equal(
          isSafelistedRequestHeader(row.name, row.value, MODELS[model]),
          model === 'chromium' ? row.chromium : model === 'webkit' ? (row.webkit ?? row.fetch) : row.fetch,
        );
      });
    }
  }
  test('range bounds compare as integers, not strings', () => {
    assert.equal(isSimpleRange('bytes=9-10'), true);
    assert.equal(isSimpleRange('bytes=0010-9'), false);
    assert.equal(isSimpleRange('bytes=123456789012345678901-123456789012345678902'), true);
  });
});
