// Whether an engine stores a cookie, and whether it sends one, by its CookieRules: the cookie's
// attributes against the exchange's URL and the page's top-level site
// (https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-storage-model and
// #name-retrieval-algorithm, with each engine's third-party policy on top).
import type { CookieRules } from '../engines/cookie-rules.ts';
import { isSecureUrl, siteOf } from './site.ts';
import type { CookieReason, SimulatedCookie } from './types.ts';

export interface Decision {
  readonly ok: boolean;
  readonly reason?: CookieReason;
  /** The top-level site whose partition keeps the cookie. */
  readonly partition?: string;
}

/** A cookie in the jar: as set, on which host, in which partition. */
export interface HeldCookie {
  readonly cookie: SimulatedCookie;
  readonly host: string;
  readonly partition?: string;
}

export function domainMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function pathMatches(path: string, cookiePath: string): boolean {
  return (
    path === cookiePath ||
    (path.startsWith(cookiePath) && (cookiePath.endsWith('/') || path[cookiePath.length] === '/'))
  );
}

/** A Strict or Lax cookie (or one without SameSite, in a Lax-by-default engine) in a cross-site context. */
function sameSiteBlock(cookie: SimulatedCookie, rules: CookieRules): CookieReason | undefined {
  if (cookie.sameSite === 'Strict') return 'samesite-strict';
  if (cookie.sameSite === 'Lax') return 'samesite-lax';
  if (cookie.sameSite === undefined && rules.laxByDefault) return 'samesite-unset-lax';
  return undefined;
}

const no = (reason: CookieReason): Decision => ({ ok: false, reason });

export interface StoreContext {
  /** The URL whose answer sets the cookie. */
  readonly url: URL;
  /** The page's top-level site; undefined for an opaque origin. */
  readonly topLevel: string | undefined;
  /** The host of the top-level page. */
  readonly pageHost: string | undefined;
  readonly credentials: boolean;
  /** Set by a top-level visit to `url` (a first-party cookie). */
  readonly visit: boolean;
}

export function storeDecision(cookie: SimulatedCookie, context: StoreContext, rules: CookieRules): Decision {
  if (!context.credentials) return no('credentials-not-included');
  if (cookie.secure && !isSecureUrl(context.url, rules.secureOnLocalhost)) return no('secure-insecure-url');
  const partitioned = cookie.partitioned === true && rules.partitioned;
  if (partitioned && !cookie.secure) return no('partitioned-insecure');
  if (cookie.sameSite === 'None' && !cookie.secure && rules.noneRequiresSecure) return no('samesite-none-insecure');
  if (cookie.domain !== undefined && !domainMatches(context.url.hostname, cookie.domain)) return no('domain-mismatch');
  // WebKit's host rule first: no attribute would get such a cookie stored.
  const cookieDomain = cookie.domain ?? context.url.hostname;
  if (
    !context.visit &&
    rules.thirdParty === 'no-third-party-set' &&
    !(context.pageHost !== undefined && domainMatches(context.pageHost, cookieDomain))
  ) {
    return no('third-party-blocked');
  }
  const crossSite = context.topLevel === undefined || context.topLevel !== siteOf(context.url.href);
  const sameSite = crossSite ? sameSiteBlock(cookie, rules) : undefined;
  if (sameSite) return no(sameSite);
  if (crossSite && rules.thirdParty === 'block' && !partitioned) return no('third-party-blocked');
  if (partitioned) return { ok: true, ...(context.topLevel ? { partition: context.topLevel } : {}) };
  if (crossSite && rules.thirdParty === 'partition')
    return {
      ok: true,
      reason: 'third-party-partitioned',
      ...(context.topLevel ? { partition: context.topLevel } : {}),
    };
  return { ok: true };
}

export interface SendContext {
  readonly url: URL;
  readonly topLevel: string | undefined;
  readonly credentials: boolean;
}

export function sendDecision(held: HeldCookie, context: SendContext, rules: CookieRules): Decision {
  const { cookie } = held;
  if (!context.credentials) return no('credentials-not-included');
  if (
    !(cookie.domain === undefined
      ? context.url.hostname === held.host
      : domainMatches(context.url.hostname, cookie.domain))
  )
    return no('domain-mismatch');
  if (!pathMatches(context.url.pathname, cookie.path ?? '/')) return no('path-mismatch');
  if (cookie.secure && !isSecureUrl(context.url, rules.secureOnLocalhost)) return no('secure-insecure-url');
  if (held.partition !== undefined && held.partition !== context.topLevel) return no('other-partition');
  const crossSite = context.topLevel === undefined || context.topLevel !== siteOf(context.url.href);
  if (!crossSite) return { ok: true };
  const sameSite = sameSiteBlock(cookie, rules);
  if (sameSite) return no(sameSite);
  if (held.partition === undefined && rules.thirdParty === 'block') return no('third-party-blocked');
  if (held.partition === undefined && rules.thirdParty === 'partition') return no('third-party-partitioned');
  return { ok: true };
}
