// The target-neutral plan: what a front must answer, built from the compiled policy the middleware
// runs, with every option a target cannot express refused (never approximated).
import { compilePolicy, type Policy } from '../core/compile.ts';
import { CorsConfigError } from '../core/errors.ts';
import { MAX_ORIGIN_LENGTH } from '../core/limits.ts';
import { compileProxyOptions, DEFAULT_TIMEOUT_MS } from '../proxy/options.ts';
import { ProxyConfigError } from '../proxy/config-error.ts';
import { ExportConfigError, type ExportIssue } from './errors.ts';
import { GATEWAY, inexpressibleCors, originRegExpSources, SAFE_PATH } from './expressible.ts';
import {
  exemptPathRegex,
  methodRegex,
  originDenyRegexes,
  originRegexes,
  requestHeadersDenyRegexes,
  requestHeadersRegex,
} from './regex.ts';
import {
  DEFAULT_EXPORT_HOST,
  DEFAULT_EXPORT_PORT,
  EXPORT_TARGETS,
  type ExportSettings,
  type ExportTarget,
} from './settings.ts';

export interface ExportPlan {
  readonly target: ExportTarget;
  readonly host: string;
  readonly port: number;
  /** `http://host:port` of the upstream, and its base path without a trailing slash ('' for none). */
  readonly upstreamOrigin: string;
  readonly upstreamBasePath: string;
  readonly upstreamSecure: boolean;
  readonly timeoutSeconds: number;
  /** `origin: '*'`: every request gets `Access-Control-Allow-Origin: *`. */
  readonly anyOrigin: boolean;
  /** An Origin matching one of these (case-sensitive, anchored) and none of `originDeny` is allowed. */
  readonly originAllow: readonly string[];
  readonly originDeny: readonly string[];
  /** A longer Origin is refused too (the engine shows RegExps nothing longer); undefined for no bound. */
  readonly originMaxLength: number | undefined;
  readonly credentials: boolean;
  /** Access-Control-Expose-Headers on allowed actual requests; '' for none. */
  readonly exposeHeaders: string;
  readonly maxAge: string | undefined;
  readonly privateNetwork: boolean;
  /** The requested method (Access-Control-Request-Method), case-sensitive. */
  readonly methodAllow: string;
  /** The requested headers, matched ignoring case; refused when one of the deny regexes matches. */
  readonly headersAllow: string;
  readonly headersDeny: readonly string[];
  readonly preflightStatus: number;
  /** csrf: undefined when off; the exempt paths, and their regex on the raw request target, when on. */
  readonly csrf: { readonly exemptPaths: readonly string[]; readonly exemptPath: string | undefined } | undefined;
  /** Vary names of preflights (answered by the front) and of every other response. */
  readonly preflightVary: string;
  readonly actualVary: string;
}

/** originDeny with the length bound as a regex, for PCRE (RE2 cannot count to 2049). */
export function pcreOriginDeny(plan: ExportPlan): string[] {
  return [...plan.originDeny, ...(plan.originMaxLength === undefined ? [] : [`^.{${plan.originMaxLength + 1}}`])];
}

/** The Access-Control-* response headers the front removes from the upstream's answers. */
export const CORS_RESPONSE_HEADERS = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Access-Control-Allow-Private-Network',
] as const;

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$/;

/** Validates the settings as the gateway and the middleware do, then refuses what `target` cannot express. */
export function buildPlan(settings: ExportSettings, target: ExportTarget): ExportPlan {
  assertKnownTarget(target);
  assertSettingsObject(settings);
  const { host = DEFAULT_EXPORT_HOST, port = DEFAULT_EXPORT_PORT, jsonLogs: _logs, ...proxyOptions } = settings;
  const { upstream, issues: proxyIssues } = compileUpstream(proxyOptions, target);
  const issues = [
    ...proxyIssues,
    ...refuseUpstream(upstream, target),
    ...refuseHost(host),
    ...refusePort(port),
    ...refuseWebsockets(settings.websockets, target),
    ...inexpressibleCors(settings.cors, target),
  ];
  if (issues.length > 0) throw new ExportConfigError(issues);
  const policy = compileCors(settings.cors);
  return {
    target,
    host,
    port,
    ...upstreamOf(upstream!),
    timeoutSeconds: Math.ceil((settings.timeout ?? DEFAULT_TIMEOUT_MS) / 1000),
    ...originsOf(policy, originRegExpSources(settings.cors)),
    credentials: policy.credentials,
    exposeHeaders: exposeHeadersOf(policy.actualTail),
    maxAge: policy.maxAge,
    privateNetwork: policy.privateNetwork,
    methodAllow: methodRegex(policy.methods),
    headersAllow: requestHeadersRegex(policy.headers),
    headersDeny: requestHeadersDenyRegexes(policy.headers),
    preflightStatus: policy.preflightStatus,
    csrf: csrfOf(policy.csrf),
    preflightVary: policy.preflightVary,
    actualVary: policy.actualVary,
  };
}

function assertKnownTarget(target: ExportTarget): void {
  if (EXPORT_TARGETS.includes(target)) return;
  throw new ExportConfigError([
    {
      code: 'export-target-unknown',
      path: '(target)',
      message: `${JSON.stringify(target)} is not a target; use one of ${EXPORT_TARGETS.join(', ')}`,
    },
  ]);
}

function assertSettingsObject(settings: ExportSettings): void {
  if (settings !== null && typeof settings === 'object') return;
  throw new ExportConfigError([
    { code: 'proxy-options-not-object', path: '(settings)', message: 'pass an object: { upstream, cors: { origin } }' },
  ]);
}

/** The gateway's own validation: the upstream URL, or the issues it raised (undefined upstream then). */
function compileUpstream(
  proxyOptions: Omit<ExportSettings, 'host' | 'port' | 'jsonLogs'>,
  target: ExportTarget,
): { upstream: URL | undefined; issues: ExportIssue[] } {
  try {
    return { upstream: compileProxyOptions(proxyOptions).upstream, issues: [] };
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    return { upstream: undefined, issues: error.issues.map((issue) => withExportAdvice(issue, target)) };
  }
}

/** The gateway can pass a granted preflight on; a front cannot, so its advice differs. */
function withExportAdvice(issue: ExportIssue, target: ExportTarget): ExportIssue {
  if (issue.code !== 'preflight-continue-unsupported') return issue;
  return {
    ...issue,
    message: `${target} answers every preflight itself and cannot pass a granted one on to the upstream; remove preflightContinue, or ${GATEWAY}`,
  };
}

function refuseUpstream(upstream: URL | undefined, target: ExportTarget): ExportIssue[] {
  if (upstream === undefined || (HOST.test(upstream.hostname) && SAFE_PATH.test(upstream.pathname))) return [];
  return [
    {
      code: 'export-upstream-unsupported',
      path: 'upstream',
      message: `${JSON.stringify(upstream.href)} holds characters ${target}'s configuration would read as its own syntax; use a host name or IP address and a path of letters, digits and -._~!&()*+,=:@%/`,
    },
  ];
}

function refuseHost(host: unknown): ExportIssue[] {
  if (typeof host === 'string' && HOST.test(host)) return [];
  return [
    {
      code: 'export-host-invalid',
      path: 'host',
      message: `${JSON.stringify(host)} is not an IP address or host name to listen on; write e.g. 127.0.0.1 or [::1]`,
    },
  ];
}

function refusePort(port: number): ExportIssue[] {
  if (Number.isInteger(port) && port >= 1 && port <= 65_535) return [];
  return [
    {
      code: 'port-invalid',
      path: 'port',
      message: `a front server's configuration needs a fixed port from 1 to 65535, not ${JSON.stringify(port)}`,
    },
  ];
}

function refuseWebsockets(websockets: unknown, target: ExportTarget): ExportIssue[] {
  if (websockets !== true) return [];
  return [
    {
      code: 'export-websockets',
      path: 'websockets',
      message: `${target} would proxy upgrades without checking their Origin as the gateway does; remove websockets, or ${GATEWAY}`,
    },
  ];
}

/** The middleware's policy; its issues get the `cors.` prefix of the settings file. */
function compileCors(cors: ExportSettings['cors']): Policy {
  try {
    return compilePolicy(cors);
  } catch (error) {
    // compileProxyOptions accepted the same options a moment ago.
    if (error instanceof CorsConfigError)
      throw new ExportConfigError(error.issues.map((issue) => ({ ...issue, path: `cors.${issue.path}` })));
    throw error;
  }
}

function upstreamOf(upstream: URL): Pick<ExportPlan, 'upstreamOrigin' | 'upstreamBasePath' | 'upstreamSecure'> {
  return {
    upstreamOrigin: upstream.origin,
    upstreamBasePath: upstream.pathname.replace(/\/+$/, ''),
    upstreamSecure: upstream.protocol === 'https:',
  };
}

/** User RegExps are bounded in length, as the engine only shows them origins up to MAX_ORIGIN_LENGTH. */
function originsOf(
  policy: Policy,
  userRegexes: string[],
): Pick<ExportPlan, 'anyOrigin' | 'originAllow' | 'originDeny' | 'originMaxLength'> {
  return {
    anyOrigin: policy.origins.any,
    originAllow: originRegexes(policy.origins, userRegexes),
    originDeny: originDenyRegexes(policy.origins, userRegexes.length > 0),
    originMaxLength: userRegexes.length > 0 ? MAX_ORIGIN_LENGTH : undefined,
  };
}

function csrfOf(csrf: Policy['csrf']): ExportPlan['csrf'] {
  if (csrf === undefined) return undefined;
  return { exemptPaths: [...csrf.exemptPaths], exemptPath: exemptPathRegex([...csrf.exemptPaths]) };
}

/** Access-Control-Expose-Headers among an allowed actual request's [name, value, …] headers; '' for none. */
function exposeHeadersOf(tail: readonly string[]): string {
  const index = tail.indexOf('access-control-expose-headers');
  return index === -1 ? '' : tail[index + 1]!;
}
