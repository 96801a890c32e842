export { simulateFetch } from './simulate-fetch.ts';
export { PreflightCache, type PreflightCacheOptions } from './cache/preflight-cache.ts';
export type { CacheLookup } from './cache/store.ts';
export { BROWSER_MODELS, type BrowserModel } from './engines/model.ts';
export type { SimulationReason, FailureStage } from './reasons/codes.ts';
export type { Fix } from './reasons/fixes.ts';
export { formatFixOptions, type FixOptions } from './reasons/fix-options.ts';
export type { HeadersLike } from './checks/request-headers.ts';
export type {
  CredentialsMode,
  RequestCacheMode,
  PreflightSummary,
  SimulatedRequest,
  SimulateOptions,
  SimulationStep,
  SimulationVerdict,
  StepKind,
  Transport,
  TransportRequest,
  TransportResponse,
} from './types.ts';
export type {
  SimulatedCookie,
  SameSite,
  CookieReason,
  CookieReport,
  CookieStorage,
  CookieExchange,
  CookieWithheld,
} from './cookies/types.ts';
export type { CookieRules } from './engines/cookie-rules.ts';
export { isForbiddenRequestHeader, accessControlRequestHeaders } from './checks/request-headers.ts';
export { normalizeMethod, isSafelistedMethod, isForbiddenMethod } from './checks/methods.ts';
