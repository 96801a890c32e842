// The adapters' conformance table (and the export's own rows) against every front server: each
// generated complete configuration runs in its real server in front of the same upstream, and
// every answer must equal corsguard/node's for the same options and request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ExportConfigError, exportConfig, type ExportTarget } from '../../src/export/index.ts';
import type { CorsOptions } from '../../src/index.ts';
import { base } from '../conformance/rows.ts';
import type { RunningServer } from '../support/servers.ts';
import { frontServerUnavailable } from './support/binaries.ts';
import { probe } from './support/compare.ts';
import { startFront, type RunningFront } from './support/front.ts';
import { startReference, startUpstream } from './support/upstream.ts';
import { allRows, type ExportRow } from './rows.ts';
import { knownDeviation, TESTED_TARGETS } from './targets.ts';

const optionsOf = (row: ExportRow) => ({ ...base, ...row.options }) as CorsOptions;
const keyOf = (row: ExportRow) => (row.options ? row.rule : 'base');

/** What exporting a row's options is refused with, or undefined when it exports. */
function refusal(options: CorsOptions, _target: ExportTarget): string[] | undefined {
  if (typeof options.origin === 'function') return ['export-origin-predicate'];
  if (options.preflightContinue) return ['preflight-continue-unsupported'];
  return undefined;
}

for (const target of TESTED_TARGETS) {
  describe(`export ${target}: the conformance table through the real server`, {
    skip: frontServerUnavailable(target),
  }, () => {
    let upstream: RunningServer;
    const fronts = new Map<string, RunningFront>();
    const references = new Map<string, RunningServer>();
    before(async () => {
      upstream = await startUpstream();
      for (const row of allRows) {
        const key = keyOf(row);
        const options = optionsOf(row);
        if (fronts.has(key) || refusal(options, target)) continue;
        references.set(key, await startReference(options));
        fronts.set(key, await startFront(target, { upstream: upstream.url, cors: options }));
      }
    });
    after(async () => {
      for (const server of [...fronts.values(), ...references.values()]) await server.close();
      await upstream?.close();
    });

    for (const row of allRows) {
      const expectedRefusal = refusal(optionsOf(row), target);
      if (expectedRefusal) {
        test(`${row.rule}: refused by the export, never approximated`, () => {
          assert.throws(
            () => startFrontSync(target, optionsOf(row)),
            (error: unknown) =>
              error instanceof ExportConfigError &&
              assert.deepEqual(
                error.issues.map((issue) => issue.code),
                expectedRefusal,
              ) === undefined,
          );
        });
        continue;
      }
      const deviation = knownDeviation(target, row);
      test(deviation ? `${row.rule} (known deviation: ${deviation.why})` : row.rule, async () => {
        const key = keyOf(row);
        const reference = await probe(references.get(key)!.url, deviation?.asIf ?? row);
        const expected = deviation?.adjust ? deviation.adjust(reference) : reference;
        const actual = await probe(fronts.get(key)!.url, row);
        assert.deepEqual(actual, expected);
      });
    }
  });
}

function startFrontSync(target: ExportTarget, cors: CorsOptions): void {
  exportConfig({ upstream: 'http://127.0.0.1:9', cors }, target);
}
