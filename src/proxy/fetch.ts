// The edge entry: the gateway as a fetch handler alone, with no node: imports, for workerd, Deno and Bun.
import { createFetchHandler, type ProxyFetchHandler } from './fetch-handler.ts';
import { compileProxyOptions, type ProxyOptions } from './options.ts';

export {
  ProxyConfigError,
  PROXY_ISSUE_CODES,
  type ProxyOptionsIssue as ProxyIssue,
  type ProxyIssueCode,
} from './config-error.ts';
export type { ProxyOptions } from './options.ts';
export type { ProxyFetchHandler } from './fetch-handler.ts';

/** `export default { fetch: createFetchProxy({ upstream, cors }) }`. `websockets` does not apply here. */
export function createFetchProxy(options: ProxyOptions): ProxyFetchHandler {
  return createFetchHandler(compileProxyOptions(options));
}
