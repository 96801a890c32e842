// What a browser engine provides to the conformance suites, and the engines there are. Everything
// else (page servers, API servers, the in-page probe script, the suites) is engine-neutral, so a
// new engine is one BrowserDriver implementation and one ENGINES entry.
import { chromiumUnavailable } from '../../support/chromium.ts';
import { openChromiumDriver } from './playwright-driver.ts';
import type { FormSubmission, ProbeRequest, ProbeResult } from './probe.ts';

export type EngineName = 'chromium';

export interface BrowserDriver {
  readonly engine: EngineName;
  /**
   * A new page showing `url`, which must load the probe script (probe.ts); with `childFrame`, the
   * returned page works in the page's first iframe instead (e.g. a sandboxed one).
   */
  open(url: string, options?: { readonly childFrame?: boolean }): Promise<DriverPage>;
  /** A top-level navigation to `url` in a page closed afterwards (so it sets first-party cookies). */
  visit(url: string): Promise<void>;
  /** The cookies the browser holds that it would send to `url`. */
  cookies(url: string): Promise<ReadonlyArray<{ readonly name: string; readonly value: string }>>;
  close(): Promise<void>;
}

export interface DriverPage {
  /** Runs sequences of fetches in the page: each sequence in order, sequences side by side. */
  fetch(sequences: ReadonlyArray<readonly ProbeRequest[]>): Promise<ProbeResult[][]>;
  /** Submits every form at once, each into an iframe of its own; the status of each navigation, by form target. */
  submitForms(forms: readonly FormSubmission[]): Promise<ReadonlyMap<string, number>>;
  close(): Promise<void>;
}

export interface Engine {
  /** Why the engine cannot run here (the suite is skipped), or undefined; throws under CI=true. */
  unavailable(): string | undefined;
  open(): Promise<BrowserDriver>;
}

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  chromium: { unavailable: chromiumUnavailable, open: openChromiumDriver },
};
