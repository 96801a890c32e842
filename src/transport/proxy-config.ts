// Which proxy, if any, a request goes through: --proxy, HTTPS_PROXY / HTTP_PROXY and NO_PROXY as curl reads them.

export interface ProxyConfig {
  /** The proxy for http: URLs (absolute-form requests). */
  readonly http?: URL;
  /** The proxy for https: URLs (an HTTP CONNECT tunnel). */
  readonly https?: URL;
  /** NO_PROXY entries, lower-case: `*`, a host, `.domain` or `domain` (and its subdomains), with an optional `:port`. */
  readonly noProxy: readonly string[];
}

/** A proxy URL that cannot be used: `--proxy` or the variable it came from, and why. */
export class ProxyConfigError extends Error {}

/** Only plain-HTTP proxies (what Burp, ZAP, mitmproxy and corporate proxies listen on); credentials in the URL are sent as Proxy-Authorization. */
export function parseProxyUrl(value: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new ProxyConfigError(`${source} '${value}' is not a proxy URL, e.g. http://127.0.0.1:8080`);
  }
  if (url.protocol !== 'http:')
    throw new ProxyConfigError(
      `${source} '${value}': only http:// proxies are supported (HTTP CONNECT carries https: URLs), not ${url.protocol}`,
    );
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '')
    throw new ProxyConfigError(`${source} '${value}': a proxy URL has no path, e.g. http://127.0.0.1:8080`);
  return url;
}

const variable = (env: Readonly<Record<string, string | undefined>>, name: string): [string, string] | undefined => {
  for (const key of [name.toLowerCase(), name]) {
    const value = env[key]?.trim();
    if (value) return [key, value];
  }
  return undefined;
};

/**
 * `--proxy` for both schemes, else `https_proxy`/`HTTPS_PROXY` and `http_proxy`/`HTTP_PROXY` (the
 * lower-case name first, as curl); `no_proxy`/`NO_PROXY` either way. Undefined when no proxy is set.
 */
export function proxyConfig(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ProxyConfig | undefined {
  const noProxy = (variable(env, 'NO_PROXY')?.[1] ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (flag !== undefined) {
    const url = parseProxyUrl(flag, '--proxy');
    return { http: url, https: url, noProxy };
  }
  const https = variable(env, 'HTTPS_PROXY');
  const http = variable(env, 'HTTP_PROXY');
  if (https === undefined && http === undefined) return undefined;
  return {
    ...(https ? { https: parseProxyUrl(https[1], https[0]) } : {}),
    ...(http ? { http: parseProxyUrl(http[1], http[0]) } : {}),
    noProxy,
  };
}

const defaultPort = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

/** NO_PROXY matching as curl does: `*` all; `example.com` and `.example.com` the domain and its subdomains; `host:port` that port only. */
function bypasses(noProxy: readonly string[], url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const port = /^(.*[^:]):(\d+)$/.exec(entry);
    if (port && port[2] !== defaultPort(url)) return false;
    const name = (port ? (port[1] ?? '') : entry).replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
    return host === name || host.endsWith(`.${name}`);
  });
}

/** The proxy this URL goes through, or undefined for a direct connection. */
export function proxyFor(config: ProxyConfig | undefined, url: URL): URL | undefined {
  if (config === undefined) return undefined;
  const proxy = url.protocol === 'https:' ? config.https : config.http;
  return proxy === undefined || bypasses(config.noProxy, url) ? undefined : proxy;
}

/** Proxy-Authorization for a proxy URL with user:password, if any. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (proxy.username === '' && proxy.password === '') return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(credentials)))}`;
}
