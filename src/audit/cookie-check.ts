// The cookies the API sets, judged with the simulator's per-engine cookie model: a credentialed
// CORS policy for a front end on another site is of no use when the session cookie can never go
// with that front end's requests (SameSite) or is never stored (SameSite=None without Secure).
import { type HeldCookie, sendDecision, storeDecision } from '../simulate/cookies/policy.ts';
import type { CookieRules } from '../simulate/engines/cookie-rules.ts';
import { parseSetCookie } from '../simulate/cookies/set-cookie.ts';
import { siteOf } from '../simulate/cookies/site.ts';
import type { SimulatedCookie } from '../simulate/cookies/types.ts';
import { BROWSER_MODELS, MODELS } from '../simulate/engines/model.ts';
import type { TargetContext } from './context.ts';
import { allowOrigin, allowsCredentials, type Exchange } from './exchange.ts';

const ENGINES = BROWSER_MODELS.filter((model) => model !== 'fetch').map((model) => MODELS[model]);

/** What one cookie's attributes do in each engine: the engines that never send it cross-site, or never store it. */
export interface CookieJudgement {
  readonly name: string;
  /** Engine labels that withhold it from cross-site requests because of SameSite (Strict, Lax, or unset read as Lax). */
  readonly notSent: readonly string[];
  /** Engine labels that reject it as SameSite=None without Secure. */
  readonly rejected: readonly string[];
  /**
   * Engine labels whose third-party cookie rules keep it from the front end's requests however the
   * API sets it: on a visit to the API's site, or in answer to the front end's own request.
   */
  readonly thirdParty: readonly string[];
}

const SAME_SITE_REASONS = new Set(['samesite-strict', 'samesite-lax', 'samesite-unset-lax']);
const THIRD_PARTY_REASONS = new Set(['third-party-blocked', 'third-party-partitioned', 'other-partition']);

/**
 * Judges a cookie set by the API's own site (a login page visit, the best case) and then sent on a
 * credentialed fetch() from a page on `frontEnd`, a site other than the API's.
 */
export function judgeCookie(cookie: SimulatedCookie, apiUrl: URL, frontEnd: string): CookieJudgement {
  const notSent: string[] = [];
  const rejected: string[] = [];
  const thirdParty: string[] = [];
  for (const { label, cookies: rules } of ENGINES) {
    const stored = storeDecision(
      cookie,
      { url: apiUrl, topLevel: siteOf(apiUrl.href), pageHost: apiUrl.hostname, credentials: true, visit: true },
      rules,
    );
    if (stored.reason === 'samesite-none-insecure') {
      rejected.push(label);
      continue;
    }
    // Secure left out: whether the API's URL may carry a Secure cookie is not this question (WebKit
    // refuses Secure over http://localhost, which would hide the SameSite answer).
    const held: HeldCookie = { cookie: { ...cookie, path: '/', secure: false }, host: apiUrl.hostname };
    const sent = sendDecision(held, { url: apiUrl, topLevel: siteOf(frontEnd), credentials: true }, rules);
    if (sent.reason !== undefined && SAME_SITE_REASONS.has(sent.reason)) notSent.push(label);
    else if (
      sent.reason !== undefined &&
      THIRD_PARTY_REASONS.has(sent.reason) &&
      !sentAfterCrossSiteSet(cookie, apiUrl, frontEnd, rules)
    )
      thirdParty.push(label);
  }
  return { name: cookie.name, notSent, rejected, thirdParty };
}

/**
 * Whether the cookie, set in answer to a credentialed fetch() from a page on `frontEnd`, goes with
 * that page's next request (as https: the URL's scheme is not this question either).
 */
function sentAfterCrossSiteSet(cookie: SimulatedCookie, apiUrl: URL, frontEnd: string, rules: CookieRules): boolean {
  const url = new URL(apiUrl);
  url.protocol = 'https:';
  const topLevel = siteOf(frontEnd);
  const pageHost = URL.canParse(frontEnd) ? new URL(frontEnd).hostname : undefined;
  const stored = storeDecision(cookie, { url, topLevel, pageHost, credentials: true, visit: false }, rules);
  if (!stored.ok) return false;
  const held: HeldCookie = {
    cookie: { ...cookie, path: '/' },
    host: url.hostname,
    ...(stored.partition === undefined ? {} : { partition: stored.partition }),
  };
  return sendDecision(held, { url, topLevel, credentials: true }, rules).ok;
}

function setCookieLines(exchange: Exchange): string[] {
  const { headers } = exchange.response;
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const line = headers.get('set-cookie');
  return line === null ? [] : [line];
}

/** The answers granting an origin with credentials: the trusted front ends' when --origin was given. */
function credentialedGrants(context: TargetContext): Exchange[] {
  return context.exchanges.filter((exchange) => {
    const origin = exchange.request.headers.origin;
    if (origin === undefined || allowOrigin(exchange) !== origin || !allowsCredentials(exchange)) return false;
    return context.trusted.length === 0 || context.trusted.includes(origin);
  });
}

/** Each cookie name once, as the API last set it. */
function cookiesSet(context: TargetContext): SimulatedCookie[] {
  const byName = new Map<string, SimulatedCookie>();
  for (const exchange of context.exchanges) {
    for (const line of setCookieLines(exchange)) {
      const cookie = parseSetCookie(line);
      if (cookie !== undefined) byName.set(cookie.name, cookie);
    }
  }
  return [...byName.values()];
}

const list = (items: readonly string[]): string => items.join(', ');

/** Names and engines only: a cookie's value never appears in a finding. */
function describe(judgements: readonly CookieJudgement[], engines: (j: CookieJudgement) => readonly string[]): string {
  return judgements.map((judgement) => `${judgement.name} (${list(engines(judgement))})`).join('; ');
}

/** A same-site front end gets SameSite=Lax/Strict cookies: said in a note, not a finding. */
function noteSameSite(context: TargetContext, grants: readonly Exchange[], cookies: readonly SimulatedCookie[]): void {
  const origin = grants[0]?.request.headers.origin;
  if (origin === undefined) return;
  // Judged as if from another site (.invalid is reserved: never the API's): what only a same-site front end gets.
  const elsewhere = 'https://corsguard.invalid';
  const names = cookies
    .map((cookie) => judgeCookie(cookie, new URL(context.url), elsewhere))
    .filter((judgement) => judgement.notSent.length > 0)
    .map((judgement) => judgement.name);
  if (names.length === 0) return;
  context.notes.push({
    code: 'cookie-same-site',
    origin,
    cookies: names,
    message: `${list(names)}: SameSite keeps ${names.length === 1 ? 'it' : 'them'} from other sites, but ${origin} is on the API's own site and gets ${names.length === 1 ? 'it' : 'them'}.`,
  });
}

/** One finding naming every cookie `engines` lists engines for (and the engines), when there is any. */
function addCookieFinding(
  context: TargetContext,
  id: 'cookie-samesite-none-insecure' | 'cookie-not-sent-cross-site' | 'cookie-third-party-withheld',
  grant: Exchange,
  judgements: readonly CookieJudgement[],
  engines: (judgement: CookieJudgement) => readonly string[],
  title: (named: string) => string,
): void {
  const judged = judgements.filter((judgement) => engines(judgement).length > 0);
  if (judged.length === 0) return;
  context.findings.add({
    id,
    exchange: grant,
    origin: grant.request.headers.origin,
    title: title(describe(judged, engines)),
    fingerprintKey: judged
      .map((judgement) => judgement.name)
      .sort()
      .join(','),
  });
}

export function checkCookies(context: TargetContext): void {
  const grants = credentialedGrants(context);
  const first = grants[0];
  if (first === undefined) return;
  const cookies = cookiesSet(context);
  if (cookies.length === 0) return;
  const url = new URL(context.url);
  const judgedFor = (grant: Exchange) =>
    cookies.map((cookie) => judgeCookie(cookie, url, grant.request.headers.origin ?? ''));
  // Rejected outright, whatever site the front end is on.
  addCookieFinding(
    context,
    'cookie-samesite-none-insecure',
    first,
    judgedFor(first),
    (j) => j.rejected,
    (named) => `SameSite=None without Secure, so the cookie is rejected: ${named}`,
  );
  const apiSite = siteOf(context.url);
  const grant = grants.find((exchange) => siteOf(exchange.request.headers.origin ?? '') !== apiSite);
  if (grant === undefined) {
    noteSameSite(context, grants, cookies);
    return;
  }
  const origin = grant.request.headers.origin ?? '';
  const judged = judgedFor(grant);
  addCookieFinding(
    context,
    'cookie-not-sent-cross-site',
    grant,
    judged,
    (j) => j.notSent,
    (named) => `Cookies the API sets never go with ${origin}'s requests: ${named}`,
  );
  addCookieFinding(
    context,
    'cookie-third-party-withheld',
    grant,
    judged,
    (j) => j.thirdParty,
    (named) => `Third-party cookie rules keep cookies the API sets from ${origin}'s requests: ${named}`,
  );
}
