import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IssueList } from '../../src/core/errors.ts';
import { compileMethods, isMethodAllowed } from '../../src/core/methods.ts';

function methodTable(option: unknown) {
  const issues = new IssueList();
  const compiled = compileMethods(option, issues);
  assert.deepEqual(issues.issues, []);
  return compiled;
}

describe('isMethodAllowed (Access-Control-Request-Method)', () => {
  const rows: Array<[string, unknown, string, boolean]> = [
    ['GET is safelisted', undefined, 'GET', true],
    ['HEAD is safelisted', undefined, 'HEAD', true],
    ['POST is safelisted', undefined, 'POST', true],
    ['safelisting is byte-exact: get is not GET', undefined, 'get', false],
    ['an unlisted method is refused', undefined, 'PUT', false],
    ['a listed method is allowed', ['PUT'], 'PUT', true],
    ['methods are case-sensitive: PATCH does not allow patch', ['PATCH'], 'patch', false],
    ['lower-case patch allows patch', ['patch'], 'patch', true],
    ["'*' allows any token", '*', 'PURGE', true],
    ["'*' refuses a non-token", '*', 'PU RGE', false],
  ];
  for (const [rule, option, method, expected] of rows) {
    test(rule, () => assert.equal(isMethodAllowed(methodTable(option), method), expected));
  }
});
