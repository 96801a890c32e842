export { simulateFetch } from './simulate-fetch.ts';
export { PreflightCache, type PreflightCacheOptions, type CacheLookup } from './preflight-cache.ts';
export { BROWSER_MODELS, type BrowserModel } from './model.ts';
export type { SimulationReason, FailureStage } from './reasons.ts';
export type { Fix } from './fixes.ts';
export { formatFixOptions, type FixOptions } from './fix-options.ts';
export type { HeadersLike } from './request-headers.ts';
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
export { isForbiddenRequestHeader, accessControlRequestHeaders } from './request-headers.ts';
export { normalizeMethod, isSafelistedMethod, isForbiddenMethod } from './methods.ts';
