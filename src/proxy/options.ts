import type { IncomingMessage } from 'node:http';
import { createCors, type Cors } from '../core/cors.ts';
import { CorsConfigError } from '../core/errors.ts';
import { MAX_TIMER_MS } from '../core/limits.ts';
import type { CorsOptions } from '../core/options.ts';
import { ProxyConfigError, type ProxyOptionsIssue } from './config-error.ts';
import type { ProxyLogEntry } from './log.ts';
import { parseBodyMethods } from './request-body.ts';

/** The request object an origin predicate receives: node:http's, or the Fetch API's. */
export type ProxyRequest = IncomingMessage | Request;

export interface ProxyOptions {
  /** The one server every request goes to, with an optional base path: `https://api.example.com/v1`. */
  readonly upstream: string | URL;
  /** The CORS policy, exactly the middleware's options. Required. */
  readonly cors: CorsOptions<ProxyRequest>;
  /** Milliseconds to wait for the upstream's response headers, and for any idle gap in a body. Default 30000. */
  readonly timeout?: number;
  /** Proxy WebSocket upgrades whose Origin the policy allows (403 otherwise). Default false. */
  readonly websockets?: boolean;
  /**
   * createProxyServer only: milliseconds a client has to send a whole request head; after it the
   * gateway answers 408 and closes the connection (slow-header attacks). Bodies are not bounded by it. Default 10000.
   */
  readonly headersTimeout?: number;
  /** createProxyServer only: milliseconds an idle keep-alive connection is kept open between requests. Default 5000. */
  readonly keepAliveTimeout?: number;
  /**
   * createProxyServer only: client connections served at once; a connection beyond it is closed as
   * soon as it is accepted, and those already open are served as usual. Default 10000, lowered on
   * Linux to half the process's file-descriptor limit (less a few) so a flood cannot take the
   * descriptors the upstream connections need.
   */
  readonly maxConnections?: number;
  /**
   * The gateway's public host (`api.example.com`, with a port if not the default), sent upstream as
   * X-Forwarded-Host whatever the client's Host says. Default: the client's Host as sent.
   */
  readonly publicHost?: string;
  /**
   * Methods beyond POST, PUT and PATCH whose request bodies are forwarded (`['DELETE']`), each over
   * an upstream connection of its own. Default none: such a body gets 400 request-body-not-allowed.
   * An upstream that ignores Content-Length on one of these methods reads the body as a second
   * request, which none of the gateway's checks saw (base path, dot segments, TRACE): allow only
   * methods the upstream reads bodies for. GET and HEAD bodies are never forwarded.
   */
  readonly dangerouslyAllowBodyMethods?: readonly string[];
  /** Called once per request when its answer is complete or aborted. */
  readonly onLog?: (entry: ProxyLogEntry) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;

const PROXY_OPTION_NAMES = [
  'upstream',
  'cors',
  'timeout',
  'headersTimeout',
  'keepAliveTimeout',
  'maxConnections',
  'websockets',
  'publicHost',
  'dangerouslyAllowBodyMethods',
  'onLog',
];

/** Options checked and compiled once: what every request reads. */
export interface ProxyConfig {
  readonly upstream: URL;
  /** The upstream's path without its trailing slash ('' for the root): every request stays below it. */
  readonly basePath: string;
  /** Whether the upstream is https: (chosen once, not per request). */
  readonly upstreamSecure: boolean;
  /** The upstream's host name as node:http's `hostname` takes it: an IPv6 address without its brackets. */
  readonly upstreamHostname: string;
  readonly engine: Cors<ProxyRequest>;
  readonly credentials: boolean;
  readonly timeout: number;
  readonly headersTimeout: number;
  readonly keepAliveTimeout: number;
  /** Undefined: createProxyServer picks one from the descriptor limit. */
  readonly maxConnections: number | undefined;
  readonly websockets: boolean;
  readonly publicHost: string | undefined;
  /** Methods beyond POST, PUT and PATCH whose bodies are forwarded. */
  readonly bodyMethods: ReadonlySet<string>;
  readonly onLog: ((entry: ProxyLogEntry) => void) | undefined;
}

/** Validates every option at once; throws one ProxyConfigError listing every problem. */
export function compileProxyOptions(options: ProxyOptions): ProxyConfig {
  assertOptionsObject(options);
  const issues: ProxyOptionsIssue[] = [];
  reportUnknownOptions(options, issues);
  const upstream = parseUpstream(options.upstream, issues);
  const timeouts = parseTimeouts(options, issues);
  const maxConnections = parseMaxConnections(options.maxConnections, issues);
  const websockets = parseWebsockets(options.websockets, issues);
  const publicHost = parsePublicHost(options.publicHost, issues);
  const bodyMethods = parseBodyMethods(options.dangerouslyAllowBodyMethods, issues);
  const engine = compileCors(options.cors, issues);
  if (issues.length > 0 || upstream === undefined || engine === undefined) throw new ProxyConfigError(issues);
  return {
    ...upstreamFacts(upstream),
    engine,
    credentials: options.cors.credentials === true,
    ...timeouts,
    maxConnections,
    websockets,
    publicHost,
    bodyMethods,
    onLog: options.onLog,
  };
}

/** Nothing else can be checked without an object, so this one problem is thrown alone. */
function assertOptionsObject(options: unknown): asserts options is ProxyOptions {
  if (options !== null && typeof options === 'object') return;
  throw new ProxyConfigError([
    {
      code: 'proxy-options-not-object',
      path: '(options)',
      message: 'pass an object: { upstream, cors: { origin } }',
    },
  ]);
}

function reportUnknownOptions(options: object, issues: ProxyOptionsIssue[]): void {
  for (const name of Object.keys(options)) {
    if (PROXY_OPTION_NAMES.includes(name)) continue;
    issues.push({
      code: 'proxy-unknown-option',
      path: name,
      message: `unknown option; the proxy's options are ${PROXY_OPTION_NAMES.join(', ')} (CORS options go under cors)`,
    });
  }
}

/** What every request reads from the upstream URL, worked out once. */
function upstreamFacts(
  upstream: URL,
): Pick<ProxyConfig, 'upstream' | 'basePath' | 'upstreamSecure' | 'upstreamHostname'> {
  return {
    upstream,
    basePath: upstream.pathname.replace(/\/+$/, ''),
    upstreamSecure: upstream.protocol === 'https:',
    upstreamHostname: upstream.hostname.replace(/^\[|\]$/g, ''),
  };
}

function parseTimeouts(
  options: ProxyOptions,
  issues: ProxyOptionsIssue[],
): Pick<ProxyConfig, 'timeout' | 'headersTimeout' | 'keepAliveTimeout'> {
  return {
    timeout: milliseconds(options.timeout, DEFAULT_TIMEOUT_MS, 'timeout', issues),
    headersTimeout: milliseconds(options.headersTimeout, DEFAULT_HEADERS_TIMEOUT_MS, 'headersTimeout', issues),
    keepAliveTimeout: milliseconds(options.keepAliveTimeout, DEFAULT_KEEP_ALIVE_TIMEOUT_MS, 'keepAliveTimeout', issues),
  };
}

function parseWebsockets(value: unknown, issues: ProxyOptionsIssue[]): boolean {
  if (value !== undefined && typeof value !== 'boolean') {
    issues.push({ code: 'websockets-invalid', path: 'websockets', message: 'must be true or false' });
  }
  return value === true;
}

/** The CORS policy's engine; its CorsConfigError issues are reported under `cors.`. */
function compileCors(
  cors: CorsOptions<ProxyRequest> | undefined,
  issues: ProxyOptionsIssue[],
): Cors<ProxyRequest> | undefined {
  if (cors === undefined) {
    issues.push({
      code: 'cors-required',
      path: 'cors',
      message: "the CORS policy is required: cors: { origin: 'https://app.example.com' }",
    });
    return undefined;
  }
  if (cors !== null && typeof cors === 'object' && cors.preflightContinue === true) {
    issues.push({
      code: 'preflight-continue-unsupported',
      path: 'cors.preflightContinue',
      message: 'the gateway answers every preflight itself and never forwards it; remove preflightContinue',
    });
  }
  try {
    return createCors<ProxyRequest>(cors);
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    for (const issue of error.issues)
      issues.push({ code: issue.code, path: `cors.${issue.path}`, message: issue.message });
    return undefined;
  }
}

/** A host and optional port, as a Host header carries it: `api.example.com`, `[::1]:8443`. */
function parsePublicHost(value: unknown, issues: ProxyOptionsIssue[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && isHost(value)) return value;
  issues.push({
    code: 'public-host-invalid',
    path: 'publicHost',
    message: `must be a host name with an optional port, as browsers reach the gateway (api.example.com or api.example.com:8443), not ${JSON.stringify(value)}`,
  });
  return undefined;
}

function isHost(value: string): boolean {
  if (value === '' || /[/?#@\\\s]/.test(value)) return false;
  try {
    // The parser lower-cases the name and drops http's default port; anything else it changed was not a host.
    return new URL(`http://${value}`).host === value.toLowerCase().replace(/:80$/, '');
  } catch {
    return false;
  }
}

/** A whole number of milliseconds a timer can wait, `fallback` when absent. */
function milliseconds(value: unknown, fallback: number, path: string, issues: ProxyOptionsIssue[]): number {
  if (value === undefined) return fallback;
  if (isWholeNumberUpTo(value, MAX_TIMER_MS)) return value;
  issues.push({
    code: 'timeout-invalid',
    path,
    message: `must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, not ${JSON.stringify(value)}`,
  });
  return fallback;
}

function parseMaxConnections(value: unknown, issues: ProxyOptionsIssue[]): number | undefined {
  if (value === undefined) return undefined;
  if (isWholeNumberUpTo(value, MAX_CONNECTIONS)) return value;
  issues.push({
    code: 'max-connections-invalid',
    path: 'maxConnections',
    message: `must be a whole number of connections from 1 to ${MAX_CONNECTIONS}, not ${JSON.stringify(value)}`,
  });
  return undefined;
}

/** No process holds more descriptors than this (Linux's fs.nr_open ceiling). */
const MAX_CONNECTIONS = 1_048_576;

function isWholeNumberUpTo(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
}

/** What an upstream URL must not be, each rule reported on its own. */
const UPSTREAM_RULES: readonly {
  readonly code: ProxyOptionsIssue['code'];
  readonly breaks: (url: URL) => boolean;
  readonly message: (url: URL) => string;
}[] = [
  {
    code: 'upstream-scheme',
    breaks: (url) => url.protocol !== 'http:' && url.protocol !== 'https:',
    message: (url) => `the scheme must be http: or https:, not ${url.protocol}`,
  },
  {
    code: 'upstream-credentials',
    breaks: (url) => url.username !== '' || url.password !== '',
    message: () =>
      "remove the user name and password from the URL; the gateway forwards the client's Authorization header",
  },
  {
    code: 'upstream-query',
    breaks: (url) => url.search !== '' || url.hash !== '',
    message: () => 'remove the query string and fragment: the upstream is an origin with an optional base path',
  },
];

/** The upstream URL when it is an absolute URL breaking no UPSTREAM_RULES; undefined, with the issues reported, otherwise. */
function parseUpstream(value: unknown, issues: ProxyOptionsIssue[]): URL | undefined {
  const url = absoluteUpstreamUrl(value, issues);
  if (url === undefined) return undefined;
  const broken = UPSTREAM_RULES.filter((rule) => rule.breaks(url));
  for (const rule of broken) issues.push({ code: rule.code, path: 'upstream', message: rule.message(url) });
  return broken.length === 0 ? url : undefined;
}

function absoluteUpstreamUrl(value: unknown, issues: ProxyOptionsIssue[]): URL | undefined {
  if (value === undefined || value === '') {
    issues.push({
      code: 'upstream-required',
      path: 'upstream',
      message: "the server to forward to is required: upstream: 'https://api.example.com'",
    });
    return undefined;
  }
  if (typeof value !== 'string' && !(value instanceof URL)) {
    issues.push({
      code: 'upstream-invalid',
      path: 'upstream',
      message: `must be a URL string such as 'https://api.example.com/v1', not ${JSON.stringify(value) ?? typeof value}`,
    });
    return undefined;
  }
  try {
    return new URL(String(value));
  } catch {
    issues.push({
      code: 'upstream-invalid',
      path: 'upstream',
      message: `${JSON.stringify(String(value))} is not an absolute URL; write it as 'https://api.example.com/base'`,
    });
    return undefined;
  }
}
