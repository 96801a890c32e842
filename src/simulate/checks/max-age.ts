import type { ModelRules } from '../engines/model.ts';

/** https://fetch.spec.whatwg.org/#cors-preflight-fetch and Chromium: without a usable Access-Control-Max-Age, 5 seconds. */
export const DEFAULT_MAX_AGE_SECONDS = 5;

/**
 * Seconds a preflight result may be cached. Chromium (preflight_result.cc) reads the value as a
 * signed 64-bit integer (`+10` is 10, negative means 0, anything else the default) and caps it at
 * 2 hours; the standard wants delta-seconds (digits only) and sets no cap.
 */
export function parseMaxAge(value: string | null, model: ModelRules): number {
  if (value === null) return DEFAULT_MAX_AGE_SECONDS;
  const pattern = model.signedMaxAge ? /^[+-]?[0-9]+$/ : /^[0-9]+$/;
  if (!pattern.test(value)) return model.invalidMaxAge === 'none' ? 0 : DEFAULT_MAX_AGE_SECONDS;
  const seconds = Number(value);
  if (model.signedMaxAge && Math.abs(seconds) > Number.MAX_SAFE_INTEGER) return DEFAULT_MAX_AGE_SECONDS;
  if (seconds <= 0) return 0;
  return Math.min(seconds, model.maxAgeCap);
}
