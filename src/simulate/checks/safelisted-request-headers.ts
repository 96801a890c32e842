import { mimeEssence } from './mime-type.ts';
import type { ModelRules } from '../engines/model.ts';

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header: a safelisted header's value may be at most 128 bytes. */
export const MAX_SAFELISTED_VALUE_BYTES = 128;
/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names: safelisted values may add up to 1024 bytes. */
export const MAX_SAFELISTED_TOTAL_BYTES = 1024;

const SAFELISTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
export function isCorsUnsafeByte(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || code === 0x7f || '"():<>?@[\\]{}'.includes(String.fromCharCode(code));
}

function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (isCorsUnsafeByte(value.charCodeAt(i))) return true;
  return false;
}

const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/;
const INTEGER = /^[0-9]+$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const EFFECTIVE_CONNECTION_TYPES = new Set(['slow-2g', '2g', '3g', '4g']);

type ValueRule = (value: string, model: ModelRules) => boolean;

const STANDARD_RULES: ReadonlyMap<string, ValueRule> = new Map(
  Object.entries({
    accept: (value) => !hasUnsafeByte(value),
    'accept-language': (value) => LANGUAGE_VALUE.test(value),
    'content-language': (value) => LANGUAGE_VALUE.test(value),
    'content-type': (value) => {
      if (hasUnsafeByte(value)) return false;
      const essence = mimeEssence(value);
      return essence !== undefined && SAFELISTED_CONTENT_TYPES.has(essence);
    },
    range: (value, model) => isSimpleRange(model.caselessRangeUnit ? value.replace(/^bytes=/i, 'bytes=') : value),
  } satisfies Record<string, ValueRule>),
);

/** Chromium's extra safelist (services/network/public/cpp/cors/cors.cc): client hints and friends. */
const CHROMIUM_RULES: ReadonlyMap<string, ValueRule> = new Map(
  Object.entries({
    intervention: () => true,
    'device-memory': (value) => DECIMAL.test(value),
    dpr: (value) => DECIMAL.test(value),
    downlink: (value) => DECIMAL.test(value),
    width: (value) => INTEGER.test(value),
    'viewport-width': (value) => INTEGER.test(value),
    rtt: (value) => INTEGER.test(value),
    ect: (value) => EFFECTIVE_CONNECTION_TYPES.has(value),
    'save-data': (value) => value.toLowerCase() === 'on',
  } satisfies Record<string, ValueRule>),
);

/**
 * https://fetch.spec.whatwg.org/#simple-range-header-value, as safelisted: `bytes=START-` or `bytes=START-END`
 * with START <= END, no whitespace, one range only, `bytes` in lower case (Chromium 156 agrees).
 */
export function isSimpleRange(value: string): boolean {
  const match = /^bytes=([0-9]+)-([0-9]*)$/.exec(value);
  if (!match) return false;
  const start = match[1] ?? '';
  const end = match[2] ?? '';
  return end === '' || compareDigits(start, end) <= 0;
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=.)/, '');
  const y = b.replace(/^0+(?=.)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header, ignoring the 1024-byte total. */
export function isSafelistedRequestHeader(name: string, value: string, model: ModelRules): boolean {
  if (value.length > MAX_SAFELISTED_VALUE_BYTES) return false;
  const lower = name.toLowerCase();
  const rule = STANDARD_RULES.get(lower) ?? (model.clientHintHeaders ? CHROMIUM_RULES.get(lower) : undefined);
  return rule?.(value, model) === true;
}
