import type { PreflightResult } from '../checks/preflight-check.ts';

/** The request a cache lookup is for. */
export interface CacheLookup {
  readonly origin: string;
  readonly url: string;
  readonly method: string;
  readonly unsafeHeaders: readonly string[];
  /** The request's credentials mode is 'include'. */
  readonly credentials: boolean;
}

/** How one engine keeps preflight results, keyed by origin + URL. */
export interface PreflightStore {
  covers(key: string, lookup: CacheLookup, now: number): boolean;
  store(key: string, result: PreflightResult, expires: number): void;
  forget(key: string): void;
  clear(): void;
}
