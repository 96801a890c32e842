// The target-neutral plan: what a front must answer, built from the compiled policy the middleware
// runs, with every option a target cannot express refused (never approximated).
import { compilePolicy, type Policy } from '../core/compile.ts';
import { CorsConfigError } from '../core/errors.ts';
import { MAX_ORIGIN_LENGTH } from '../core/limits.ts';
import { compileProxyOptions, DEFAULT_TIMEOUT_MS } from '../proxy/options.ts';
import { ProxyConfigError } from '../proxy/config-error.ts';
import { ExportConfigError, type ExportIssue } from './errors.ts';
import { translateRegExp } from './js-regexp.ts';
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

const GATEWAY = 'run `corsguard proxy` with these settings instead (the Node gateway runs the engine itself)';
/** Characters of a method or header name a target's configuration syntax would read as its own. */
const UNQUOTABLE_NAME = /[$%`'\\]/;
/** Path characters every target's configuration takes as they are (no $ ; ' or quote). */
const SAFE_PATH = /^[A-Za-z0-9/._~!&()*+,=:@%-]+$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$/;

/** Validates the settings as the gateway and the middleware do, then refuses what `target` cannot express. */
export function buildPlan(settings: ExportSettings, target: ExportTarget): ExportPlan {
  const issues: ExportIssue[] = [];
  if (!EXPORT_TARGETS.includes(target)) {
    throw new ExportConfigError([
      {
        code: 'export-target-unknown',
        path: '(target)',
        message: `${JSON.stringify(target)} is not a target; use one of ${EXPORT_TARGETS.join(', ')}`,
      },
    ]);
  }
  if (settings === null || typeof settings !== 'object') {
    throw new ExportConfigError([
      {
        code: 'proxy-options-not-object',
        path: '(settings)',
        message: 'pass an object: { upstream, cors: { origin } }',
      },
    ]);
  }
  const { host = DEFAULT_EXPORT_HOST, port = DEFAULT_EXPORT_PORT, jsonLogs: _logs, ...proxyOptions } = settings;
  let upstream: URL | undefined;
  try {
    upstream = compileProxyOptions(proxyOptions).upstream;
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    for (const issue of error.issues) {
      issues.push(
        issue.code === 'preflight-continue-unsupported'
          ? {
              ...issue,
              message: `${target} answers every preflight itself and cannot pass a granted one on to the upstream; remove preflightContinue, or ${GATEWAY}`,
            }
          : issue,
      );
    }
  }
  if (upstream !== undefined && (!HOST.test(upstream.hostname) || !SAFE_PATH.test(upstream.pathname))) {
    issues.push({
      code: 'export-upstream-unsupported',
      path: 'upstream',
      message: `${JSON.stringify(upstream.href)} holds characters ${target}'s configuration would read as its own syntax; use a host name or IP address and a path of letters, digits and -._~!&()*+,=:@%/`,
    });
  }
  if (typeof host !== 'string' || !HOST.test(host)) {
    issues.push({
      code: 'export-host-invalid',
      path: 'host',
      message: `${JSON.stringify(host)} is not an IP address or host name to listen on; write e.g. 127.0.0.1 or [::1]`,
    });
  }
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    issues.push({
      code: 'port-invalid',
      path: 'port',
      message: `a front server's configuration needs a fixed port from 1 to 65535, not ${JSON.stringify(port)}`,
    });
  }
  if (settings.websockets === true) {
    issues.push({
      code: 'export-websockets',
      path: 'websockets',
      message: `${target} would proxy upgrades without checking their Origin as the gateway does; remove websockets, or ${GATEWAY}`,
    });
  }
  const cors = settings.cors as unknown as Record<string, unknown> | undefined;
  const userRegexes = cors !== null && typeof cors === 'object' ? checkExpressible(cors, target, issues) : [];
  if (issues.length > 0) throw new ExportConfigError(issues);

  let policy: Policy;
  try {
    policy = compilePolicy(settings.cors);
  } catch (error) {
    // compileProxyOptions accepted the same options a moment ago.
    if (error instanceof CorsConfigError)
      throw new ExportConfigError(error.issues.map((issue) => ({ ...issue, path: `cors.${issue.path}` })));
    throw error;
  }
  return {
    target,
    host,
    port,
    upstreamOrigin: upstream!.origin,
    upstreamBasePath: upstream!.pathname.replace(/\/+$/, ''),
    upstreamSecure: upstream!.protocol === 'https:',
    timeoutSeconds: Math.ceil((settings.timeout ?? DEFAULT_TIMEOUT_MS) / 1000),
    anyOrigin: policy.origins.any,
    originAllow: originRegexes(policy.origins, userRegexes),
    originDeny: originDenyRegexes(policy.origins, userRegexes.length > 0),
    originMaxLength: userRegexes.length > 0 ? MAX_ORIGIN_LENGTH : undefined,
    credentials: policy.credentials,
    exposeHeaders: exposeHeadersOf(policy.actualTail),
    maxAge: policy.maxAge,
    privateNetwork: policy.privateNetwork,
    methodAllow: methodRegex(policy.methods),
    headersAllow: requestHeadersRegex(policy.headers),
    headersDeny: requestHeadersDenyRegexes(policy.headers),
    preflightStatus: policy.preflightStatus,
    csrf:
      policy.csrf === undefined
        ? undefined
        : { exemptPaths: [...policy.csrf.exemptPaths], exemptPath: exemptPathRegex([...policy.csrf.exemptPaths]) },
    preflightVary: policy.preflightVary,
    actualVary: policy.actualVary,
  };
}

/** Access-Control-Expose-Headers among an allowed actual request's [name, value, …] headers; '' for none. */
function exposeHeadersOf(tail: readonly string[]): string {
  const index = tail.indexOf('access-control-expose-headers');
  return index === -1 ? '' : tail[index + 1]!;
}

/** The options no target can carry; returns the origin RegExps translated for the target's engine. */
function checkExpressible(cors: Record<string, unknown>, target: ExportTarget, issues: ExportIssue[]): string[] {
  const regexes: string[] = [];
  const origin = cors.origin;
  if (typeof origin === 'function') {
    issues.push({
      code: 'export-origin-predicate',
      path: 'cors.origin',
      message: `a function decides per request in Node; ${target} cannot run it. List the origins (exact, or patterns such as https://*.example.com), or ${GATEWAY}`,
    });
  }
  const entries = Array.isArray(origin) ? origin : [origin];
  entries.forEach((entry: unknown, index) => {
    if (!(entry instanceof RegExp)) return;
    const translated = translateRegExp(entry);
    if ('source' in translated) regexes.push(translated.source);
    else {
      const path = Array.isArray(origin) ? `cors.origin[${index}]` : 'cors.origin';
      issues.push({
        code: 'export-regexp-unsupported',
        path,
        message: `${String(entry)} uses ${translated.problem}, which ${target}'s regex engine does not read as JavaScript does; rewrite it without, use patterns such as https://*.example.com, or ${GATEWAY}`,
      });
    }
  });
  if (cors.debug !== undefined && cors.debug !== false) {
    issues.push({
      code: 'export-debug',
      path: 'cors.debug',
      message: `${target} cannot call back into Node for each decision; remove debug (use ${target}'s own access log, or \`corsguard check\` / \`corsguard audit\` against the running front)`,
    });
  }
  for (const option of ['methods', 'allowedHeaders', 'exposedHeaders']) {
    const value = cors[option];
    const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    names.forEach((name: unknown, index) => {
      if (typeof name === 'string' && UNQUOTABLE_NAME.test(name)) {
        issues.push({
          code: 'export-name-unsupported',
          path: `cors.${option}${Array.isArray(value) ? `[${index}]` : ''}`,
          message: `${JSON.stringify(name)} holds a character ($ % \` ' \\) that ${target}'s configuration would read as its own syntax; rename it, or ${GATEWAY}`,
        });
      }
    });
  }
  const csrf = cors.csrf as { exemptPaths?: unknown } | undefined;
  if (csrf !== null && typeof csrf === 'object' && Array.isArray(csrf.exemptPaths)) {
    csrf.exemptPaths.forEach((path: unknown, index) => {
      if (typeof path === 'string' && path.startsWith('/') && !SAFE_PATH.test(path)) {
        issues.push({
          code: 'export-path-unsupported',
          path: `cors.csrf.exemptPaths[${index}]`,
          message: `${JSON.stringify(path)} holds characters ${target}'s configuration cannot quote safely ($ ; ' or a quote); write them percent-encoded if that is how clients send them (%24 for $), or ${GATEWAY}`,
        });
      }
    });
  }
  return regexes;
}
