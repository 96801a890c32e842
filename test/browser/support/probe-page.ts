// A DriverPage from an engine's `evaluate`: the probe script (probe.ts) does the work in the page.
import type { DriverPage } from './driver.ts';
import type { ProbeResult } from './probe.ts';

/** Sequences the probe runs at once in one page (Chromium drops some of ~1,000 concurrent fetches). */
export const PROBE_CONCURRENCY = 32;

/** The probe's functions over a page's `evaluate`. */
export function probePage(evaluate: <T>(expression: string) => Promise<T>, close: () => Promise<void>): DriverPage {
  return {
    evaluate,
    async fetch(sequences) {
      if (sequences.length === 0) return [];
      return evaluate<ProbeResult[][]>(`window.corsProbe(${JSON.stringify(sequences)}, ${PROBE_CONCURRENCY})`);
    },
    async submitForms(forms) {
      if (forms.length > 0) await evaluate<null>(`window.submitForms(${JSON.stringify(forms)})`);
    },
    close,
  };
}

/** Polled until the probe script has loaded. */
export const PROBE_READY = "typeof window.corsProbe === 'function'";
