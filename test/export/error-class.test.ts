// ExportConfigError is a SettingsError like CorsConfigError: `instanceof` holds across the ESM and
// CommonJS builds (dist/, two copies of every class) and against the base class, by brand.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as esm from 'corsguard/export';
import { CorsConfigError } from 'corsguard';
import { SettingsError } from '../../src/core/settings-error.ts';

const require = createRequire(import.meta.url);
const cjs = require('corsguard/export') as typeof esm;

/** What a build's exportConfig throws for settings with no upstream and a function origin. */
function thrownBy(build: typeof esm): unknown {
  try {
    build.exportConfig({ cors: { origin: () => true } } as never, 'nginx');
  } catch (error) {
    return error;
  }
  throw new Error('exportConfig accepted settings without an upstream');
}
const fromEsm = thrownBy(esm);
const fromCjs = thrownBy(cjs);
const corsError = new CorsConfigError([{ code: 'origin-required', path: 'origin', message: 'is required.' }]);

const rows: Array<{ rule: string; value: unknown; of: unknown; is: boolean }> = [
  {
    rule: "the ESM build's error is the CommonJS build's ExportConfigError",
    value: fromEsm,
    of: cjs.ExportConfigError,
    is: true,
  },
  {
    rule: "the CommonJS build's error is the ESM build's ExportConfigError",
    value: fromCjs,
    of: esm.ExportConfigError,
    is: true,
  },
  { rule: "the ESM build's error is a SettingsError", value: fromEsm, of: SettingsError, is: true },
  { rule: "the CommonJS build's error is a SettingsError", value: fromCjs, of: SettingsError, is: true },
  { rule: 'an ExportConfigError is still an Error', value: fromCjs, of: Error, is: true },
  { rule: 'an ExportConfigError is not a CorsConfigError', value: fromEsm, of: CorsConfigError, is: false },
  { rule: 'a CorsConfigError is not an ExportConfigError', value: corsError, of: esm.ExportConfigError, is: false },
  { rule: 'a plain Error is not an ExportConfigError', value: new Error('x'), of: cjs.ExportConfigError, is: false },
];

for (const row of rows) {
  test(row.rule, () => assert.equal(row.value instanceof (row.of as typeof Error), row.is));
}

test('every problem at once, in the message as before, the class name as name', () => {
  const error = fromEsm as {
    name: string;
    message: string;
    issues: ReadonlyArray<{ code: string; path: string; message: string }>;
  };
  const codes = error.issues.map((issue) => issue.code);
  assert.deepEqual(
    {
      name: error.name,
      first: error.message.split('\n')[0],
      lines: error.message.split('\n').length - 1,
      codes: codes.length,
    },
    {
      name: 'ExportConfigError',
      first: `Cannot export this configuration (${codes.length} problems):`,
      lines: codes.length,
      codes: 2,
    },
  );
  assert.deepEqual(
    error.message.split('\n').slice(1),
    error.issues.map((issue) => `  - ${issue.path}: ${issue.message}`),
  );
});
