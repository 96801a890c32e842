import { isSafelistedMethod } from './methods.ts';
import type { ModelRules } from '../engines/model.ts';
import { accessControlRequestHeaders, corsUnsafeHeaderNames, type HeaderList } from './request-headers.ts';

export interface PreflightNeed {
  /** True when the method is not safelisted or a header is CORS-unsafe (https://fetch.spec.whatwg.org/#main-fetch). */
  readonly needed: boolean;
  /** Why: the method, the unsafe header names, or both. */
  readonly methodUnsafe: boolean;
  readonly unsafeHeaders: readonly string[];
  /** The `Access-Control-Request-Headers` value the preflight carries, if any. */
  readonly requestHeaders: string | undefined;
}

/** `dropped`: headers a redirect removed that the preflight still asks for (see ModelRules.preflightListsDroppedHeaders). */
export function preflightNeed(
  method: string,
  headers: HeaderList,
  model: ModelRules,
  dropped: HeaderList = [],
): PreflightNeed {
  const unsafeHeaders = corsUnsafeHeaderNames(dropped.length ? [...headers, ...dropped] : headers, model);
  const methodUnsafe = !isSafelistedMethod(method);
  return {
    needed: methodUnsafe || unsafeHeaders.length > 0,
    methodUnsafe,
    unsafeHeaders,
    requestHeaders: accessControlRequestHeaders(unsafeHeaders),
  };
}
