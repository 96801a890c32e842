import type { CorsFailureCode } from '../reasons/codes.ts';

export interface CorsCheckInput {
  readonly allowOrigin: string | null;
  readonly allowCredentials: string | null;
  /** The serialised request origin ('null' when tainted by a redirect). */
  readonly origin: string;
  /** The request's credentials mode is 'include'. */
  readonly credentials: boolean;
}

export interface CorsCheckFailure {
  readonly code: CorsFailureCode;
  /** The header value the check rejected. */
  readonly value?: string;
}

/**
 * https://fetch.spec.whatwg.org/#cors-check, with Chromium's finer error codes (network::cors::CheckAccess):
 * several Access-Control-Allow-Origin lines reach here joined with ', ' and never match.
 */
export function corsCheck(input: CorsCheckInput): CorsCheckFailure | undefined {
  const { allowOrigin, allowCredentials, origin, credentials } = input;
  if (allowOrigin === '*') {
    if (!credentials) return undefined;
    return { code: 'wildcard-origin-with-credentials', value: allowOrigin };
  }
  if (allowOrigin === null) return { code: 'missing-allow-origin' };
  if (allowOrigin !== origin) {
    if (/[ ,]/.test(allowOrigin)) return { code: 'multiple-allow-origin', value: allowOrigin };
    if (allowOrigin !== 'null' && !URL.canParse(allowOrigin))
      return { code: 'invalid-allow-origin', value: allowOrigin };
    return { code: 'allow-origin-mismatch', value: allowOrigin };
  }
  // https://fetch.spec.whatwg.org/#http-access-control-allow-credentials: must be exactly `true` (case-sensitive).
  if (credentials && allowCredentials !== 'true') {
    return { code: 'invalid-allow-credentials', value: allowCredentials ?? '' };
  }
  return undefined;
}
