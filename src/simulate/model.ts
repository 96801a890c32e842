/**
 * Which browser the simulator imitates. `chromium` (the default) follows Chromium's network
 * service where it departs from the Fetch standard; `fetch` follows the standard's text.
 */
export type BrowserModel = 'chromium' | 'fetch';

export interface ModelRules {
  readonly name: BrowserModel;
  /** Chromium safelists Save-Data, DPR, Width, RTT, ECT… request headers (client hints). */
  readonly clientHintHeaders: boolean;
  /** Chromium parses Content-Type leniently: whitespace around '/' is trimmed, parameters are not parsed. */
  readonly lenientContentType: boolean;
  /** Chromium lower-cases a Range value before parsing it, so `Bytes=0-1` is safelisted. */
  readonly caseInsensitiveRangeUnit: boolean;
  /** Chromium keeps the valid names of an Access-Control-Expose-Headers list with a bad item; Fetch drops all. */
  readonly lenientExposeHeaders: boolean;
  /** Chromium reads Access-Control-Max-Age with an optional sign (negative = 0); Fetch wants digits only. */
  readonly signedMaxAge: boolean;
  /** Longest a preflight may be cached, in seconds (Chromium: 2 h; the standard sets no cap). */
  readonly maxAgeCap: number;
}

export const MODELS: Readonly<Record<BrowserModel, ModelRules>> = {
  chromium: {
    name: 'chromium',
    clientHintHeaders: true,
    lenientContentType: true,
    caseInsensitiveRangeUnit: true,
    lenientExposeHeaders: true,
    signedMaxAge: true,
    maxAgeCap: 7200,
  },
  fetch: {
    name: 'fetch',
    clientHintHeaders: false,
    lenientContentType: false,
    caseInsensitiveRangeUnit: false,
    lenientExposeHeaders: false,
    signedMaxAge: false,
    maxAgeCap: Number.POSITIVE_INFINITY,
  },
};

export function modelRules(model: BrowserModel | undefined): ModelRules {
  return MODELS[model ?? 'chromium'];
}
