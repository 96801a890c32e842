import { allowedActual, decision, type CorsDecision } from './decision.ts';
import type { DebugEvent } from './debug.ts';
import { didYouMean } from './did-you-mean.ts';
import { IssueList } from './errors.ts';
import { MAX_MAX_AGE } from './limits.ts';
import { compileAllowedHeaders, compileExposedHeaders, type HeaderTable } from './headers.ts';
import { compileMethods, type MethodTable } from './methods.ts';
import { OPTION_NAMES, type CorsOptions } from './options.ts';
import { compileOrigins, type OriginTable } from './origins.ts';
import { PEER_OPTIONS } from './peer-options.ts';

/** A validated, compiled policy: everything the per-request path needs, precomputed. */
export interface Policy {
  readonly origins: OriginTable;
  readonly credentials: boolean;
  readonly methods: MethodTable;
  readonly headers: HeaderTable;
  readonly maxAge: string | undefined;
  readonly privateNetwork: boolean;
  /** Status a granted preflight answers with; 0 with preflightContinue. */
  readonly preflightStatus: number;
  /** Status a refused preflight answers with; 0 with preflightContinue. */
  readonly preflightRefusedStatus: number;
  readonly csrf: { readonly exemptPaths: ReadonlySet<string> } | undefined;
  readonly debug: ((event: DebugEvent) => void) | undefined;
  /** Vary names for preflight responses and for every other response. */
  readonly preflightVary: string;
  readonly actualVary: string;
  /** Actual-request headers after ACAO's value: credentials and exposed headers. */
  readonly actualTail: readonly string[];
  /** Precomputed answers that do not depend on the request beyond their reason. */
  readonly notCors: CorsDecision;
  readonly anyOrigin: CorsDecision;
  readonly refusedActual: { readonly [K in RefusedOrigin]: CorsDecision };
  /** Refused preflights whose answer depends on nothing but their reason (no method or header to name). */
  readonly refusedPreflight: { readonly [K in RefusedOrigin | 'private-network-not-allowed']: CorsDecision };
  readonly csrfRejected: CorsDecision;
  /**
   * The allowed actual-request decision of every exact origin, built at compile time: one hash
   * look-up answers an exact origin, and a miss means the origin is not one of them.
   */
  readonly exactDecisions: ReadonlyMap<string, CorsDecision>;
}

/** Why an origin was refused. */
export type RefusedOrigin = 'origin-not-allowed' | 'origin-predicate-refused' | 'origin-null' | 'origin-malformed';

const DEFAULT_SUCCESS_STATUS = 204;

/** The options, validated and compiled one by one: every problem reported at once. */
function compileParts<Req>(options: CorsOptions<Req>) {
  const issues = new IssueList();
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    issues.report('options-not-object', 'options', "must be an object such as { origin: 'https://app.example.com' }.");
    issues.throwIfAny();
  }
  checkUnknownOptions(options, issues);

  const credentials = booleanOption(options, 'credentials', issues);
  const origins = compileOrigins(
    options.origin,
    {
      credentials,
      allowNull: booleanOption(options, 'dangerouslyAllowNullOrigin', issues),
      allowInsecure: booleanOption(options, 'dangerouslyAllowInsecureOrigins', issues),
      allowPublicSuffixWildcards: booleanOption(options, 'dangerouslyAllowPublicSuffixWildcards', issues),
      allowCustomSchemes: booleanOption(options, 'dangerouslyAllowCustomSchemeOrigins', issues),
    },
    issues,
  );
  const parts = {
    credentials,
    origins,
    methods: compileMethods(options.methods, issues),
    headers: compileAllowedHeaders(options.allowedHeaders, issues),
    exposed: compileExposedHeaders(options.exposedHeaders, credentials, issues),
    maxAge: compileMaxAge(options.maxAge, issues),
    privateNetwork: booleanOption(options, 'privateNetwork', issues),
    preflightContinue: booleanOption(options, 'preflightContinue', issues),
    successStatus: compileSuccessStatus(options.optionsSuccessStatus, issues),
    csrf: compileCsrf(options.csrf, origins.any, issues),
    debug: compileDebug(options.debug, issues),
  };
  issues.throwIfAny();
  return parts;
}

const NONE: readonly string[] = Object.freeze([]);

/** The refused decisions, which depend on nothing but their reason. */
function refusals(actualVary: string, preflightVary: string, preflightRefusedStatus: number) {
  const refused = (reason: RefusedOrigin | 'not-cors') =>
    Object.freeze(decision({ kind: 'actual', allowed: false, status: 0, headers: NONE, vary: actualVary, reason }));
  const refusedPreflight = (reason: RefusedOrigin | 'private-network-not-allowed') =>
    Object.freeze(
      decision({
        kind: 'preflight',
        allowed: false,
        status: preflightRefusedStatus,
        headers: NONE,
        vary: preflightVary,
        reason,
      }),
    );
  return {
    notCors: refused('not-cors'),
    refusedActual: {
      'origin-not-allowed': refused('origin-not-allowed'),
      'origin-predicate-refused': refused('origin-predicate-refused'),
      'origin-null': refused('origin-null'),
      'origin-malformed': refused('origin-malformed'),
    },
    refusedPreflight: {
      'origin-not-allowed': refusedPreflight('origin-not-allowed'),
      'origin-predicate-refused': refusedPreflight('origin-predicate-refused'),
      'origin-null': refusedPreflight('origin-null'),
      'origin-malformed': refusedPreflight('origin-malformed'),
      'private-network-not-allowed': refusedPreflight('private-network-not-allowed'),
    },
    csrfRejected: Object.freeze(
      decision({
        kind: 'actual',
        allowed: false,
        status: 403,
        headers: NONE,
        vary: actualVary,
        reason: 'csrf-rejected',
      }),
    ),
  };
}

export function compilePolicy<Req>(options: CorsOptions<Req>): Policy {
  const { credentials, origins, exposed, privateNetwork, preflightContinue, ...parts } = compileParts(options);
  const dependsOnOrigin = !origins.any;
  const preflightVary = [
    ...(dependsOnOrigin ? ['Origin'] : []),
    'Access-Control-Request-Method',
    'Access-Control-Request-Headers',
    ...(privateNetwork ? ['Access-Control-Request-Private-Network'] : []),
  ].join(', ');
  const actualVary = dependsOnOrigin ? 'Origin' : '';
  const actualTail = [
    ...(credentials ? ['access-control-allow-credentials', 'true'] : []),
    ...(exposed ? ['access-control-expose-headers', exposed] : []),
  ];
  const preflightRefusedStatus = preflightContinue ? 0 : 403;
  const anyOrigin = Object.freeze(
    decision({
      kind: 'actual',
      allowed: true,
      status: 0,
      headers: Object.freeze(['access-control-allow-origin', '*', ...actualTail]),
      vary: '',
      reason: 'any-origin',
    }),
  );
  const { notCors, refusedActual, refusedPreflight, csrfRejected } = refusals(
    actualVary,
    preflightVary,
    preflightRefusedStatus,
  );

  return {
    origins,
    credentials,
    methods: parts.methods,
    headers: parts.headers,
    maxAge: parts.maxAge,
    privateNetwork,
    preflightStatus: preflightContinue ? 0 : parts.successStatus,
    preflightRefusedStatus,
    csrf: parts.csrf,
    debug: parts.debug,
    preflightVary,
    actualVary,
    actualTail,
    notCors: origins.any ? anyOrigin : notCors,
    anyOrigin,
    refusedActual,
    refusedPreflight,
    csrfRejected,
    exactDecisions: new Map(
      [...origins.exact].map((origin) => [origin, Object.freeze(allowedActual(origin, actualTail, actualVary))]),
    ),
  };
}

function checkUnknownOptions(options: object, issues: IssueList): void {
  for (const name of Object.keys(options)) {
    if (OPTION_NAMES.includes(name)) continue;
    const peer = PEER_OPTIONS.get(name);
    if (peer?.kind === 'renamed') {
      issues.report(
        'option-renamed',
        name,
        `is not a corsguard option (it comes from ${peer.from}); corsguard calls it '${peer.ours}'.`,
      );
    } else if (peer?.kind === 'not-offered') {
      issues.report(
        'option-not-offered',
        name,
        `is not a corsguard option (it comes from ${peer.from}): ${peer.instead}`,
      );
    } else {
      const guess = didYouMean(name, OPTION_NAMES);
      issues.report(
        'unknown-option',
        name,
        `is not a corsguard option${guess ? `; did you mean '${guess}'?` : '.'} Known options: ${OPTION_NAMES.join(', ')}.`,
      );
    }
  }
}

function booleanOption(options: object, name: keyof CorsOptions, issues: IssueList): boolean {
  const value = (options as Record<string, unknown>)[name];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    issues.report('not-boolean', name, `must be true or false, got ${JSON.stringify(value) ?? typeof value}.`);
    return false;
  }
  return value;
}

function compileMaxAge(value: unknown, issues: IssueList): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_MAX_AGE) {
    issues.report(
      'max-age-invalid',
      'maxAge',
      `must be a whole number of seconds from 0 to ${MAX_MAX_AGE} (browsers cap it anyway: Chromium at 7200), got ${JSON.stringify(value) ?? typeof value}. Omit it for the browser default of 5 s.`,
    );
    return undefined;
  }
  return String(value);
}

function compileSuccessStatus(value: unknown, issues: IssueList): number {
  if (value === undefined) return DEFAULT_SUCCESS_STATUS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 200 || value > 299) {
    issues.report(
      'success-status-invalid',
      'optionsSuccessStatus',
      `must be a 2xx status (browsers fail preflights answered with anything else), got ${JSON.stringify(value) ?? typeof value}. Use 204 (the default) or 200 for very old clients.`,
    );
  }
  return typeof value === 'number' ? value : DEFAULT_SUCCESS_STATUS;
}

function compileCsrf(value: unknown, anyOrigin: boolean, issues: IssueList): Policy['csrf'] {
  if (value === undefined || value === false) return undefined;
  const exemptPaths = new Set<string>();
  if (value !== true) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      issues.report('csrf-invalid', 'csrf', "must be true, false or { exemptPaths: ['/path'] }.");
      return undefined;
    }
    for (const name of Object.keys(value)) {
      if (name !== 'exemptPaths')
        issues.report('csrf-unknown-option', `csrf.${name}`, 'is not a csrf option; the only one is exemptPaths.');
    }
    const paths = (value as { exemptPaths?: unknown }).exemptPaths;
    if (paths !== undefined && !Array.isArray(paths)) {
      issues.report(
        'csrf-exempt-paths-invalid',
        'csrf.exemptPaths',
        "must be an array of exact paths, e.g. ['/auth/saml/callback'].",
      );
    } else {
      (paths ?? []).forEach((path: unknown, index: number) => {
        if (typeof path !== 'string' || !path.startsWith('/') || /[?#\s]/.test(path)) {
          issues.report(
            'csrf-exempt-path-invalid',
            `csrf.exemptPaths[${index}]`,
            `must be an exact path starting with '/' and without query or fragment, got ${JSON.stringify(path)}.`,
          );
        } else {
          exemptPaths.add(path);
        }
      });
    }
  }
  if (anyOrigin) {
    issues.report(
      'csrf-with-any-origin',
      'csrf',
      "has no effect with origin: '*' (every origin is allowed, so nothing is rejected); list your origins or drop csrf.",
    );
  }
  return { exemptPaths };
}

function compileDebug(value: unknown, issues: IssueList): Policy['debug'] {
  if (value === undefined || value === false) return undefined;
  if (value === true) return logToConsole;
  if (typeof value === 'function') return value as (event: DebugEvent) => void;
  issues.report('debug-invalid', 'debug', 'must be true, false or a function receiving each decision event.');
  return undefined;
}

function logToConsole(event: DebugEvent): void {
  console.info(
    `[corsguard] ${event.kind} ${event.method} ${event.allowed ? 'allowed' : 'refused'} (${event.reason}): ${event.message}`,
  );
}
