// --proxy and HTTPS_PROXY / HTTP_PROXY / NO_PROXY, shared by `corsguard check` and `corsguard audit`.
import { ProxyConfigError, proxyConfig, type ProxyConfig } from '../../transport/proxy-config.ts';
import { UsageError } from './usage.ts';

export const PROXY_OPTION = { proxy: { type: 'string' } } as const;

/** The proxy settings from --proxy and the environment; a URL that cannot work is a usage error naming where it came from. */
export function proxyOf(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ProxyConfig | undefined {
  try {
    return proxyConfig(flag, env);
  } catch (error) {
    if (error instanceof ProxyConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** `{ proxy }` for an args object, or nothing when no proxy is set. */
export function proxyField(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { proxy?: ProxyConfig } {
  const proxy = proxyOf(flag, env);
  return proxy === undefined ? {} : { proxy };
}
