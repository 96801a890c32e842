import { fixFor } from './reasons/fixes.ts';
import type { Failure, FailureContext, PreflightAsked } from './reasons/failure.ts';
import type { ModelRules } from './engines/model.ts';
import type { PreflightCache } from './cache/preflight-cache.ts';
import { consoleMessage } from './reasons/console-message.ts';
import type { HeaderList } from './checks/request-headers.ts';
import type { CookieJar } from './cookies/jar.ts';
import type {
  CredentialsMode,
  PreflightSummary,
  RequestCacheMode,
  SimulationStep,
  SimulationVerdict,
  Transport,
} from './types.ts';

/** One simulated fetch as it runs: what the page asked for, and what the browser has done so far. */
export interface FetchRun {
  readonly model: ModelRules;
  readonly cache: PreflightCache;
  readonly transport: Transport;
  /** The page's origin, serialised (or as given while it is not yet validated). */
  readonly pageOrigin: string;
  readonly credentialsMode: CredentialsMode;
  /** The request's cache mode (only 'no-store' changes anything: ModelRules.noStoreSkipsPreflightCache). */
  readonly cacheMode: RequestCacheMode;
  /** The credentials mode is 'include'. */
  readonly credentials: boolean;
  readonly readHeaders: readonly string[];
  readonly steps: SimulationStep[];
  readonly warnings: string[];
  /** The page's cookies for the API, when the request named them. */
  readonly cookies?: CookieJar;
  /** The last preflight the request needed, and what it asked for. */
  preflight?: PreflightSummary;
  preflightAsked?: PreflightAsked;
}

/** The request at one hop of the redirect chain (https://fetch.spec.whatwg.org/#http-redirect-fetch changes it). */
export interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: HeaderList;
  /** A redirect made the origin opaque: the browser sends `Origin: null`. */
  readonly tainted: boolean;
  /** The response tainting is 'cors': this hop or an earlier one is cross-origin to the page. */
  readonly cors: boolean;
  readonly redirects: number;
  /** The URL first requested, once a redirect was followed. */
  readonly redirectedFrom?: string;
  /** Headers a redirect dropped that a preflight still asks for (ModelRules.preflightListsDroppedHeaders). */
  readonly droppedHeaders?: HeaderList;
}

/** The exchange a step is about. */
export type StepDetail = Pick<SimulationStep, 'request' | 'response'>;

/** Where the fetch stood when it failed. */
export type FailurePosition = Pick<FailureContext, 'url' | 'method' | 'tainted' | 'redirectedFrom'>;

export function positionOf(hop: Hop): FailurePosition {
  return { url: hop.url.href, method: hop.method, tainted: hop.tainted, redirectedFrom: hop.redirectedFrom };
}

/** The refusal verdict for a failure: the failing step, the console message and the fix. */
export function failedVerdict(
  run: FetchRun,
  position: FailurePosition,
  failure: Failure,
  detail?: StepDetail,
): SimulationVerdict {
  const context: FailureContext = {
    ...failure,
    ...position,
    pageOrigin: run.pageOrigin,
    credentials: run.credentials,
    preflightAsked: run.preflightAsked,
  };
  const message = consoleMessage(context);
  run.steps.push({ kind: failure.stage, ok: false, summary: message, ...detail });
  return {
    allowed: false,
    preflight: run.preflight,
    steps: run.steps,
    warnings: run.warnings,
    reason: failure.reason,
    stage: failure.stage,
    message,
    fix: fixFor(context),
    ...(failure.errorCode ? { errorCode: failure.errorCode } : {}),
    exposedHeaders: [],
  };
}
