import { isSafelistedMethod } from './methods.ts';
import { modelRules, type BrowserModel } from './model.ts';
import { preflightDenial, type PreflightResult } from './preflight-check.ts';

export interface PreflightCacheOptions {
  /**
   * `chromium` (default): one record per origin + URL, replaced by each successful preflight
   * (services/network/cors/preflight_cache.cc). `fetch`: the standard's per-method and
   * per-header entries (Fetch §4.11), merged across preflights, each with its own expiry.
   */
  readonly model?: BrowserModel;
  /** Clock in milliseconds; inject one to test expiry. Default: Date.now. */
  readonly now?: () => number;
}

export interface CacheLookup {
  readonly origin: string;
  readonly url: string;
  readonly method: string;
  readonly unsafeHeaders: readonly string[];
  /** The request's credentials mode is 'include'. */
  readonly credentials: boolean;
}

interface Record {
  readonly result: PreflightResult;
  readonly expires: number;
}

interface Entry {
  readonly credentials: boolean;
  readonly method?: string;
  readonly header?: string;
  expires: number;
}

/** A browser's CORS-preflight cache; keep one across simulateFetch calls to model a page session. */
export class PreflightCache {
  readonly model: BrowserModel;
  private readonly now: () => number;
  private readonly records = new Map<string, Record>();
  private readonly entries = new Map<string, Entry[]>();

  constructor(options: PreflightCacheOptions = {}) {
    this.model = options.model ?? 'chromium';
    this.now = options.now ?? Date.now;
  }

  /** True when a cached preflight covers this request, so none is sent. */
  covers(lookup: CacheLookup): boolean {
    const key = cacheKey(lookup.origin, lookup.url);
    const now = this.now();
    if (this.model === 'chromium') {
      const record = this.records.get(key);
      if (!record) return false;
      if (record.expires <= now) {
        this.records.delete(key);
        return false;
      }
      // A record made for a request without credentials never serves a credentialed one.
      if (lookup.credentials && !record.result.credentials) return false;
      // Chromium's cache lookup never lets '*' cover Authorization, though its preflight check does
      // (differential case: POST + Authorization, preflight `Access-Control-Allow-Headers: *`,
      // max-age 600, fetched twice → two preflights).
      return preflightDenial(record.result, lookup.method, lookup.unsafeHeaders, { wildcardCoversAuthorization: false }) === undefined;
    }
    const live = (this.entries.get(key) ?? []).filter((entry) => entry.expires > now);
    this.entries.set(key, live);
    // Fetch §4.11 "cache entry match": credentialed entries serve both modes, others only non-credentialed.
    const usable = live.filter((entry) => entry.credentials || !lookup.credentials);
    const matches = (pick: (entry: Entry) => string | undefined, name: string, caseless: boolean): boolean =>
      usable.some((entry) => {
        const value = pick(entry);
        if (value === undefined) return false;
        if (caseless ? value.toLowerCase() === name.toLowerCase() : value === name) return true;
        return value === '*' && !lookup.credentials && name.toLowerCase() !== 'authorization';
      });
    if (!isSafelistedMethod(lookup.method) && !matches((entry) => entry.method, lookup.method, false)) return false;
    return lookup.unsafeHeaders.every((name) => matches((entry) => entry.header, name, true));
  }

  /** Record a successful preflight (Fetch §4.8 step 7.9–7.11). */
  store(origin: string, url: string, result: PreflightResult): void {
    const key = cacheKey(origin, url);
    const rules = modelRules(this.model);
    const expires = this.now() + Math.min(result.maxAgeSeconds, rules.maxAgeCap) * 1000;
    if (this.model === 'chromium') {
      this.records.set(key, { result, expires });
      return;
    }
    const entries = this.entries.get(key) ?? [];
    const upsert = (fields: { method?: string; header?: string }): void => {
      const existing = entries.find(
        (entry) => entry.credentials === result.credentials && entry.method === fields.method && entry.header === fields.header,
      );
      if (existing) existing.expires = expires;
      else entries.push({ credentials: result.credentials, ...fields, expires });
    };
    for (const method of result.methods) upsert({ method });
    for (const header of result.headers) upsert({ header });
    this.entries.set(key, entries);
  }

  clear(): void {
    this.records.clear();
    this.entries.clear();
  }
}

function cacheKey(origin: string, url: string): string {
  return `${origin} ${url}`;
}
