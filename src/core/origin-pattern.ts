import { CONTROL_CHARACTER, quote, type ConfigIssueCode, type IssueList } from './errors.ts';
import { MAX_HOST_LENGTH, MAX_LABEL_LENGTH, MAX_PORT } from './limits.ts';
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
  readonly allowCustomSchemes: boolean;
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
  const problem = (code: ConfigIssueCode, message: string): undefined => {
    issues.report(code, path, message);
    return undefined;
  };
  const shown = quote(input);
  const trimmed = input.trim();
  if (trimmed === '') {
    return problem(
      'origin-empty',
      `${shown} is empty (an unset environment variable split on commas gives ['']); set the variable, or leave the entry out.`,
    );
  }
  const several = severalOrigins(input);
  if (several) {
    return problem(
      'origin-several-in-one-string',
      `${shown} holds several origins in one string; pass an array with one origin per element: [${several.map(quote).join(', ')}].`,
    );
  }
  const control = CONTROL_CHARACTER.exec(trimmed);
  if (control) {
    return problem(
      'origin-control-character',
      `${shown} contains the control character ${JSON.stringify(control[0])}, which no origin holds; check where the value comes from (a stray line break in a file or environment variable?).`,
    );
  }
  if (input !== trimmed) return problem('origin-whitespace', `${shown} has surrounding whitespace; write ${quote(trimmed)}.`);
  const schemeEnd = input.indexOf('://');
  if (schemeEnd <= 0) {
    const guess = input.startsWith('*.') || !input.includes(':') ? `https://${input.replace(/\/+$/, '')}` : undefined;
    return problem(
      'origin-no-scheme',
      `${shown} has no scheme; an origin is scheme://host[:port]${guess ? `, for example ${quote(guess)}` : ''}.`,
    );
  }
  const scheme = input.slice(0, schemeEnd);
  const rest = input.slice(schemeEnd + 3);
  if (!SCHEME.test(scheme.toLowerCase())) return problem('origin-invalid-scheme', `${shown} has an invalid scheme ${quote(scheme)}.`);
  if (scheme !== scheme.toLowerCase()) {
    return problem('origin-scheme-case', `${shown}: browsers send the scheme in lower case; write ${quote(input.toLowerCase())}.`);
  }
  if (scheme === 'file') {
    // A file: URL's origin is opaque, serialised as null (https://url.spec.whatwg.org/#concept-url-origin).
    return problem(
      'origin-file-scheme',
      `${shown} is never sent: browsers send Origin: null for file: pages. Serve the page over http(s) (http://localhost is fine), or, knowing that any site can send null, list 'null' and set dangerouslyAllowNullOrigin: true.`,
    );
  }
  const pathStart = rest.search(/[/?#]/);
  if (pathStart !== -1) {
    const bare = quote(`${scheme}://${rest.slice(0, pathStart)}`);
    if (rest.slice(pathStart) === '/') {
      return problem('origin-trailing-slash', `${shown} has a trailing slash, which an Origin header never carries; write ${bare}.`);
    }
    return problem('origin-path', `${shown} has a path, query or fragment, which an Origin header never carries; write ${bare}.`);
  }
  if (rest.includes('@')) return problem('origin-user-info', `${shown} contains user info ('@'); an origin is scheme://host[:port].`);

  const subdomains = rest.startsWith('*.');
  let host = subdomains ? rest.slice(2) : rest;
  let port = '';
  let portWildcard = false;
  const portSep = host.startsWith('[') ? indexOfAfter(host, ':', host.indexOf(']')) : host.lastIndexOf(':');
  if (portSep !== -1) {
    port = host.slice(portSep + 1);
    host = host.slice(0, portSep);
    if (port === '*') {
      portWildcard = true;
    } else if (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > MAX_PORT) {
      return problem(
        'origin-invalid-port',
        `${shown} has an invalid port ${quote(port)}; use 1–${MAX_PORT} without leading zeros, or '*' for any port.`,
      );
    } else if (DEFAULT_PORTS[scheme] === port) {
      return problem(
        'origin-default-port',
        `${shown} spells out the default port; browsers omit it, so write ${quote(`${scheme}://${subdomains ? '*.' : ''}${host}`)}.`,
      );
    }
  }

  if (host === '') return problem('origin-no-host', `${shown} has no host.`);
  if (host.includes('*')) {
    return problem(
      'origin-wildcard-misplaced',
      `${shown} has '*' in a place it cannot go; '*' may only stand for the leading labels ('https://*.example.com') or the port ('http://localhost:*').`,
    );
  }
  if (subdomains && (host.startsWith('[') || /^[\d.]+$/.test(host))) return wildcardInFrontOfIp();
  if (/[^\x21-\x7e]/.test(host)) {
    return problem('origin-non-ascii', `${shown} has a non-ASCII or space character in its host; write the host in its punycode (xn--) form.`);
  }
  if (host !== host.toLowerCase()) {
    return problem('origin-host-case', `${shown}: browsers send hosts in lower case; write ${quote(input.toLowerCase())}.`);
  }
  // A subdomain pattern's suffix leaves room for at least one label ('a.') within the host limit.
  const maxLength = subdomains ? MAX_HOST_LENGTH - 2 : MAX_HOST_LENGTH;
  const name = withoutTrailingDot(host);
  if (name.length > maxLength) {
    return problem(
      'origin-host-too-long',
      subdomains
        ? `${shown}: no host under a ${name.length}-byte suffix fits in ${MAX_HOST_LENGTH} bytes (the most a host name may have), so the pattern would match nothing.`
        : `${shown} has a host of ${name.length} bytes; a host name has at most ${MAX_HOST_LENGTH}.`,
    );
  }
  if (name.split('.').some((label) => label.length > MAX_LABEL_LENGTH)) {
    return problem('origin-label-too-long', `${shown} has a host label longer than ${MAX_LABEL_LENGTH} bytes, which DNS does not allow.`);
  }
  const hostKind = classifyHost(name);
  if (hostKind === 'invalid') return problem('origin-invalid-host', `${shown} has an invalid host ${quote(host)}.`);
  if (scheme === 'http' || scheme === 'https') {
    // Browsers serialise the host the way the URL parser does (IPv4 in dotted decimal, IPv6
    // compressed); any other spelling would never equal an Origin header.
    const canonical = canonicalHost(scheme, host);
    if (canonical === undefined) return problem('origin-invalid-host', `${shown} has an invalid host ${quote(host)}.`);
    if (subdomains && classifyHost(withoutTrailingDot(canonical)) !== 'dns') return wildcardInFrontOfIp();
    if (canonical !== host) {
      return problem(
        'origin-host-not-canonical',
        `${shown}: browsers send the host as ${quote(canonical)}; write ${quote(input.replace(host, canonical))}.`,
      );
    }
  }
  if (scheme !== 'http' && scheme !== 'https' && (subdomains || portWildcard)) {
    return problem('origin-wildcard-scheme', `${shown}: wildcards are only supported for http and https origins.`);
  }

  if (rules.credentials) {
    if (scheme !== 'http' && scheme !== 'https' && !rules.allowCustomSchemes) {
      return problem(
        'origin-custom-scheme-with-credentials',
        `${shown} is a ${scheme}: origin: with credentials: true, every app or extension that can send this origin (an app scheme such as capacitor://localhost is the same in every app built with that framework) would act as your users, and no certificate vouches for it. Remove it, or set dangerouslyAllowCustomSchemeOrigins: true if you really must.`,
      );
    }
    if (scheme === 'http' && !rules.allowInsecure && !isPotentiallyTrustworthyHost(host)) {
      return problem(
        'origin-insecure-with-credentials',
        `${shown} is plain http: with credentials: true a network attacker could read credentialed responses. Use https, or set dangerouslyAllowInsecureOrigins: true if you really must.`,
      );
    }
    if (subdomains && !rules.allowPublicSuffixWildcards && isPublicSuffix(name)) {
      return problem(
        'origin-public-suffix-wildcard',
        `${shown} lets every site under '${host}' (a public suffix: anyone can register a name there) send credentialed requests; name your own domain ('${scheme}://*.your-site.${host}'), or set dangerouslyAllowPublicSuffixWildcards: true if '${host}' is really yours.`,
      );
    }
  }

  const portPart = port === '' ? '' : `:${port}`;
  if (subdomains) return { kind: 'subdomains', key: `${scheme}://*.${host}${portPart}`, scheme, suffix: host };
  if (portWildcard) return { kind: 'any-port', key: `${scheme}://${host}`, scheme, host };
  return { kind: 'exact', origin: `${scheme}://${host}${portPart}`, scheme, host };

  function wildcardInFrontOfIp(): undefined {
    return problem(
      'origin-wildcard-ip',
      `${shown} puts '*.' in front of an IP address; subdomain wildcards only apply to domain names. List each address itself (an any-port pattern such as 'http://127.0.0.1:*' is fine).`,
    );
  }
}

/**
 * The origins in a string that holds several (`'https://a.com,https://b.com'`, or separated by
 * spaces as in an environment variable), or undefined for a single one.
 */
function severalOrigins(input: string): string[] | undefined {
  const parts = input.split(/[\s,]+/).filter((part) => part !== '');
  if (input.includes(',')) return parts;
  return parts.filter((part) => part.includes('://')).length > 1 ? parts : undefined;
}

/** The first `search` at or after `from + 1`, or -1 when `from` is -1 (no closing bracket). */
function indexOfAfter(text: string, search: string, from: number): number {
  return from === -1 ? -1 : text.indexOf(search, from + 1);
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
  return host.split('.').every((label) => DNS_LABEL.test(label)) ? 'dns' : 'invalid';
}

/**
 * A host with one trailing dot is a fully qualified name that browsers send as typed
 * (`http://example.com.:3999`); its labels, length and suffix are those of the name without it.
 */
function withoutTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/**
 * Loopback addresses, `localhost`, `*.localhost` and their trailing-dot forms are secure contexts
 * even over http (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy).
 */
export function isPotentiallyTrustworthyHost(host: string): boolean {
  const name = withoutTrailingDot(host);
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    host === '[::1]' ||
    host === '[::ffff:7f00:1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
