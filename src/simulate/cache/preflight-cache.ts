import { modelRules, type BrowserModel } from '../engines/model.ts';
import { StandardEntryStore } from './standard-entry-store.ts';
import { UrlRecordStore } from './url-record-store.ts';
import type { PreflightResult } from '../checks/preflight-check.ts';
import type { CacheLookup, PreflightStore } from './store.ts';

export interface PreflightCacheOptions {
  /** Whose cache to imitate (see ModelRules.preflightCache). Default 'chromium'. */
  readonly model?: BrowserModel;
  /** Clock in milliseconds; inject one to test expiry. Default: Date.now. */
  readonly now?: () => number;
}

/** A browser's CORS-preflight cache; keep one across simulateFetch calls to model a page session. */
export class PreflightCache {
  readonly model: BrowserModel;
  private readonly now: () => number;
  private readonly maxAgeCap: number;
  private readonly engineStore: PreflightStore;

  constructor(options: PreflightCacheOptions = {}) {
    this.model = options.model ?? 'chromium';
    this.now = options.now ?? Date.now;
    const rules = modelRules(this.model);
    this.maxAgeCap = rules.maxAgeCap;
    this.engineStore =
      rules.preflightCache === 'url-record'
        ? new UrlRecordStore(
            rules.cachedWildcardCoversAuthorization,
            rules.cachesRefusedPreflights,
            rules.dropsRecordOnMiss,
          )
        : new StandardEntryStore(rules);
  }

  /** True when a cached preflight covers this request, so none is sent. */
  covers(lookup: CacheLookup): boolean {
    return this.engineStore.covers(cacheKey(lookup.origin, lookup.url), lookup, this.now());
  }

  /** Record a successful preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch, the steps after the checks). */
  store(origin: string, url: string, result: PreflightResult): void {
    const expires = this.now() + Math.min(result.maxAgeSeconds, this.maxAgeCap) * 1000;
    this.engineStore.store(cacheKey(origin, url), result, expires);
  }

  /** Drop what is cached for an origin and URL (ModelRules.forgetsPreflightOnFailure, forgetsPreflightOnPreflightFailure). */
  forget(origin: string, url: string): void {
    this.engineStore.forget(cacheKey(origin, url));
  }

  clear(): void {
    this.engineStore.clear();
  }
}

function cacheKey(origin: string, url: string): string {
  return `${origin} ${url}`;
}
