// SettingsError, the base of corsguard's "invalid settings" errors. The ESM and CommonJS builds are
// two copies of every class; importing a module a second time under another URL makes the second
// copy here, so `instanceof` is checked across copies as it must hold across builds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as errors from '../../src/core/errors.ts';
import * as base from '../../src/core/settings-error.ts';

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
  { rule: 'CorsConfigError of the other copy is a CorsConfigError', value: new otherErrors.CorsConfigError([issue]), of: errors.CorsConfigError, is: true },
  { rule: 'and the other way round', value: new errors.CorsConfigError([issue]), of: otherErrors.CorsConfigError, is: true },
  { rule: 'CorsConfigError is a SettingsError', value: new errors.CorsConfigError([issue]), of: base.SettingsError, is: true },
  { rule: 'CorsConfigError is a SettingsError of the other copy of the base', value: new errors.CorsConfigError([issue]), of: otherBase.SettingsError, is: true },
  { rule: 'CorsConfigError is still an Error', value: new errors.CorsConfigError([issue]), of: Error, is: true },
  { rule: 'a subclass of the other copy of the base is the subclass', value: new OtherDemo([issue]), of: Demo, is: true },
  { rule: 'a subclass is a SettingsError across copies', value: new OtherDemo([issue]), of: base.SettingsError, is: true },
  { rule: 'another subclass is not a CorsConfigError', value: new Demo([issue]), of: errors.CorsConfigError, is: false },
  { rule: 'a CorsConfigError is not another subclass', value: new errors.CorsConfigError([issue]), of: Demo, is: false },
  { rule: 'a plain Error is not a SettingsError', value: new Error('x'), of: base.SettingsError, is: false },
  { rule: 'a plain Error is not a CorsConfigError', value: new Error('x'), of: errors.CorsConfigError, is: false },
  { rule: 'null is not', value: null, of: base.SettingsError, is: false },
  { rule: 'a string is not', value: 'CorsConfigError', of: errors.CorsConfigError, is: false },
];

for (const row of rows) {
  test(row.rule, () => assert.equal(row.value instanceof (row.of as typeof Error), row.is));
}

test('every problem at once: issues as given, one line each in the message, the class name as name', () => {
  const second = { code: 'origin-path', path: 'origin[1]', message: 'has a path.' } as const;
  const error = new errors.CorsConfigError([issue, second]);
  assert.deepEqual(
    { name: error.name, issues: error.issues, lines: error.message.split('\n') },
    {
      name: 'CorsConfigError',
      issues: [issue, second],
      lines: ['Invalid CORS configuration (2 problems):', '  - origin: is required.', '  - origin[1]: has a path.'],
    },
  );
  assert.equal(new Demo([issue]).message.split('\n')[0], 'Invalid demo settings (1 problem):');
});
