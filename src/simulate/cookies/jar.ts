// The cookies of one simulated fetch: those the page's browser holds for the API when it starts,
// those each answer's Set-Cookie adds, and, for every exchange, which go with it and why not.
import type { CookieRules } from '../engines/cookie-rules.ts';
import { cookieFix, cookieMessage, type Wording } from './messages.ts';
import { sendDecision, storeDecision, type Decision, type HeldCookie, type StoreContext } from './policy.ts';
import { parseSetCookie } from './set-cookie.ts';
import { siteOf } from './site.ts';
import type { CookieExchange, CookieReport, CookieStorage, CookieWithheld, SimulatedCookie } from './types.ts';

export interface JarRequest {
  readonly url: string;
  /** The page's origin, or 'null'. */
  readonly origin: string;
  readonly cookies: readonly SimulatedCookie[];
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** A Set-Cookie without Path gets its URL's directory (https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-paths-and-path-match). */
function defaultPath(url: URL): string {
  const cut = url.pathname.lastIndexOf('/');
  return cut <= 0 ? '/' : url.pathname.slice(0, cut);
}

export class CookieJar {
  private readonly jar: HeldCookie[] = [];
  private readonly held: CookieStorage[] = [];
  private readonly unstored: CookieWithheld[] = [];
  private readonly exchanges: CookieExchange[] = [];
  private readonly set: CookieStorage[] = [];
  private readonly topLevel: string | undefined;
  private readonly pageHost: string | undefined;
  private readonly wording: Wording;

  constructor(
    private readonly rules: CookieRules,
    engine: string,
    request: JarRequest,
  ) {
    this.wording = { engine, rules };
    this.topLevel = request.origin === 'null' ? undefined : siteOf(request.origin);
    this.pageHost = request.origin === 'null' ? undefined : hostOf(request.origin);
    for (const cookie of request.cookies) {
      const visit = (cookie.setBy ?? 'visit') === 'visit';
      const setFrom = cookie.setFrom ?? request.origin;
      let url: URL;
      try {
        url = new URL(cookie.setOn ?? request.url);
      } catch {
        continue;
      }
      const context: StoreContext = {
        url,
        topLevel: visit ? siteOf(url.href) : setFrom === 'null' ? undefined : siteOf(setFrom),
        pageHost: visit ? url.hostname : hostOf(setFrom),
        credentials: true,
        visit,
      };
      const storage = this.store(cookie, context);
      this.held.push(storage);
      if (!storage.stored)
        this.unstored.push({
          name: cookie.name,
          reason: 'not-stored',
          message: cookieMessage('not-stored', cookie, false, this.wording),
        });
    }
  }

  private storage(cookie: SimulatedCookie, decision: Decision): CookieStorage {
    const reason = decision.reason;
    const fix = reason === undefined ? undefined : cookieFix(reason, this.wording);
    return {
      name: cookie.name,
      stored: decision.ok,
      ...(decision.partition ? { partition: decision.partition } : {}),
      ...(reason ? { reason } : {}),
      message: reason
        ? cookieMessage(reason, cookie, true, this.wording)
        : `${this.wording.engine} stores ${cookie.name}${decision.partition ? ` for pages of ${decision.partition}` : ''}.`,
      ...(fix ? { fix } : {}),
    };
  }

  private store(cookie: SimulatedCookie, context: StoreContext): CookieStorage {
    const decision = storeDecision(cookie, context, this.rules);
    if (decision.ok) {
      const entry: HeldCookie = {
        cookie,
        host: context.url.hostname,
        ...(decision.partition ? { partition: decision.partition } : {}),
      };
      const same = (other: HeldCookie) =>
        other.cookie.name === cookie.name &&
        other.host === entry.host &&
        other.cookie.domain === cookie.domain &&
        (other.cookie.path ?? '/') === (cookie.path ?? '/') &&
        other.partition === entry.partition;
      const index = this.jar.findIndex(same);
      if (index === -1) this.jar.push(entry);
      else this.jar[index] = entry;
    }
    return this.storage(cookie, decision);
  }

  /** A preflight goes out: no cookie with it. */
  preflight(method: string, url: string): void {
    const withheld = this.jar.map(({ cookie }) => ({
      name: cookie.name,
      reason: 'preflight' as const,
      message: cookieMessage('preflight', cookie, false, this.wording),
    }));
    this.exchanges.push({ kind: 'preflight', method, url, sent: [], withheld });
  }

  /** A request goes out: the Cookie header it carries (undefined when none). */
  request(method: string, url: URL, credentials: boolean): string | undefined {
    const sent: HeldCookie[] = [];
    const withheld: CookieWithheld[] = [...this.unstored];
    for (const held of this.jar) {
      const decision = sendDecision(held, { url, topLevel: this.topLevel, credentials }, this.rules);
      if (decision.ok) sent.push(held);
      else {
        const fix = cookieFix(decision.reason!, this.wording);
        withheld.push({
          name: held.cookie.name,
          reason: decision.reason!,
          message: cookieMessage(decision.reason!, held.cookie, false, this.wording),
          ...(fix ? { fix } : {}),
        });
      }
    }
    this.exchanges.push({
      kind: 'request',
      method,
      url: url.href,
      sent: sent.map((held) => held.cookie.name),
      withheld,
    });
    return sent.length ? sent.map(({ cookie }) => `${cookie.name}=${cookie.value ?? ''}`).join('; ') : undefined;
  }

  /**
   * The answer to a request arrived: each Set-Cookie is stored or not, whatever the CORS check of
   * the answer will say (measured: Chromium and Firefox keep cookies from an answer script may not read).
   */
  response(url: URL, headers: Headers, credentials: boolean): void {
    const lines =
      typeof headers.getSetCookie === 'function'
        ? headers.getSetCookie()
        : [headers.get('set-cookie')].filter((line): line is string => line !== null);
    for (const line of lines) {
      const parsed = parseSetCookie(line);
      if (parsed === undefined) continue;
      const cookie = { ...parsed, path: parsed.path ?? defaultPath(url) };
      this.set.push({
        ...this.store(cookie, { url, topLevel: this.topLevel, pageHost: this.pageHost, credentials, visit: false }),
        line,
        url: url.href,
      });
    }
  }

  report(): CookieReport {
    return { held: this.held, exchanges: this.exchanges, set: this.set };
  }
}
