import type { IssueList } from './errors.ts';
import { isPublicSuffix } from './public-suffixes.ts';

/** A parsed allowed-origin string from the configuration. */
export type OriginSpec =
  | { readonly kind: 'exact'; readonly origin: string; readonly scheme: string; readonly host: string }
  /** `scheme://*.suffix[:port|:*]`; key is the pattern itself, as looked up by the matcher. */
  | { readonly kind: 'subdomains'; readonly key: string; readonly scheme: string; readonly suffix: string }
  /** `scheme://host:*`; key is `scheme://host`. */
  | { readonly kind: 'any-port'; readonly key: string; readonly scheme: string; readonly host: string };

export interface OriginRules {
  readonly credentials: boolean;
  readonly allowNull: boolean;
  readonly allowInsecure: boolean;
  readonly allowPublicSuffixWildcards: boolean;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };
const SCHEME = /^[a-z][a-z0-9+.-]*$/;
const DNS_LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;
const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/**
 * Parses one configured origin string. Reports every problem to `issues` with a fix and returns
 * undefined when the entry cannot be used. `'*'` and `'null'` are handled by the caller.
 */
export function parseOriginPattern(
  input: string,
  path: string,
  rules: OriginRules,
  issues: IssueList,
): OriginSpec | undefined {
  const problem = (message: string): undefined => {
    issues.report(path, message);
    return undefined;
  };
  if (input !== input.trim()) return problem(`'${input}' has surrounding whitespace; write '${input.trim()}'.`);
  if (input.includes(',')) {
    return problem(`'${input}' holds several origins in one string; list each one as its own array element.`);
  }
  const schemeEnd = input.indexOf('://');
  if (schemeEnd <= 0) {
    const guess = input.startsWith('*.') || !input.includes(':') ? `https://${input.replace(/\/+$/, '')}` : undefined;
    return problem(
      `'${input}' has no scheme; an origin is scheme://host[:port]${guess ? `, for example '${guess}'` : ''}.`,
    );
  }
  const scheme = input.slice(0, schemeEnd);
  let rest = input.slice(schemeEnd + 3);
  if (!SCHEME.test(scheme.toLowerCase())) return problem(`'${input}' has an invalid scheme '${scheme}'.`);
  if (scheme !== scheme.toLowerCase()) {
    return problem(`'${input}': browsers send the scheme in lower case; write '${input.toLowerCase()}'.`);
  }
  const pathStart = rest.search(/[/?#]/);
  if (pathStart !== -1) {
    const bare = `${scheme}://${rest.slice(0, pathStart)}`;
    const what = rest.slice(pathStart) === '/' ? 'a trailing slash' : 'a path, query or fragment';
    return problem(`'${input}' has ${what}, which an Origin header never carries; write '${bare}'.`);
  }
  if (rest.includes('@')) return problem(`'${input}' contains user info ('@'); an origin is scheme://host[:port].`);
  if (rest === '') return problem(`'${input}' has no host.`);

  let port = '';
  let portWildcard = false;
  const portSep = rest.startsWith('[') ? rest.indexOf(':', rest.indexOf(']')) : rest.lastIndexOf(':');
  if (portSep !== -1) {
    port = rest.slice(portSep + 1);
    rest = rest.slice(0, portSep);
    if (port === '*') {
      portWildcard = true;
    } else if (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > 65535) {
      return problem(`'${input}' has an invalid port '${port}'; use 1–65535 without leading zeros, or '*' for any port.`);
    } else if (DEFAULT_PORTS[scheme] === port) {
      return problem(`'${input}' spells out the default port; browsers omit it, so write '${scheme}://${rest}'.`);
    }
  }

  let host = rest;
  let subdomains = false;
  if (host.startsWith('*.')) {
    subdomains = true;
    host = host.slice(2);
  }
  if (host.includes('*')) {
    return problem(
      `'${input}' has '*' in a place it cannot go; '*' may only stand for the leading labels ('https://*.example.com') or the port ('http://localhost:*').`,
    );
  }
  if (/[^\x21-\x7e]/.test(host)) {
    return problem(`'${input}' has a non-ASCII or space character in its host; write the host in its punycode (xn--) form.`);
  }
  if (host !== host.toLowerCase()) {
    return problem(`'${input}': browsers send hosts in lower case; write '${input.toLowerCase()}'.`);
  }
  const hostKind = classifyHost(host);
  if (hostKind === 'invalid') return problem(`'${input}' has an invalid host '${host}'.`);
  if (scheme === 'http' || scheme === 'https') {
    // Browsers serialise the host the way the URL parser does (IPv4 in dotted decimal, IPv6
    // compressed); any other spelling would never equal an Origin header.
    const canonical = canonicalHost(scheme, host);
    if (canonical === undefined) return problem(`'${input}' has an invalid host '${host}'.`);
    if (canonical !== host) {
      return problem(`'${input}': browsers send the host as '${canonical}'; write '${input.replace(host, canonical)}'.`);
    }
  }
  if (subdomains && hostKind !== 'dns') {
    return problem(`'${input}' puts '*.' in front of an IP address; subdomain wildcards only apply to domain names.`);
  }
  if (scheme !== 'http' && scheme !== 'https' && (subdomains || portWildcard)) {
    return problem(`'${input}': wildcards are only supported for http and https origins.`);
  }

  if (rules.credentials) {
    if (scheme === 'http' && !rules.allowInsecure && !isPotentiallyTrustworthyHost(host)) {
      return problem(
        `'${input}' is plain http: with credentials: true a network attacker could read credentialed responses. Use https, or set dangerouslyAllowInsecureOrigins: true if you really must.`,
      );
    }
    if (subdomains && !rules.allowPublicSuffixWildcards && isPublicSuffix(host)) {
      return problem(
        `'${input}' lets every site under '${host}' (a public suffix: anyone can register a name there) send credentialed requests; name your own domain ('${scheme}://*.your-site.${host}'), or set dangerouslyAllowPublicSuffixWildcards: true if '${host}' is really yours.`,
      );
    }
  }

  const portPart = port === '' ? '' : `:${port}`;
  if (subdomains) return { kind: 'subdomains', key: `${scheme}://*.${host}${portPart}`, scheme, suffix: host };
  if (portWildcard) return { kind: 'any-port', key: `${scheme}://${host}`, scheme, host };
  return { kind: 'exact', origin: `${scheme}://${host}${portPart}`, scheme, host };
}

/** The host as the WHATWG URL parser serialises it, or undefined when it does not parse. */
function canonicalHost(scheme: string, host: string): string | undefined {
  try {
    return new URL(`${scheme}://${host}`).hostname;
  } catch {
    return undefined;
  }
}

type HostKind = 'dns' | 'ipv4' | 'ipv6' | 'invalid';

function classifyHost(host: string): HostKind {
  if (IPV6.test(host)) return 'ipv6';
  if (IPV4.test(host)) return host.split('.').every((octet) => Number(octet) <= 255) ? 'ipv4' : 'invalid';
  if (/^[\d.]+$/.test(host)) return 'invalid';
  if (host.length > 253) return 'invalid';
  return host.split('.').every((label) => label.length <= 63 && DNS_LABEL.test(label)) ? 'dns' : 'invalid';
}

/** Loopback addresses, `localhost` and `*.localhost` are secure contexts even over http. */
export function isPotentiallyTrustworthyHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    host === '[::ffff:7f00:1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
