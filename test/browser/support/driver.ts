// What a browser engine provides to the conformance suites, and the engines there are. Everything
// else (page servers, API servers, the in-page probe script, the suites) is engine-neutral, so a
// new engine is one BrowserDriver implementation and one ENGINES entry.
import { chromiumUnavailable } from '../../support/chromium.ts';
import { firefoxUnavailable } from '../../support/firefox.ts';
import { webkitUnavailable } from '../../support/webkit.ts';
import { openFirefoxDriver } from './firefox-driver.ts';
import { openChromiumDriver } from './playwright-driver.ts';
import type { FormSubmission, ProbeRequest, ProbeResult } from './probe.ts';
import { openWebKitDriver } from './webkit-driver.ts';

export type EngineName = 'chromium' | 'firefox' | 'webkit';
export const ENGINE_NAMES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

export interface BrowserDriver {
  readonly engine: EngineName;
  /** The engine's version as the browser reports it. */
  readonly version: string;
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
  /** Evaluates a JavaScript expression in the page (a promise is awaited); its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Runs sequences of fetches in the page: each sequence in order, sequences side by side. */
  fetch(sequences: ReadonlyArray<readonly ProbeRequest[]>): Promise<ProbeResult[][]>;
  /**
   * Submits every form at once, each into an iframe of its own, and returns: what the navigations
   * got is read from the server's log (no engine lets script see it). Keep the page open until then.
   */
  submitForms(forms: readonly FormSubmission[]): Promise<void>;
  close(): Promise<void>;
}

export interface Engine {
  /** Why the engine cannot run here (the suite is skipped), or undefined; throws under CI=true. */
  unavailable(): string | undefined;
  open(): Promise<BrowserDriver>;
}

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  chromium: { unavailable: chromiumUnavailable, open: openChromiumDriver },
  firefox: { unavailable: firefoxUnavailable, open: openFirefoxDriver },
  webkit: { unavailable: webkitUnavailable, open: openWebKitDriver },
};
