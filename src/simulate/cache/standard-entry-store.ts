import type { ModelRules } from '../engines/model.ts';
import type { CacheLookup, PreflightStore } from './store.ts';
import type { PreflightResult } from '../checks/preflight-check.ts';

interface CacheEntry {
  readonly credentials: boolean;
  readonly method?: string;
  readonly header?: string;
  expires: number;
}

/**
 * The standard's cache (https://fetch.spec.whatwg.org/#cors-preflight-cache): an entry per allowed
 * method and per allowed header name, merged across preflights, each with its own expiry.
 */
export class StandardEntryStore implements PreflightStore {
  private readonly entries = new Map<string, CacheEntry[]>();

  constructor(
    private readonly rules: Pick<
      ModelRules,
      | 'cachedWildcardCoversMethods'
      | 'cachedWildcardCoversHeaders'
      | 'cacheCoversMethodsWithoutEntry'
      | 'preflightCacheKeyedByCredentials'
    >,
  ) {}

  covers(key: string, lookup: CacheLookup, now: number): boolean {
    const live = (this.entries.get(key) ?? []).filter((entry) => entry.expires > now);
    this.entries.set(key, live);
    // "cache entry match": credentialed entries serve both modes, others only non-credentialed (ModelRules.preflightCacheKeyedByCredentials: only their own).
    const usable = live.filter((entry) =>
      this.rules.preflightCacheKeyedByCredentials
        ? entry.credentials === lookup.credentials
        : entry.credentials || !lookup.credentials,
    );
    // Nothing cached for this URL covers nothing (not even a preflight that asks for nothing unsafe: ModelRules.preflightsEveryHopAfterPreflight).
    if (usable.length === 0) return false;
    const matches = (
      pick: (entry: CacheEntry) => string | undefined,
      name: string,
      caseless: boolean,
      wildcard: boolean,
    ): boolean =>
      usable.some((entry) => {
        const value = pick(entry);
        if (value === undefined) return false;
        if (caseless ? value.toLowerCase() === name.toLowerCase() : value === name) return true;
        return wildcard && value === '*' && !lookup.credentials && name.toLowerCase() !== 'authorization';
      });
    const { cachedWildcardCoversMethods, cachedWildcardCoversHeaders, cacheCoversMethodsWithoutEntry } = this.rules;
    if (
      !cacheCoversMethodsWithoutEntry.includes(lookup.method) &&
      !matches((entry) => entry.method, lookup.method, false, cachedWildcardCoversMethods)
    )
      return false;
    return lookup.unsafeHeaders.every((name) =>
      matches((entry) => entry.header, name, true, cachedWildcardCoversHeaders),
    );
  }

  store(key: string, result: PreflightResult, expires: number): void {
    const entries = this.entries.get(key) ?? [];
    const upsert = (fields: { method?: string; header?: string }): void => {
      const existing = entries.find(
        (entry) =>
          entry.credentials === result.credentials && entry.method === fields.method && entry.header === fields.header,
      );
      if (existing) existing.expires = expires;
      else entries.push({ credentials: result.credentials, ...fields, expires });
    };
    for (const method of result.methods) upsert({ method });
    for (const header of result.headers) upsert({ header });
    this.entries.set(key, entries);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
