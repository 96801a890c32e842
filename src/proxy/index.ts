export { createProxy, createProxyServer, type Proxy } from './create-proxy.ts';
export { createFetchProxy } from './fetch.ts';
export {
  ProxyConfigError,
  PROXY_ISSUE_CODES,
  type ProxyOptionsIssue as ProxyIssue,
  type ProxyIssueCode,
} from './config-error.ts';
export {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type ProxyOptions,
  type ProxyRequest,
} from './options.ts';
export { DEFAULT_MAX_CONNECTIONS } from './max-connections.ts';
export type { ProxyLogEntry, ProxyOutcome } from './log.ts';
export type { ProxyFetchHandler } from './fetch-handler.ts';
export type { ProblemCode } from './problem.ts';
export type { TargetRefusal } from './target.ts';
