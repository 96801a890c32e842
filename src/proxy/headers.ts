// Which headers cross the gateway, in each direction, and how they are rewritten. Shared by the
// node:http handler and the fetch handler, so both forward exactly the same headers.
import { rewriteSetCookie } from './cookies.ts';
import { isHopByHop } from './hop-by-hop.ts';
import { rewriteLocation } from './location.ts';

/** The part of the compiled options the header rules read. */
export interface HeaderRules {
  readonly upstream: URL;
  readonly basePath: string;
  readonly credentials: boolean;
  /** Sent as X-Forwarded-Host instead of the client's Host. */
  readonly publicHost: string | undefined;
}

/**
 * Headers some servers and frameworks trust to override the request's path (X-Original-URL and
 * X-Rewrite-URL: IIS, Symfony, Zend) or the client's address (the rest): from a client they would
 * step out of the base path or spoof IP checks, so they never cross.
 */
const OVERRIDE_HEADERS = new Set([
  'x-original-url',
  'x-rewrite-url',
  'x-real-ip',
  'true-client-ip',
  'x-client-ip',
  'x-cluster-client-ip',
  'fastly-client-ip',
  'fly-client-ip',
]);

/**
 * The client's address as Cloudflare's edge sets it. On Workers the edge wrote them (and the fetch
 * handler reads CF-Connecting-IP as the peer); anywhere else a client did, to spoof IP checks.
 */
const EDGE_PEER_HEADERS = new Set(['cf-connecting-ip', 'cf-connecting-ipv6', 'cf-pseudo-ipv4']);

/**
 * Whether a client's request header (lower-case name) is forwarded as it is. Host and the
 * X-Forwarded-* headers are set by the gateway; Expect is answered by the gateway's own server;
 * Cookie only crosses with credentials; path and client-address overrides never do, nor Cloudflare's
 * client-address headers unless `onEdge` (the fetch handler on Workers, where the edge set them).
 */
export function forwardsRequestHeader(
  name: string,
  listed: ReadonlySet<string> | undefined,
  rules: HeaderRules,
  onEdge = false,
): boolean {
  if (isHopByHop(name, listed) || OVERRIDE_HEADERS.has(name)) return false;
  if (EDGE_PEER_HEADERS.has(name)) return onEdge;
  switch (name) {
    case 'host':
    case 'expect':
    case 'forwarded':
    case 'x-forwarded-host':
    case 'x-forwarded-proto':
    case 'x-forwarded-for':
      return false;
    case 'cookie':
      return rules.credentials;
    default:
      return true;
  }
}

/** The X-Forwarded-For value: the client's list (if any) with the peer's address appended. */
export function forwardedFor(existing: string | undefined, peer: string | undefined): string | undefined {
  if (peer === undefined || peer === '') return existing;
  return existing === undefined || existing === '' ? peer : `${existing}, ${peer}`;
}

/**
 * An upstream response header as the client receives it: undefined to drop it. The upstream's own
 * Access-Control-* headers are dropped (the policy alone answers CORS); Set-Cookie only crosses
 * with credentials, with Domain and Path rewritten for the gateway; Location into the upstream
 * points at the gateway. Vary is kept (the decision's names are merged into it afterwards).
 */
export function forwardedResponseHeader(
  name: string,
  value: string,
  listed: ReadonlySet<string> | undefined,
  rules: HeaderRules,
): string | undefined {
  if (isHopByHop(name, listed) || name.startsWith('access-control-')) return undefined;
  switch (name) {
    case 'set-cookie':
      return rules.credentials ? rewriteSetCookie(value, rules.basePath) : undefined;
    case 'location':
      return rewriteLocation(value, rules.upstream, rules.basePath);
    default:
      return value;
  }
}
