import type { SimulationReason } from './codes.ts';
import {
  allowOriginMismatch,
  invalidAllowCredentials,
  missingAllowOrigin,
  multipleAllowOrigin,
  preflightInvalidStatus,
  wildcardOriginWithCredentials,
} from './cors-fixes.ts';
import type { FailureContext } from './failure.ts';
import type { Fix, FixRule } from './fix.ts';
import {
  authorizationNotCoveredByWildcard,
  headerNotAllowed,
  invalidAllowHeaders,
  invalidAllowMethods,
  methodNotAllowed,
  preflightRedirect,
} from './preflight-fixes.ts';
import { headerNeverReadable, headerNotExposed, invalidExposeHeaders, invalidReadHeader } from './read-fixes.ts';
import {
  forbiddenMethod,
  invalidHeader,
  invalidMethod,
  invalidOrigin,
  invalidUrl,
  networkError,
  redirectContainsCredentials,
  tlsError,
  tooManyRedirects,
  unfollowableRedirect,
  urlContainsCredentials,
} from './request-fixes.ts';

export type { Fix } from './fix.ts';

/** One row per reason: the rule that proposes its fix. The mapped type makes a missing row a type error. */
const FIX_RULES: { readonly [reason in SimulationReason]: FixRule } = {
  'missing-allow-origin': missingAllowOrigin,
  'multiple-allow-origin': multipleAllowOrigin,
  'invalid-allow-origin': allowOriginMismatch,
  'allow-origin-mismatch': allowOriginMismatch,
  'wildcard-origin-with-credentials': wildcardOriginWithCredentials,
  'invalid-allow-credentials': invalidAllowCredentials,
  'preflight-invalid-status': preflightInvalidStatus,
  'preflight-redirect': preflightRedirect,
  'invalid-allow-methods': invalidAllowMethods,
  'invalid-allow-headers': invalidAllowHeaders,
  'method-not-allowed': methodNotAllowed,
  'header-not-allowed': headerNotAllowed,
  'authorization-not-covered-by-wildcard': authorizationNotCoveredByWildcard,
  'header-not-exposed': headerNotExposed,
  'invalid-expose-headers': invalidExposeHeaders,
  'header-never-readable': headerNeverReadable,
  'redirect-invalid-location': unfollowableRedirect,
  'redirect-unsupported-scheme': unfollowableRedirect,
  'redirect-contains-credentials': redirectContainsCredentials,
  'too-many-redirects': tooManyRedirects,
  'network-error': networkError,
  'tls-error': tlsError,
  'invalid-url': invalidUrl,
  'unsupported-scheme': invalidUrl,
  'url-contains-credentials': urlContainsCredentials,
  'invalid-read-header': invalidReadHeader,
  'invalid-origin': invalidOrigin,
  'invalid-method': invalidMethod,
  'forbidden-method': forbiddenMethod,
  'invalid-header': invalidHeader,
};

/** The change that resolves a failure, as corsguard options when the server has to change. */
export function fixFor(context: FailureContext): Fix {
  return FIX_RULES[context.reason](context);
}
