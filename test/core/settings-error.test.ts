// SettingsError, the base of corsguard's "invalid settings" errors. The ESM and CommonJS builds are
// two copies of every class; importing a module a second time under another URL makes the second
// copy here, so `instanceof` is checked across copies as it must hold across builds.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as errors from '../../src/core/errors.ts';
import * as base from '../../src/core/settings-error.ts';
import { PROXY_CLI_ISSUE_CODES } from '../../src/cli/proxy/proxy-issues.ts';

const errorsUrl = new URL('../../src/core/errors.ts', import.meta.url).href;
const baseUrl = new URL('../../src/core/settings-error.ts', import.meta.url).href;
const otherErrors = (await import(`${errorsUrl}?copy`)) as typeof errors;
const otherBase = (await import(`${baseUrl}?copy`)) as typeof base;

const issue = { code: 'origin-required', path: 'origin', message: 'is required.' } as const;

/** A settings error of another corsguard module (the gateway's, the audit's), in each copy of the base. */
function subclassOf(Base: typeof base.SettingsError) {
  return class DemoSettingsError extends Base<{ code: string; path: string; message: string }> {
    static override readonly brand = Symbol.for('corsguard.DemoSettingsError');
    override readonly name = 'DemoSettingsError';
    constructor(issues: ReadonlyArray<{ code: string; path: string; message: string }>) {
      super('Invalid demo settings', issues);
    }
  };
}
const Demo = subclassOf(base.SettingsError);
const OtherDemo = subclassOf(otherBase.SettingsError);

const rows: Array<{ rule: string; value: unknown; of: unknown; is: boolean }> = [
  {
    rule: 'CorsConfigError of the other copy is a CorsConfigError',
    value: new otherErrors.CorsConfigError([issue]),
    of: errors.CorsConfigError,
    is: true,
  },
  {
    rule: 'and the other way round',
    value: new errors.CorsConfigError([issue]),
    of: otherErrors.CorsConfigError,
    is: true,
  },
  {
    rule: 'CorsConfigError is a SettingsError',
    value: new errors.CorsConfigError([issue]),
    of: base.SettingsError,
    is: true,
  },
  {
    rule: 'CorsConfigError is a SettingsError of the other copy of the base',
    value: new errors.CorsConfigError([issue]),
    of: otherBase.SettingsError,
    is: true,
  },
  { rule: 'CorsConfigError is still an Error', value: new errors.CorsConfigError([issue]), of: Error, is: true },
  {
    rule: 'a subclass of the other copy of the base is the subclass',
    value: new OtherDemo([issue]),
    of: Demo,
    is: true,
  },
  {
    rule: 'a subclass is a SettingsError across copies',
    value: new OtherDemo([issue]),
    of: base.SettingsError,
    is: true,
  },
  {
    rule: 'another subclass is not a CorsConfigError',
    value: new Demo([issue]),
    of: errors.CorsConfigError,
    is: false,
  },
  {
    rule: 'a CorsConfigError is not another subclass',
    value: new errors.CorsConfigError([issue]),
    of: Demo,
    is: false,
  },
  { rule: 'a plain Error is not a SettingsError', value: new Error('x'), of: base.SettingsError, is: false },
  { rule: 'a plain Error is not a CorsConfigError', value: new Error('x'), of: errors.CorsConfigError, is: false },
  { rule: 'null is not', value: null, of: base.SettingsError, is: false },
  { rule: 'a string is not', value: 'CorsConfigError', of: errors.CorsConfigError, is: false },
];

for (const row of rows) {
  test(row.rule, () => assert.equal(row.value instanceof (row.of as typeof Error), row.is));
}

test('every problem at once: issues as given with their docs page, one line each in the message, the class name as name', () => {
  const second = { code: 'origin-path', path: 'origin[1]', message: 'has a path.' } as const;
  const error = new errors.CorsConfigError([issue, second]);
  assert.deepEqual(
    { name: error.name, issues: error.issues, lines: error.message.split('\n') },
    {
      name: 'CorsConfigError',
      issues: [issue, second].map((given) => ({
        ...given,
        docs: `https://corsguard.github.io/corsguard/codes/config/${given.code}`,
      })),
      lines: ['Invalid CORS configuration (2 problems):', '  - origin: is required.', '  - origin[1]: has a path.'],
    },
  );
  assert.equal(new Demo([issue]).message.split('\n')[0], 'Invalid demo settings (1 problem):');
});

// The other modules' settings errors, each from the built ESM and CommonJS entry points (two copies
// of every class): instanceof holds both ways, and not across classes.
const esmProxy = await import('corsguard/proxy');
const esmAudit = await import('corsguard/audit');
const esmCore = await import('corsguard');
const require = createRequire(import.meta.url);
const cjsProxy = require('corsguard/proxy') as typeof esmProxy;
const cjsAudit = require('corsguard/audit') as typeof esmAudit;
const cjsCore = require('corsguard') as typeof esmCore;

/** The error each entry point throws for settings that cannot work, as a user meets it. */
async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}
const proxyError = (module: typeof esmProxy) =>
  thrown(() => module.createProxy({ upstream: 'ftp://api.example.com', cors: { origin: 'https://app.example.com' } }));
const auditError = (module: typeof esmAudit) =>
  thrown(() => module.audit(['https://api.example.com/'], { timeout: 0 }));
const corsError = (module: typeof esmCore) => thrown(() => module.createCors({ origin: 'app.example.com' }));

const builds: Array<{ rule: string; value: () => Promise<unknown>; of: unknown; is: boolean }> = [
  {
    rule: 'ProxyConfigError from the ESM build is the CommonJS build’s',
    value: () => proxyError(esmProxy),
    of: cjsProxy.ProxyConfigError,
    is: true,
  },
  {
    rule: 'ProxyConfigError from the CommonJS build is the ESM build’s',
    value: () => proxyError(cjsProxy),
    of: esmProxy.ProxyConfigError,
    is: true,
  },
  {
    rule: 'AuditOptionsError from the ESM build is the CommonJS build’s',
    value: () => auditError(esmAudit),
    of: cjsAudit.AuditOptionsError,
    is: true,
  },
  {
    rule: 'AuditOptionsError from the CommonJS build is the ESM build’s',
    value: () => auditError(cjsAudit),
    of: esmAudit.AuditOptionsError,
    is: true,
  },
  {
    rule: 'CorsConfigError from the ESM build is the CommonJS build’s',
    value: () => corsError(esmCore),
    of: cjsCore.CorsConfigError,
    is: true,
  },
  {
    rule: 'a ProxyConfigError is not an AuditOptionsError',
    value: () => proxyError(esmProxy),
    of: cjsAudit.AuditOptionsError,
    is: false,
  },
  {
    rule: 'an AuditOptionsError is not a ProxyConfigError',
    value: () => auditError(cjsAudit),
    of: esmProxy.ProxyConfigError,
    is: false,
  },
  {
    rule: 'a CorsConfigError is not a ProxyConfigError',
    value: () => corsError(esmCore),
    of: cjsProxy.ProxyConfigError,
    is: false,
  },
  {
    rule: 'a ProxyConfigError is not a CorsConfigError',
    value: () => proxyError(cjsProxy),
    of: esmCore.CorsConfigError,
    is: false,
  },
];

for (const row of builds) {
  test(`across builds: ${row.rule}`, async () =>
    assert.equal((await row.value()) instanceof (row.of as typeof Error), row.is));
}

const codeRows: Array<{
  rule: string;
  error: () => Promise<unknown>;
  name: string;
  issues: Array<[path: string, code: string]>;
  title: string;
}> = [
  {
    rule: 'the gateway’s codes and paths',
    error: () => proxyError(cjsProxy),
    name: 'ProxyConfigError',
    issues: [['upstream', 'upstream-scheme']],
    title: 'Invalid proxy configuration (1 problem):',
  },
  {
    rule: 'the audit’s codes and paths',
    error: () => auditError(esmAudit),
    name: 'AuditOptionsError',
    issues: [['timeout', 'audit-timeout-invalid']],
    title: 'Invalid audit options (1 problem):',
  },
];

for (const row of codeRows) {
  test(`stable codes: ${row.rule}`, async () => {
    const error = (await row.error()) as {
      name: string;
      message: string;
      issues: Array<{ path: string; code: string }>;
    };
    assert.deepEqual(
      {
        name: error.name,
        issues: error.issues.map((issue) => [issue.path, issue.code]),
        title: error.message.split('\n')[0],
      },
      { name: row.name, issues: row.issues, title: row.title },
    );
  });
}

test('stable codes: the gateway’s public list, and none of the command’s own in it', () => {
  assert.deepEqual(esmProxy.PROXY_ISSUE_CODES, [
    'proxy-options-not-object',
    'proxy-unknown-option',
    'upstream-required',
    'upstream-invalid',
    'upstream-scheme',
    'upstream-credentials',
    'upstream-query',
    'timeout-invalid',
    'max-connections-invalid',
    'websockets-invalid',
    'public-host-invalid',
    'body-methods-invalid',
    'cors-required',
    'preflight-continue-unsupported',
  ]);
  assert.deepEqual(
    PROXY_CLI_ISSUE_CODES.filter((code) => (esmProxy.PROXY_ISSUE_CODES as readonly string[]).includes(code)),
    [],
  );
});

test('stable codes: the audit’s public list', () => {
  assert.deepEqual(esmAudit.AUDIT_OPTIONS_ISSUE_CODES, [
    'audit-timeout-invalid',
    'audit-concurrency-invalid',
    'audit-rate-invalid',
    'audit-origins-invalid',
    'audit-untrusted-invalid',
    'audit-methods-invalid',
    'audit-origin-trusted-and-untrusted',
    'audit-headers-invalid',
    'audit-cookie-invalid',
    'audit-transport-invalid',
  ]);
});
