import type { FailureStage, SimulationReason } from './codes.ts';

/** What a failed preflight asked for: a non-safelisted method and the unsafe header names. */
export interface PreflightAsked {
  readonly method?: string;
  readonly headers: readonly string[];
}

/** Why and where a simulated fetch stopped, as the step that found it reports it. */
export interface Failure {
  readonly reason: SimulationReason;
  readonly stage: FailureStage;
  /** The header value, status, location or error text the browser rejected. */
  readonly value?: string;
  /** Header names (or the method) the reason is about. */
  readonly names?: readonly string[];
  /** The list the failure is about held '*' (a literal name for credentialed requests). */
  readonly wildcardListed?: boolean;
  /** The transport error's code (Node's `error.code`) for network and TLS errors. */
  readonly errorCode?: string;
}

/**
 * Everything the console message and the fix need about a failure: the failure itself and where
 * the fetch stood when it happened.
 */
export interface FailureContext extends Failure {
  /** The URL being fetched when the failure happened (after any redirects). */
  readonly url: string;
  /** The page's origin, serialised (or as given, when it is not an origin). */
  readonly pageOrigin: string;
  /** A cross-origin redirect made the browser send `Origin: null`. */
  readonly tainted: boolean;
  readonly method: string;
  /** The request's credentials mode is 'include'. */
  readonly credentials: boolean;
  /** The URL first requested, when `url` was reached through redirects. */
  readonly redirectedFrom?: string;
  readonly preflightAsked?: PreflightAsked;
}

/** The origin the browser sends: 'null' once a redirect tainted it. */
export function sentOrigin(context: Pick<FailureContext, 'pageOrigin' | 'tainted'>): string {
  return context.tainted ? 'null' : context.pageOrigin;
}
