// What a configured origin's host is: a DNS name, an IPv4 or IPv6 address, loopback or not.

const DNS_LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;
const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

export type HostKind = 'dns' | 'ipv4' | 'ipv6' | 'invalid';

/** The kind of a lower-case host written without a trailing dot. */
export function classifyHost(host: string): HostKind {
  if (IPV6.test(host)) return 'ipv6';
  if (IPV4.test(host)) return host.split('.').every((octet) => Number(octet) <= 255) ? 'ipv4' : 'invalid';
  if (/^[\d.]+$/.test(host)) return 'invalid';
  return host.split('.').every((label) => DNS_LABEL.test(label)) ? 'dns' : 'invalid';
}

/** The host as the WHATWG URL parser serialises it, or undefined when it does not parse. */
export function canonicalHost(scheme: string, host: string): string | undefined {
  try {
    return new URL(`${scheme}://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * A host with one trailing dot is a fully qualified name that browsers send as typed
 * (`http://example.com.:3999`); its labels, length and suffix are those of the name without it.
 */
export function withoutTrailingDot(host: string): string {
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
