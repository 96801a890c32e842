import type { FailureContext } from './failure.ts';
import type { FixOptions } from './fix-options.ts';

/** What to change so the browser allows the request. */
export interface Fix {
  /** Who has to change something: the server (its CORS configuration or its certificate), or the calling code. */
  readonly side: 'server' | 'client';
  readonly text: string;
  /** The corsguard options that make the server answer correctly, e.g. `{ allowedHeaders: ['x-api-key'] }`. */
  readonly options?: FixOptions;
}

/** One reason's fix, computed from the failure and where the fetch stood. */
export type FixRule = (context: FailureContext) => Fix;

/** A rule whose fix does not depend on the failure's details (a fresh copy each time, as callers own it). */
export function always(fix: Fix): FixRule {
  return () => structuredClone(fix);
}

/** `s` when more than one name is listed. */
export function plural(names: readonly string[]): string {
  return names.length > 1 ? 's' : '';
}

/** The note added when a list held '*', which is a literal name for credentialed requests. */
export function wildcardNote(context: FailureContext, note: string): string {
  return context.wildcardListed && context.credentials ? ` ${note}` : '';
}
