import type { CacheLookup, PreflightStore } from './preflight-cache.ts';
import { preflightDenial, type PreflightResult } from './preflight-check.ts';

interface CachedPreflight {
  readonly result: PreflightResult;
  readonly expires: number;
}

/** Chromium's cache: one record per origin + URL, replaced by each successful preflight. */
export class UrlRecordStore implements PreflightStore {
  private readonly records = new Map<string, CachedPreflight>();

  covers(key: string, lookup: CacheLookup, now: number): boolean {
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

  store(key: string, result: PreflightResult, expires: number): void {
    this.records.set(key, { result, expires });
  }

  clear(): void {
    this.records.clear();
  }
}
