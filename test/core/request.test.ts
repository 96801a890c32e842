import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pathOf } from '../../src/core/request.ts';

describe('pathOf: the path a router serves for a request target', () => {
  const rows: Array<[rule: string, target: string, path: string]> = [
    ['origin-form: the path as is', '/a/b', '/a/b'],
    ['origin-form: the query is dropped', '/saml/acs?RelayState=x', '/saml/acs'],
    ['origin-form: a fragment is dropped', '/a#f', '/a'],
    ['origin-form: a URL in the query does not move the path', '/saml/acs?next=http://x/y', '/saml/acs'],
    ['origin-form: the root', '/', '/'],
    ['absolute-form: the path after the authority', 'http://api.local/a/b?x=1', '/a/b'],
    ['absolute-form: a port is part of the authority', 'http://api.local:8080/p', '/p'],
    ['absolute-form: no path is the root', 'http://api.local', '/'],
    ['absolute-form: a query right after the authority is the root, not a path', 'http://api.local?/saml/acs', '/'],
    ['absolute-form: a fragment right after the authority is the root, not a path', 'http://api.local#/saml/acs', '/'],
    ['absolute-form: a slash in the query after the path stays in the query', 'http://api.local/a?b/c', '/a'],
    ['asterisk-form (OPTIONS *) is not a path', '*', '*'],
  ];
  for (const [rule, target, path] of rows) {
    test(rule, () => assert.equal(pathOf(target), path));
  }
});
