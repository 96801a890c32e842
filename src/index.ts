export { createCors, type Cors, type Reconfiguration } from './core/cors.ts';
export { CorsConfigError, type ConfigIssue } from './core/errors.ts';
export type { CorsDecision, DecisionKind } from './core/decision.ts';
export type { DebugEvent } from './core/debug.ts';
export type { CorsOptions, CsrfOptions, OriginEntry, OriginOption, OriginPredicate } from './core/options.ts';
export type { ReasonCode } from './core/reasons.ts';
export { explain, type ExplainContext } from './core/reasons.ts';
export { appendVary } from './core/vary.ts';
export { plainRequestReader, type PlainRequest, type RequestReader } from './core/request.ts';
