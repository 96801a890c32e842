// The rules one configured origin string must pass, one small function each, in the order they are
// checked: the first broken rule is the one reported. parseOriginPattern runs the tables.
import { CONTROL_CHARACTER, quote, type ConfigIssueCode } from './errors.ts';
import { MAX_HOST_LENGTH, MAX_LABEL_LENGTH, MAX_PORT } from './limits.ts';
import { canonicalHost, classifyHost, isPotentiallyTrustworthyHost, withoutTrailingDot } from './origin-host.ts';
import { isPublicSuffix } from './public-suffixes.ts';

/** A broken rule: its code and a message for a person, with the fix. */
export interface Problem {
  readonly code: ConfigIssueCode;
  readonly message: string;
}

export interface OriginRules {
  readonly credentials: boolean;
  readonly allowNull: boolean;
  readonly allowInsecure: boolean;
  readonly allowPublicSuffixWildcards: boolean;
  readonly allowCustomSchemes: boolean;
}

/** The configured string, and how messages show it. */
export interface Written {
  readonly input: string;
  readonly shown: string;
}

/** The string cut at `://`. */
export interface SchemeAndRest extends Written {
  readonly scheme: string;
  readonly rest: string;
}

/** The string cut into its parts. */
export interface Parts extends Written {
  readonly scheme: string;
  /** Written with `*.` in front of the host. */
  readonly subdomains: boolean;
  readonly host: string;
  /** The host without a trailing dot: what the length, label and suffix rules look at. */
  readonly name: string;
  /** Digits, `'*'`, or undefined when there is no `:`. */
  readonly port: string | undefined;
  /** The options that decide what needs an opt-in. */
  readonly rules: OriginRules;
}

type Rule<Context> = (context: Context) => Problem | undefined;

const problem = (code: ConfigIssueCode, message: string): Problem => ({ code, message });
const isWebScheme = (scheme: string): boolean => scheme === 'http' || scheme === 'https';
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };
const SCHEME = /^[a-z][a-z0-9+.-]*$/;

/** The first broken rule of a table, or undefined. */
export function firstProblem<Context>(rules: readonly Rule<Context>[], context: Context): Problem | undefined {
  for (const rule of rules) {
    const found = rule(context);
    if (found !== undefined) return found;
  }
  return undefined;
}

// The string as a whole.
export const STRING_RULES: readonly Rule<Written>[] = [
  ({ input, shown }) =>
    input.trim() === ''
      ? problem(
          'origin-empty',
          `${shown} is empty (an unset environment variable split on commas gives ['']); set the variable, or leave the entry out.`,
        )
      : undefined,
  ({ input, shown }) => {
    const several = severalOrigins(input);
    return several
      ? problem(
          'origin-several-in-one-string',
          `${shown} holds several origins in one string; pass an array with one origin per element: [${several.map(quote).join(', ')}].`,
        )
      : undefined;
  },
  ({ input, shown }) => {
    const control = CONTROL_CHARACTER.exec(input.trim());
    return control
      ? problem(
          'origin-control-character',
          `${shown} contains the control character ${JSON.stringify(control[0])}, which no origin holds; check where the value comes from (a stray line break in a file or environment variable?).`,
        )
      : undefined;
  },
  ({ input, shown }) =>
    input !== input.trim()
      ? problem('origin-whitespace', `${shown} has surrounding whitespace; write ${quote(input.trim())}.`)
      : undefined,
];

/** For a string without `scheme://`. */
export function noScheme({ input, shown }: Written): Problem {
  const guess = input.startsWith('*.') || !input.includes(':') ? `https://${input.replace(/\/+$/, '')}` : undefined;
  return problem(
    'origin-no-scheme',
    `${shown} has no scheme; an origin is scheme://host[:port]${guess ? `, for example ${quote(guess)}` : ''}.`,
  );
}

// The scheme, and what follows the host.
export const SCHEME_AND_REST_RULES: readonly Rule<SchemeAndRest>[] = [
  ({ scheme, shown }) =>
    SCHEME.test(scheme.toLowerCase())
      ? undefined
      : problem('origin-invalid-scheme', `${shown} has an invalid scheme ${quote(scheme)}.`),
  ({ scheme, input, shown }) =>
    scheme !== scheme.toLowerCase()
      ? problem(
          'origin-scheme-case',
          `${shown}: browsers send the scheme in lower case; write ${quote(input.toLowerCase())}.`,
        )
      : undefined,
  // A file: URL's origin is opaque, serialised as null (https://url.spec.whatwg.org/#concept-url-origin).
  ({ scheme, shown }) =>
    scheme === 'file'
      ? problem(
          'origin-file-scheme',
          `${shown} is never sent: browsers send Origin: null for file: pages. Serve the page over http(s) (http://localhost is fine), or, knowing that any site can send null, list 'null' and set dangerouslyAllowNullOrigin: true.`,
        )
      : undefined,
  ({ scheme, rest, shown }) => {
    const pathStart = rest.search(/[/?#]/);
    if (pathStart === -1) return undefined;
    const bare = quote(`${scheme}://${rest.slice(0, pathStart)}`);
    return rest.slice(pathStart) === '/'
      ? problem(
          'origin-trailing-slash',
          `${shown} has a trailing slash, which an Origin header never carries; write ${bare}.`,
        )
      : problem(
          'origin-path',
          `${shown} has a path, query or fragment, which an Origin header never carries; write ${bare}.`,
        );
  },
  ({ rest, shown }) =>
    rest.includes('@')
      ? problem('origin-user-info', `${shown} contains user info ('@'); an origin is scheme://host[:port].`)
      : undefined,
];

// The port.
export const PORT_RULES: readonly Rule<Parts>[] = [
  ({ port, shown }) =>
    port !== undefined && port !== '*' && (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > MAX_PORT)
      ? problem(
          'origin-invalid-port',
          `${shown} has an invalid port ${quote(port)}; use 1–${MAX_PORT} without leading zeros, or '*' for any port.`,
        )
      : undefined,
  ({ scheme, subdomains, host, port, shown }) =>
    port !== undefined && DEFAULT_PORTS[scheme] === port
      ? problem(
          'origin-default-port',
          `${shown} spells out the default port; browsers omit it, so write ${quote(`${scheme}://${subdomains ? '*.' : ''}${host}`)}.`,
        )
      : undefined,
];

const wildcardInFrontOfIp = (shown: string): Problem =>
  problem(
    'origin-wildcard-ip',
    `${shown} puts '*.' in front of an IP address; subdomain wildcards only apply to domain names. List each address itself (an any-port pattern such as 'http://127.0.0.1:*' is fine).`,
  );

// The host, and wildcards.
export const HOST_RULES: readonly Rule<Parts>[] = [
  ({ host, shown }) => (host === '' ? problem('origin-no-host', `${shown} has no host.`) : undefined),
  ({ host, shown }) =>
    host.includes('*')
      ? problem(
          'origin-wildcard-misplaced',
          `${shown} has '*' in a place it cannot go; '*' may only stand for the leading labels ('https://*.example.com') or the port ('http://localhost:*').`,
        )
      : undefined,
  ({ subdomains, host, shown }) =>
    subdomains && (host.startsWith('[') || /^[\d.]+$/.test(host)) ? wildcardInFrontOfIp(shown) : undefined,
  ({ host, shown }) =>
    /[^\x21-\x7e]/.test(host)
      ? problem(
          'origin-non-ascii',
          `${shown} has a non-ASCII or space character in its host; write the host in its punycode (xn--) form.`,
        )
      : undefined,
  ({ host, input, shown }) =>
    host !== host.toLowerCase()
      ? problem('origin-host-case', `${shown}: browsers send hosts in lower case; write ${quote(input.toLowerCase())}.`)
      : undefined,
  hostTooLong,
  ({ name, shown }) =>
    name.split('.').some((label) => label.length > MAX_LABEL_LENGTH)
      ? problem(
          'origin-label-too-long',
          `${shown} has a host label longer than ${MAX_LABEL_LENGTH} bytes, which DNS does not allow.`,
        )
      : undefined,
  ({ name, host, shown }) => (classifyHost(name) === 'invalid' ? invalidHost(shown, host) : undefined),
  notAsBrowsersSendIt,
  ({ scheme, subdomains, port, shown }) =>
    !isWebScheme(scheme) && (subdomains || port === '*')
      ? problem('origin-wildcard-scheme', `${shown}: wildcards are only supported for http and https origins.`)
      : undefined,
];

function hostTooLong({ subdomains, name, shown }: Parts): Problem | undefined {
  // A subdomain pattern's suffix leaves room for at least one label ('a.') within the host limit.
  if (name.length <= (subdomains ? MAX_HOST_LENGTH - 2 : MAX_HOST_LENGTH)) return undefined;
  return problem(
    'origin-host-too-long',
    subdomains
      ? `${shown}: no host under a ${name.length}-byte suffix fits in ${MAX_HOST_LENGTH} bytes (the most a host name may have), so the pattern would match nothing.`
      : `${shown} has a host of ${name.length} bytes; a host name has at most ${MAX_HOST_LENGTH}.`,
  );
}

const invalidHost = (shown: string, host: string): Problem =>
  problem('origin-invalid-host', `${shown} has an invalid host ${quote(host)}.`);

/**
 * Browsers serialise an http(s) host the way the URL parser does (IPv4 in dotted decimal, IPv6
 * compressed); any other spelling would never equal an Origin header.
 */
function notAsBrowsersSendIt({ scheme, subdomains, host, input, shown }: Parts): Problem | undefined {
  if (!isWebScheme(scheme)) return undefined;
  const canonical = canonicalHost(scheme, host);
  if (canonical === undefined) return invalidHost(shown, host);
  if (subdomains && classifyHost(withoutTrailingDot(canonical)) !== 'dns') return wildcardInFrontOfIp(shown);
  if (canonical === host) return undefined;
  return problem(
    'origin-host-not-canonical',
    `${shown}: browsers send the host as ${quote(canonical)}; write ${quote(input.replace(host, canonical))}.`,
  );
}

// With credentials: true, what needs an opt-in.
export const CREDENTIALS_RULES: readonly Rule<Parts>[] = [
  ({ scheme, shown, rules }) =>
    !isWebScheme(scheme) && !rules.allowCustomSchemes
      ? problem(
          'origin-custom-scheme-with-credentials',
          `${shown} is a ${scheme}: origin: with credentials: true, every app or extension that can send this origin (an app scheme such as capacitor://localhost is the same in every app built with that framework) would act as your users, and no certificate vouches for it. Remove it, or set dangerouslyAllowCustomSchemeOrigins: true if you really must.`,
        )
      : undefined,
  ({ scheme, host, shown, rules }) =>
    scheme === 'http' && !rules.allowInsecure && !isPotentiallyTrustworthyHost(host)
      ? problem(
          'origin-insecure-with-credentials',
          `${shown} is plain http: with credentials: true a network attacker could read credentialed responses. Use https, or set dangerouslyAllowInsecureOrigins: true if you really must.`,
        )
      : undefined,
  ({ scheme, subdomains, host, name, shown, rules }) =>
    subdomains && !rules.allowPublicSuffixWildcards && isPublicSuffix(name)
      ? problem(
          'origin-public-suffix-wildcard',
          `${shown} lets every site under '${host}' (a public suffix: anyone can register a name there) send credentialed requests; name your own domain ('${scheme}://*.your-site.${host}'), or set dangerouslyAllowPublicSuffixWildcards: true if '${host}' is really yours.`,
        )
      : undefined,
];

/**
 * The origins in a string that holds several (`'https://a.com,https://b.com'`, or separated by
 * spaces as in an environment variable), or undefined for a single one.
 */
function severalOrigins(input: string): string[] | undefined {
  const parts = input.split(/[\s,]+/).filter((part) => part !== '');
  if (input.includes(',')) return parts;
  return parts.filter((part) => part.includes('://')).length > 1 ? parts : undefined;
}
