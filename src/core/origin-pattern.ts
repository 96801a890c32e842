import { quote, type IssueList } from './errors.ts';
import {
  CREDENTIALS_RULES,
  firstProblem,
  HOST_RULES,
  noScheme,
  PORT_RULES,
  SCHEME_AND_REST_RULES,
  STRING_RULES,
  type OriginRules,
  type Parts,
  type Problem,
  type SchemeAndRest,
  type Written,
} from './origin-rules.ts';
import { withoutTrailingDot } from './origin-host.ts';

export { isPotentiallyTrustworthyHost } from './origin-host.ts';

/** A parsed allowed-origin string from the configuration. */
export type OriginSpec =
  | { readonly kind: 'exact'; readonly origin: string; readonly scheme: string; readonly host: string }
  /** `scheme://*.suffix[:port|:*]`; key is the pattern itself, as looked up by the matcher. */
  | { readonly kind: 'subdomains'; readonly key: string; readonly scheme: string; readonly suffix: string }
  /** `scheme://host:*`; key is `scheme://host`. */
  | { readonly kind: 'any-port'; readonly key: string; readonly scheme: string; readonly host: string };

/**
 * Parses one configured origin string. Reports the first rule it breaks to `issues`, with a fix,
 * and returns undefined when the entry cannot be used. `'*'` and `'null'` are handled by the caller.
 */
export function parseOriginPattern(
  input: string,
  path: string,
  rules: OriginRules,
  issues: IssueList,
): OriginSpec | undefined {
  const parsed = parse({ input, shown: quote(input) }, rules);
  if (!('code' in parsed)) return parsed;
  issues.report(parsed.code, path, parsed.message);
  return undefined;
}

function parse(written: Written, rules: OriginRules): OriginSpec | Problem {
  const broken = firstProblem(STRING_RULES, written);
  if (broken) return broken;
  const schemeEnd = written.input.indexOf('://');
  if (schemeEnd <= 0) return noScheme(written);
  const { input, shown } = written;
  const cut = { input, shown, scheme: input.slice(0, schemeEnd), rest: input.slice(schemeEnd + 3) };
  const parts = firstProblem(SCHEME_AND_REST_RULES, cut) ?? partsOf(cut, rules);
  if ('code' in parts) return parts;
  return (
    firstProblem(PORT_RULES, parts) ??
    firstProblem(HOST_RULES, parts) ??
    (rules.credentials ? firstProblem(CREDENTIALS_RULES, parts) : undefined) ??
    specOf(parts)
  );
}

/** `[*.]host[:port]`, where an IPv6 host's colons are inside its brackets. */
function partsOf({ input, shown, scheme, rest }: SchemeAndRest, rules: OriginRules): Parts {
  const subdomains = rest.startsWith('*.');
  const hostAndPort = subdomains ? rest.slice(2) : rest;
  const portSep = hostAndPort.startsWith('[')
    ? indexOfAfter(hostAndPort, ':', hostAndPort.indexOf(']'))
    : hostAndPort.lastIndexOf(':');
  const host = portSep === -1 ? hostAndPort : hostAndPort.slice(0, portSep);
  const port = portSep === -1 ? undefined : hostAndPort.slice(portSep + 1);
  return { input, shown, scheme, subdomains, host, name: withoutTrailingDot(host), port, rules };
}

function specOf({ scheme, subdomains, host, port }: Parts): OriginSpec {
  const portPart = port === undefined ? '' : `:${port}`;
  if (subdomains) return { kind: 'subdomains', key: `${scheme}://*.${host}${portPart}`, scheme, suffix: host };
  if (port === '*') return { kind: 'any-port', key: `${scheme}://${host}`, scheme, host };
  return { kind: 'exact', origin: `${scheme}://${host}${portPart}`, scheme, host };
}

/** The first `search` at or after `from + 1`, or -1 when `from` is -1 (no closing bracket). */
function indexOfAfter(text: string, search: string, from: number): number {
  return from === -1 ? -1 : text.indexOf(search, from + 1);
}
