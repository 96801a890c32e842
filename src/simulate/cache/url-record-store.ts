import type { CacheLookup, PreflightStore } from './store.ts';
import { preflightDenial, type PreflightResult } from '../checks/preflight-check.ts';

interface CachedPreflight {
  readonly result: PreflightResult;
  readonly expires: number;
}

/** Chromium's and WebKit's cache: one record per origin + URL, replaced by each successful preflight. */
export class UrlRecordStore implements PreflightStore {
  private readonly records = new Map<string, CachedPreflight>();

  /**
   * `wildcardCoversAuthorization`: whether a cached '*' serves Authorization (ModelRules.cachedWildcardCoversAuthorization);
   * `wildcardByRequest`: a cached '*' is a wildcard for any later request without credentials (ModelRules.cachesRefusedPreflights);
   * `dropOnMiss`: a lookup the record does not cover removes it (ModelRules.dropsRecordOnMiss).
   */
  constructor(
    private readonly wildcardCoversAuthorization: boolean,
    private readonly wildcardByRequest: boolean,
    private readonly dropOnMiss: boolean,
  ) {}

  covers(key: string, lookup: CacheLookup, now: number): boolean {
    const record = this.records.get(key);
    if (!record) return false;
    if (record.expires <= now) {
      this.records.delete(key);
      return false;
    }
    if (this.serves(record.result, lookup)) return true;
    if (this.dropOnMiss) this.records.delete(key);
    return false;
  }

  private serves(cached: PreflightResult, lookup: CacheLookup): boolean {
    // A record made for a request without credentials never serves a credentialed one.
    if (lookup.credentials && !cached.credentials) return false;
    const result = this.wildcardByRequest ? { ...cached, credentials: lookup.credentials } : cached;
    return (
      preflightDenial(result, lookup.method, lookup.unsafeHeaders, {
        wildcardCoversAuthorization: this.wildcardCoversAuthorization,
      }) === undefined
    );
  }

  store(key: string, result: PreflightResult, expires: number): void {
    this.records.set(key, { result, expires });
  }

  forget(key: string): void {
    this.records.delete(key);
  }

  clear(): void {
    this.records.clear();
  }
}
