/** Failures of the CORS check itself (any CORS response, preflight or not). */
export type CorsFailureCode =
  | 'missing-allow-origin'
  | 'multiple-allow-origin'
  | 'invalid-allow-origin'
  | 'allow-origin-mismatch'
  | 'wildcard-origin-with-credentials'
  | 'invalid-allow-credentials'
  | 'preflight-invalid-status'
  | 'invalid-allow-methods'
  | 'invalid-allow-headers';

/** Why a simulated fetch is blocked, or why script cannot read what it wants. Stable codes. */
export type SimulationReason =
  | CorsFailureCode
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'url-contains-credentials'
  | 'invalid-origin'
  | 'invalid-method'
  | 'forbidden-method'
  | 'invalid-header'
  | 'invalid-read-header'
  | 'network-error'
  | 'tls-error'
  | 'preflight-redirect'
  | 'method-not-allowed'
  | 'header-not-allowed'
  | 'authorization-not-covered-by-wildcard'
  | 'redirect-invalid-location'
  | 'redirect-unsupported-scheme'
  | 'redirect-contains-credentials'
  | 'too-many-redirects'
  | 'header-not-exposed'
  | 'invalid-expose-headers'
  | 'header-never-readable';

/** Where the simulated fetch stopped. */
export type FailureStage = 'request' | 'preflight' | 'actual' | 'redirect' | 'read';
