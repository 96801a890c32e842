import { isIpLiteral, registrableDomain } from './registrable-domain.ts';
import type { FindingId } from './types.ts';

/** An origin an attacker could hold, and the finding it shows when the server allows it. */
export interface OriginProbe {
  readonly id: FindingId;
  readonly origin: string;
  /** An unescaped-dot look-alike that is also `{something}{registrable domain}`: a suffix match explains it too. */
  readonly suffixShaped?: boolean;
}

/** A domain no trusted party holds; look-alikes are built on it. */
export const ATTACKER_DOMAIN = 'corsguard-attacker.com';

/** Characters that broken origin parsers stop at (Corsy's and CORScanner's lists, merged). */
export const SPECIAL_CHARACTERS = [
  '_',
  '-',
  '~',
  '!',
  '$',
  '&',
  "'",
  '(',
  ')',
  '*',
  '+',
  ',',
  ';',
  '=',
  '%60',
  '`',
  '"',
  '{',
  '}',
  '^',
  '|',
  '%0b',
];

/** Hosting where anyone can publish a page: a trusted origin there is everyone's origin. */
export const THIRD_PARTY_HOSTS = [
  'corsguard-probe.github.io',
  'corsguard-probe.gitlab.io',
  'codepen.io',
  'cdpn.io',
  'jsfiddle.net',
  'fiddle.jshell.net',
  'jsbin.com',
  'repl.it',
  'webdevout.net',
  'corsguard-probe.herokuapp.com',
  'corsguard-probe.vercel.app',
  'corsguard-probe.netlify.app',
  'corsguard-probe.pages.dev',
];

/** A host (and its scheme) look-alikes are derived from: the target's, or a trusted origin's. */
export interface Base {
  readonly scheme: 'http' | 'https';
  readonly host: string;
}

const UNRELATED_TLDS = ['com', 'net', 'org', 'io', 'dev', 'app'];

/**
 * The unrelated origin of one URL's audit: the random label under a top-level domain picked by it,
 * so that a server allowing only `*.com` (or refusing it) is not mistaken for one allowing everyone.
 */
export function unrelatedOrigin(nonce: string): string {
  const sum = [...nonce].reduce((total, char) => total + char.charCodeAt(0), 0);
  return `https://${nonce}.${UNRELATED_TLDS[sum % UNRELATED_TLDS.length]}`;
}

/** Lower-case letters, so the label is a valid host label on its own. */
export function randomLabel(length = 10): string {
  let label = 'cg';
  while (label.length < length) label += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return label;
}

function lookalikesOf(base: Base, nonce: string): OriginProbe[] {
  const { scheme, host } = base;
  const probes: OriginProbe[] = [];
  const add = (id: FindingId, origin: string) => probes.push({ id, origin });
  if (isIpLiteral(host)) return probes;
  const site = registrableDomain(host);
  add('prefix-match', `${scheme}://${host}.${ATTACKER_DOMAIN}`);
  // `{attacker}{host}` only when the host is the registrable domain: under it, the name would be a subdomain.
  if (site !== undefined) add('suffix-match', `${scheme}://${nonce}${site}`);
  // CORScanner's include_match: a trusted name containing the origin (`'example.com'.includes(host)`).
  if (site !== undefined) add('suffix-match', `${scheme}://${site.slice(1)}`);
  for (let at = host.indexOf('.'); at !== -1; at = host.indexOf('.', at + 1)) {
    const lookalike = `${host.slice(0, at)}x${host.slice(at + 1)}`;
    probes.push({
      id: 'unescaped-dot',
      origin: `${scheme}://${lookalike}`,
      suffixShaped: site !== undefined && lookalike.endsWith(site),
    });
  }
  for (const c of SPECIAL_CHARACTERS) add('special-char-bypass', `${scheme}://${host}${c}.${ATTACKER_DOMAIN}`);
  add('any-subdomain', `${scheme}://${nonce}.${host}`);
  if (site !== undefined && site !== host) add('any-subdomain', `${scheme}://${nonce}.${site}`);
  if (scheme === 'https') add('insecure-origin-trusted', `http://${host}`);
  return probes;
}

/** The trusted origin on another port (`http://localhost:3000` → `http://localhost:3999`). */
function otherPort(origin: string): OriginProbe | undefined {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.port = url.port === '3999' ? '3998' : '3999';
    return { id: 'any-port', origin: url.origin };
  } catch {
    return undefined;
  }
}

function baseOf(origin: string): Base | undefined {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return { scheme: url.protocol === 'https:' ? 'https' : 'http', host: url.hostname };
  } catch {
    return undefined;
  }
}

/**
 * Every origin probe for one URL: an unrelated origin, `null`, third-party hosting, and the
 * look-alikes of the target's host and of each trusted origin's host. Trusted origins themselves
 * (and their exact http twins when they are listed as trusted) are never probed as attackers.
 */
export function originProbes(targetUrl: string, trusted: readonly string[], nonce = randomLabel()): OriginProbe[] {
  const target = baseOf(targetUrl);
  const probes: OriginProbe[] = [
    { id: 'reflects-any-origin', origin: unrelatedOrigin(nonce) },
    { id: 'allows-null-origin', origin: 'null' },
    ...THIRD_PARTY_HOSTS.map((host): OriginProbe => ({ id: 'third-party-origin-trusted', origin: `https://${host}` })),
  ];
  const bases = [target, ...trusted.map(baseOf)].filter((base): base is Base => base !== undefined);
  const seen = new Set<string>(trusted);
  const unique: OriginProbe[] = [];
  const ports = trusted.map(otherPort).filter((probe): probe is OriginProbe => probe !== undefined);
  for (const probe of [...probes, ...bases.flatMap((base) => lookalikesOf(base, nonce)), ...ports]) {
    if (seen.has(probe.origin)) continue;
    seen.add(probe.origin);
    unique.push(probe);
  }
  return unique;
}
