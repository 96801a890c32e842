// The generated conformance matrix in full: every policy × request × page origin × adapter, run
// by real Chromium (matrix-slice.test.ts runs a slice of it in every engine).
import { describe, it } from 'node:test';
import { ORIGIN_KEYS } from '../support/browser-session.ts';
import { describeMatrix, scenarios } from './matrix/suite.ts';
import { REQUESTS } from './matrix/requests.ts';

/** Per policy: every request from its `full` origins, the short list from the others. */
const SCENARIOS = scenarios(ORIGIN_KEYS, (policy, from) =>
  REQUESTS.filter((request) => policy.full.includes(from) || request.short),
);

describeMatrix(
  { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  'conformance matrix',
  ['chromium'],
  SCENARIOS,
);
