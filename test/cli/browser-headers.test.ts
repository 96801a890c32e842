// The headers the CLI adds as Chromium would: Fetch Metadata to potentially trustworthy URLs
// (the core's definition, all of 127/8), cookies only where credentials are included.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserHeaders } from '../../src/cli/check/browser-headers.ts';

const request = (url: string, includeCredentials = false) => ({
  method: 'GET',
  url,
  headers: new Headers(),
  includeCredentials,
});

describe('browser headers', () => {
  const trustRows = [
    { rule: 'https is trustworthy', url: 'https://api.example/x', site: 'cross-site' },
    { rule: 'localhost is trustworthy', url: 'http://localhost:8080/x', site: 'cross-site' },
    { rule: '*.localhost is trustworthy', url: 'http://api.localhost/x', site: 'cross-site' },
    { rule: '127.0.0.1 is trustworthy', url: 'http://127.0.0.1:8080/x', site: 'cross-site' },
    { rule: 'all of 127/8 is trustworthy, as in the core', url: 'http://127.0.0.2:8080/x', site: 'cross-site' },
    { rule: '[::1] is trustworthy', url: 'http://[::1]:8080/x', site: 'cross-site' },
    { rule: 'plain http elsewhere is not: no Fetch Metadata', url: 'http://api.example/x', site: undefined },
    { rule: 'a same-origin URL is same-origin', url: 'https://app.example/x', site: 'same-origin' },
    { rule: 'a sibling subdomain is same-site', url: 'https://api.app.example/x', site: 'same-site' },
  ];
  for (const row of trustRows) {
    test(`Sec-Fetch-Site: ${row.rule}`, () => {
      const headers = browserHeaders({ pageOrigin: 'https://app.example' })(request(row.url));
      assert.equal(headers['sec-fetch-site'], row.site);
      assert.equal(headers['sec-fetch-mode'], row.site && 'cors');
    });
  }

  const cookieRows = [
    {
      rule: "a credentialed exchange to the cookie's host carries it",
      url: 'https://api.example/x',
      includeCredentials: true,
      cookie: 'a=1',
    },
    {
      rule: 'an exchange without credentials does not',
      url: 'https://api.example/x',
      includeCredentials: false,
      cookie: undefined,
    },
    {
      rule: 'the same host on another port and path does (cookies ignore ports)',
      url: 'https://api.example:8443/y',
      includeCredentials: true,
      cookie: 'a=1',
    },
    {
      rule: 'another host (a redirect target) does not',
      url: 'https://evil.example/x',
      includeCredentials: true,
      cookie: undefined,
    },
    {
      rule: "a subdomain of the cookie's host does not (a host-only cookie)",
      url: 'https://sub.api.example/x',
      includeCredentials: true,
      cookie: undefined,
    },
  ];
  for (const row of cookieRows) {
    test(`Cookie: ${row.rule}`, () => {
      const headers = browserHeaders({
        pageOrigin: 'https://app.example',
        cookie: { value: 'a=1', url: 'https://api.example/items' },
      })(request(row.url, row.includeCredentials));
      assert.equal(headers.cookie, row.cookie);
    });
  }
});
