// A cross-adapter slice of the conformance matrix in Firefox and WebKit (matrix.test.ts runs all
// of it in Chromium): every policy and adapter, the short list of requests plus the ones engines
// are most likely to treat differently (a lower-case method, Authorization, a cross-origin
// redirect, a credentialed preflight), from the allowed origin A and a cross-site page X.
import { describe, it } from 'node:test';
import { describeMatrix, scenarios } from './matrix/suite.ts';
import { REQUESTS } from './matrix/requests.ts';

const EXTRA = new Set([
  'patch (lower case, sent as is)',
  'GET + Authorization',
  'GET through a cross-origin redirect',
  'PUT + X-Custom credentials: include',
]);
const SLICE = REQUESTS.filter((request) => request.short || EXTRA.has(request.name));
if (SLICE.length !== REQUESTS.filter((request) => request.short).length + EXTRA.size)
  throw new Error('matrix-slice names a request the matrix does not have');

describeMatrix(
  { describe: (name, options, body) => describe(name, options, body), it: (name, body) => it(name, body) },
  'conformance matrix slice',
  ['firefox', 'webkit'],
  scenarios(['A', 'X'], () => SLICE),
);
