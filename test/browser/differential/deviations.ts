// Where each engine departs from the Fetch standard, as predicates on a generated case: a case the
// standard's model gets wrong for an engine must match one of that engine's deviations (and each
// deviation must match at least one such case). The rules themselves live in src/simulate/engines/model.ts.
import type { EngineName } from '../support/driver.ts';
import { REDIRECT_STATUSES, type DifferentialCase } from './cases.ts';

type Deviation = readonly [name: string, applies: (item: DifferentialCase) => boolean];

const CLIENT_HINTS = new Set([
  'dpr',
  'width',
  'viewport-width',
  'ect',
  'rtt',
  'downlink',
  'device-memory',
  'save-data',
]);
const sends = (item: DifferentialCase, test: (name: string) => boolean) =>
  item.fetches.some((spec) => spec.headers.some(([name]) => test(name.toLowerCase())));
const redirects = (item: DifferentialCase) => REDIRECT_STATUSES.includes(item.server.actual.status);
const crossOriginRedirect = (item: DifferentialCase) => redirects(item) && item.server.actual.redirect !== 'same';
const repeated = (item: DifferentialCase) => item.fetches.length > 1;
/** A cached request, one whose preflight is refused, the first again (cases.ts, refusedBetween). */
const refusedBetween = (item: DifferentialCase) => item.fetches.length === 3;
const wildcardAuthorization = (item: DifferentialCase) =>
  sends(item, (name) => name === 'authorization') && (item.server.preflight.acah ?? '').includes('*');
const maxAgeIn = (item: DifferentialCase, values: readonly string[]) =>
  values.includes(item.server.preflight.maxAge ?? '');
const methodIs = (item: DifferentialCase, methods: readonly string[]) =>
  item.fetches.some((spec) => methods.includes(spec.method.toUpperCase()));

export const DEVIATIONS: Readonly<Record<EngineName, readonly Deviation[]>> = {
  chromium: [
    ['client hints are safelisted', (item) => sends(item, (name) => CLIENT_HINTS.has(name))],
    [
      'client hints are dropped on redirects away from the page',
      (item) => redirects(item) && sends(item, (name) => CLIENT_HINTS.has(name)),
    ],
    ["'*' covers Authorization in the preflight check", wildcardAuthorization],
    ['tainted preflights are not cached', (item) => repeated(item) && crossOriginRedirect(item)],
    ['max-age may be signed', (item) => repeated(item) && ['+10', '-1'].includes(item.server.preflight.maxAge ?? '')],
    ['a lookup the cached record does not cover drops it', refusedBetween],
  ],
  firefox: [
    ["'*' covers Authorization in the preflight check", wildcardAuthorization],
    ["a tainted hop's preflight carries the page's Origin", crossOriginRedirect],
    ['every hop after a preflight is preflighted', redirects],
    [
      'a max-age that is not delta-seconds caches nothing',
      (item) => repeated(item) && maxAgeIn(item, ['1.5', 'abc', '+10']),
    ],
    [
      "a cached '*' method list serves no method",
      (item) => repeated(item) && (item.server.preflight.acam ?? '').includes('*'),
    ],
    ['a request failing its CORS check forgets its preflight', repeated],
    [
      "a cached '*' header list serves no header",
      (item) => repeated(item) && (item.server.preflight.acah ?? '').includes('*'),
    ],
    ['a cached preflight serves HEAD only with HEAD listed', (item) => repeated(item) && methodIs(item, ['HEAD'])],
    [
      'a cached preflight serves only its own credentials mode',
      (item) =>
        repeated(item) &&
        item.fetches[0]?.credentials === 'include' &&
        item.fetches.some((spec) => spec.credentials !== 'include'),
    ],
    ["a failed preflight forgets the URL's entries", refusedBetween],
  ],
  webkit: [
    ["'*' covers Authorization in the preflight check and from the cache", wildcardAuthorization],
    ['every hop after a preflight is preflighted', redirects],
    [
      'DELETE becomes GET on a redirect to another origin',
      (item) => crossOriginRedirect(item) && methodIs(item, ['DELETE']),
    ],
    [
      'headers a redirect dropped are still asked for',
      (item) =>
        redirects(item) &&
        (sends(item, (name) => name === 'authorization' || name === 'content-type') || methodIs(item, ['POST'])),
    ],
    [
      'Range with another case of `bytes` is safelisted',
      (item) =>
        sends(item, (name) => name === 'range') &&
        item.fetches.some((spec) => spec.headers.some(([, value]) => value.startsWith('Bytes'))),
    ],
    ['tainted preflights are not cached', (item) => repeated(item) && crossOriginRedirect(item)],
    ['max-age may be signed', (item) => repeated(item) && maxAgeIn(item, ['+10', '-1'])],
    ['refused preflights are cached', repeated],
    ['a lookup the cached record does not cover drops it', refusedBetween],
  ],
};
