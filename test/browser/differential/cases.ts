// Generated differential cases: a fetch() from the page, and how the server answers each hop.
import type { CredentialsMode } from '../../../src/simulate/index.ts';
import { seeded, type Random } from './prng.ts';

/** How Access-Control-Allow-Origin is answered. */
export type AcaoKind = 'exact' | 'star' | 'missing' | 'two-lines' | 'null' | 'slash' | 'upper' | 'other' | 'reflect';
export type AcacKind = 'true' | 'TRUE' | 'absent';
export type RedirectTarget = 'same' | 'cross' | 'page';

export interface AnswerSpec {
  readonly status: number;
  readonly acao: AcaoKind;
  readonly acac: AcacKind;
  readonly acam?: string;
  readonly acah?: string;
  readonly maxAge?: string;
  readonly aceh?: string;
  /** Only for a redirect status (3xx) to the actual request: where the redirect goes. */
  readonly redirect?: RedirectTarget;
  /** Only for the preflight: a method `acam` does not list byte for byte is answered 403 without CORS headers, as corsguard does. */
  readonly refuseUnlisted?: boolean;
}

/** https://fetch.spec.whatwg.org/#redirect-status */
export const REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

/** What the server is told (encoded in the URL): one answer per kind of hop. */
export interface ServerSpec {
  readonly preflight: AnswerSpec;
  readonly actual: AnswerSpec;
  readonly final: AnswerSpec;
}

export interface FetchSpec {
  readonly method: string;
  readonly headers: [string, string][];
  readonly credentials: CredentialsMode;
  readonly cache?: 'no-store';
}

export interface DifferentialCase {
  readonly id: number;
  readonly server: ServerSpec;
  /**
   * One fetch, or two to the same URL (the second exercises the preflight cache, sometimes in
   * another credentials mode), or a cached request, one whose preflight is refused, and the first
   * again (what a refusal leaves cached).
   */
  readonly fetches: readonly FetchSpec[];
}

const METHODS = [
  'GET',
  'GET',
  'HEAD',
  'POST',
  'POST',
  'PUT',
  'put',
  'DELETE',
  'delete',
  'PATCH',
  'patch',
  'OPTIONS',
  'Foo',
];
const HEADER_CHOICES: [string, string][] = [
  ['x-a', '1'],
  ['X-B', '2'],
  ['content-type', 'text/plain'],
  ['content-type', 'application/json'],
  ['content-type', 'text /plain'],
  ['content-type', 'multipart/form-data; boundary=x'],
  ['accept', 'application/json'],
  ['accept', `text/${'a'.repeat(124)}`],
  ['accept-language', 'en-US'],
  ['accept-language', 'en_US'],
  ['content-language', 'de'],
  ['range', 'bytes=0-1'],
  ['range', 'Bytes=0-1'],
  ['range', 'bytes=1-0'],
  ['authorization', 'Bearer t'],
  ['dpr', '2'],
  ['save-data', 'on'],
  ['width', '100'],
  ['ect', '4g'],
  ['rtt', '50'],
  ['device-memory', '8'],
  ['content-type', 'text/plain ;charset=x'],
  ['content-type', 'text/ plain'],
  ['accept', 'x'.repeat(129)],
  ['x-http-method-override', 'TRACE'],
  ['x-http-method-override', 'PATCH'],
];
const ACAO: AcaoKind[] = [
  'exact',
  'exact',
  'exact',
  'exact',
  'exact',
  'exact',
  'star',
  'star',
  'star',
  'reflect',
  'reflect',
  'reflect',
  'missing',
  'two-lines',
  'null',
  'slash',
  'upper',
  'other',
];
const ACAC: AcacKind[] = ['true', 'true', 'true', 'TRUE', 'absent', 'absent'];
const ACAM = [
  undefined,
  'PUT',
  'put',
  'PUT, PATCH',
  'patch',
  '*',
  '*',
  ' PUT ,DELETE ,, OPTIONS',
  'PUT, DEL ETE',
  'GET',
  'PATCH,patch,Foo,DELETE,PUT,OPTIONS',
  'PATCH,patch,Foo,DELETE,PUT,OPTIONS',
  'PUT;x',
  'delete, Foo',
];
const ALL_HEADERS =
  'x-a,x-b,x-c,authorization,content-type,accept,accept-language,range,dpr,width,ect,rtt,device-memory,save-data,x-http-method-override';
const ACAH = [
  undefined,
  'x-a',
  'X-A, x-b',
  '*',
  '*',
  '*, authorization',
  'authorization',
  'x-a, bad header',
  'content-type',
  ' x-a ,, x-b ',
  ALL_HEADERS,
  ALL_HEADERS,
  ALL_HEADERS.toUpperCase(),
];
const ACEH = [
  undefined,
  undefined,
  'x-alpha',
  'X-Alpha, x-beta',
  '*',
  'x-alpha, x beta',
  'x-beta,content-length,set-cookie',
];
const MAX_AGE = [undefined, '0', '5', '600', '-1', '+10', '1.5', 'abc', '99999999'];

/** Permissive answers, so that enough fetches succeed to compare readable headers and the cache. */
const FRIENDLY_ACAO: AcaoKind[] = ['exact', 'reflect', 'reflect', 'star'];
const FRIENDLY_ACAM = [
  'PATCH,patch,Foo,DELETE,PUT,OPTIONS',
  '*',
  'PUT, DELETE, PATCH, OPTIONS, patch, Foo, delete, put',
];
const FRIENDLY_ACAH = [ALL_HEADERS, '*', `*, ${ALL_HEADERS}`];

function answer(random: Random, statuses: readonly number[], preflight: boolean, friendly: boolean): AnswerSpec {
  const status = friendly && preflight ? random.pick([200, 204]) : random.pick(statuses);
  const spec: AnswerSpec = {
    status,
    acao: random.pick(friendly ? FRIENDLY_ACAO : ACAO),
    acac: friendly ? 'true' : random.pick(ACAC),
    ...(preflight
      ? {
          acam: random.pick(friendly ? FRIENDLY_ACAM : ACAM),
          acah: random.pick(friendly ? FRIENDLY_ACAH : ACAH),
          maxAge: random.pick(MAX_AGE),
        }
      : { aceh: random.pick(ACEH) }),
  };
  if (preflight || !REDIRECT_STATUSES.includes(status)) return spec;
  return { ...spec, redirect: random.pick<RedirectTarget>(['same', 'cross', 'cross', 'page']) };
}

function fetchSpec(random: Random): FetchSpec {
  const headers: [string, string][] = [];
  const count = random.pick([0, 0, 1, 1, 2, 3]);
  for (let i = 0; i < count; i++) {
    const [name, value] = random.pick(HEADER_CHOICES);
    if (!headers.some(([known]) => known.toLowerCase() === name.toLowerCase())) headers.push([name, value]);
  }
  return {
    method: random.pick(METHODS),
    headers,
    credentials: random.pick<CredentialsMode>(['omit', 'same-origin', 'include']),
  };
}

function repeat(random: Random, first: FetchSpec): FetchSpec {
  switch (random.pick(['same', 'same', 'include', 'omit', 'extra'])) {
    case 'include':
      return { ...first, credentials: 'include' };
    case 'omit':
      return { ...first, credentials: 'omit' };
    case 'extra':
      return { ...first, headers: [...first.headers.filter(([name]) => name !== 'x-c'), ['x-c', '3']] };
    default:
      return first;
  }
}

/**
 * A request whose preflight is allowed and cached, then one to the same URL whose preflight is
 * refused (its method unlisted, answered 403 or 2xx; or an unlisted header), then the first again.
 */
function refusedBetween(random: Random, id: number): DifferentialCase {
  const listed = random.pick([['PUT'], ['PUT', 'DELETE'], ['DELETE', 'Foo']]);
  const acah = random.pick([undefined, 'x-a']);
  const acao = random.pick<AcaoKind>(['exact', 'reflect']);
  const actual: AnswerSpec = { status: random.pick([200, 204]), acao, acac: 'true', aceh: random.pick(ACEH) };
  const server: ServerSpec = {
    preflight: {
      status: random.pick([200, 204]),
      acao,
      acac: 'true',
      acam: listed.join(', '),
      acah,
      maxAge: random.pick(['600', '600', '5', undefined]),
      refuseUnlisted: random.chance(0.5),
    },
    actual,
    final: actual,
  };
  const first: FetchSpec = {
    method: random.pick(listed),
    headers: acah !== undefined && random.chance(0.5) ? [['x-a', '1']] : [],
    credentials: random.pick<CredentialsMode>(['omit', 'same-origin', 'include']),
  };
  const unlisted = ['patch', 'PATCH', 'Foo', 'DELETE', 'OPTIONS'].filter((method) => !listed.includes(method));
  const refused: FetchSpec = {
    ...(random.chance(0.7)
      ? { ...first, method: random.pick(unlisted) }
      : { ...first, headers: [...first.headers, ['X-B', '2']] }),
    ...(random.chance(0.3) ? { cache: 'no-store' as const } : {}),
  };
  return { id, server, fetches: [first, refused, first] };
}

/**
 * The same request twice, allowed and cached with credentials the first time or the second,
 * the other time without (what each engine's cache serves across credentials modes).
 */
function credentialsSwitch(random: Random, id: number): DifferentialCase {
  const acao = random.pick<AcaoKind>(['exact', 'reflect']);
  const actual: AnswerSpec = { status: random.pick([200, 204]), acao, acac: 'true', aceh: random.pick(ACEH) };
  const server: ServerSpec = {
    preflight: {
      status: random.pick([200, 204]),
      acao,
      acac: 'true',
      acam: 'PUT, DELETE',
      acah: 'x-a',
      maxAge: random.pick(['600', '5', undefined]),
    },
    actual,
    final: actual,
  };
  const other = random.pick<CredentialsMode>(['omit', 'same-origin']);
  const [before, after] = random.chance(0.7) ? (['include', other] as const) : ([other, 'include'] as const);
  const request = {
    method: random.pick(['PUT', 'DELETE', 'GET']),
    headers: random.chance(0.5) ? [['x-a', '1'] as [string, string]] : [],
  };
  return {
    id,
    server,
    fetches: [
      { ...request, credentials: before },
      { ...request, credentials: after },
    ],
  };
}

export function generateCases(seed: number, count: number): DifferentialCase[] {
  const random = seeded(seed);
  // A stream of its own, so that the other cases stay what they were for a seed.
  const sequences = seeded(seed ^ 0x5e9);
  const switches = seeded(seed ^ 0xc4ed);
  const cases: DifferentialCase[] = [];
  for (let id = 0; id < count; id++) {
    const friendly = random.chance(0.4);
    const server: ServerSpec = {
      preflight: answer(random, [200, 200, 204, 204, 204, 204, 301, 403, 500], true, friendly),
      actual: answer(random, [200, 200, 200, 204, 301, 302, 303, 307, 308, 403, 500], false, friendly),
      final: answer(random, [200, 200, 204, 403, 500], false, friendly),
    };
    const first = fetchSpec(random);
    const fetches = random.chance(0.3) ? [first, repeat(random, first)] : [first];
    const refused = sequences.chance(0.08);
    const switched = switches.chance(0.04);
    cases.push(
      refused ? refusedBetween(sequences, id) : switched ? credentialsSwitch(switches, id) : { id, server, fetches },
    );
  }
  return cases;
}

export function encodeSpec(spec: ServerSpec): string {
  return Buffer.from(JSON.stringify(spec)).toString('base64url');
}

export function decodeSpec(encoded: string): ServerSpec {
  return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as ServerSpec;
}
