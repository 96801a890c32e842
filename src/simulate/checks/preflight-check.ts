import { corsCheck, type CorsCheckFailure } from './cors-check.ts';
import { parseTokenList } from './header-lists.ts';
import { parseMaxAge } from './max-age.ts';
import { isSafelistedMethod } from './methods.ts';
import type { ModelRules } from '../engines/model.ts';

/** What a successful preflight allows: the parsed lists, as the cache stores them. */
export interface PreflightResult {
  /** Access-Control-Allow-Methods items, case kept (methods compare case-sensitively). */
  readonly methods: ReadonlySet<string>;
  /** Access-Control-Allow-Headers items, lower case. */
  readonly headers: ReadonlySet<string>;
  /** The preflight was for a credentialed request: '*' is then a literal name, not a wildcard. */
  readonly credentials: boolean;
  readonly maxAgeSeconds: number;
}

export interface PreflightCheckInput {
  readonly status: number;
  readonly headers: Headers;
  readonly origin: string;
  readonly credentials: boolean;
  readonly model: ModelRules;
}

/**
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch, the response checks, in Chromium's order (CheckPreflightAccess,
 * then PreflightResult::Parse): the CORS check, an ok status, then parsable method/header lists.
 */
export function checkPreflightResponse(
  input: PreflightCheckInput,
): { result: PreflightResult } | { failure: CorsCheckFailure } {
  const { headers, status, origin, credentials, model } = input;
  const access = corsCheck({
    allowOrigin: headers.get('access-control-allow-origin'),
    allowCredentials: headers.get('access-control-allow-credentials'),
    origin,
    credentials,
  });
  if (access) return { failure: access };
  if (status < 200 || status > 299) return { failure: { code: 'preflight-invalid-status', value: String(status) } };
  const allowMethods = headers.get('access-control-allow-methods');
  const methods = parseTokenList(allowMethods);
  if (!methods) return { failure: { code: 'invalid-allow-methods', value: allowMethods ?? '' } };
  const allowHeaders = headers.get('access-control-allow-headers');
  const names = parseTokenList(allowHeaders);
  if (!names) return { failure: { code: 'invalid-allow-headers', value: allowHeaders ?? '' } };
  return {
    result: {
      methods: new Set(methods),
      headers: new Set(names.map((name) => name.toLowerCase())),
      credentials,
      maxAgeSeconds: parseMaxAge(headers.get('access-control-max-age'), model),
    },
  };
}

export interface PreflightDenial {
  readonly code: 'method-not-allowed' | 'header-not-allowed' | 'authorization-not-covered-by-wildcard';
  /** The method, or every header name the result does not allow. */
  readonly names: readonly string[];
}

/**
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch, the method and header checks (Chromium PreflightResult::EnsureAllowedCrossOriginMethod/-Headers):
 * the method must be listed (case-sensitive) or safelisted, or the list holds '*' without
 * credentials; every unsafe header must be listed (case-insensitive), or '*' without credentials —
 * but by the standard '*' never covers Authorization (see ModelRules.wildcardCoversAuthorization).
 */
export function preflightDenial(
  result: PreflightResult,
  method: string,
  unsafeHeaders: readonly string[],
  model: Pick<ModelRules, 'wildcardCoversAuthorization'>,
): PreflightDenial | undefined {
  const wildcard = !result.credentials;
  if (!result.methods.has(method) && !isSafelistedMethod(method) && !(wildcard && result.methods.has('*'))) {
    return { code: 'method-not-allowed', names: [method] };
  }
  if (wildcard && result.headers.has('*')) {
    if (
      !model.wildcardCoversAuthorization &&
      unsafeHeaders.includes('authorization') &&
      !result.headers.has('authorization')
    ) {
      return { code: 'authorization-not-covered-by-wildcard', names: ['authorization'] };
    }
    return undefined;
  }
  const missing = [...new Set(unsafeHeaders)].filter((name) => !result.headers.has(name));
  return missing.length > 0 ? { code: 'header-not-allowed', names: missing } : undefined;
}

/** '*' let Authorization through where the standard would not: worth a warning. */
export function authorizationCoveredByWildcard(result: PreflightResult, unsafeHeaders: readonly string[]): boolean {
  return (
    !result.credentials &&
    result.headers.has('*') &&
    !result.headers.has('authorization') &&
    unsafeHeaders.includes('authorization')
  );
}
