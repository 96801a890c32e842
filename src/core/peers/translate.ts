// A peer's options (expressjs/cors, @fastify/cors) translated at start-up into a corsguard policy:
// the peer's defaults filled in, its value shapes turned into corsguard's, what is unsafe refused
// with a message saying what the peer did and what to write instead. corsguard's own options pass
// through, so a configuration written for the named export works here too.
import { createCors, type Cors } from '../cors.ts';
import { CorsConfigError, IssueList, type ConfigIssue, type ConfigIssueCode } from '../errors.ts';
import type { CorsOptions } from '../options.ts';
import { peerAllowedHeaders, peerExposedHeaders, peerMaxAge, peerMethods } from './lists.ts';
import { translateOrigin } from './origin.ts';
import type { PeerSpec } from './spec.ts';

/** The peer leaves CORS off for this middleware (`origin: false`), or corsguard's options. */
export type PeerTranslation<Req> = { readonly off: true } | { readonly off: false; readonly options: CorsOptions<Req> };

/** The peers' "reflect Access-Control-Request-Headers": every name, `Authorization` included. */
const ANY_HEADER: readonly string[] = Object.freeze(['*', 'Authorization']);

const unset = (value: unknown): boolean => value === undefined || value === null || value === '';

export function translatePeerOptions<Req>(
  raw: unknown,
  spec: PeerSpec,
  thisArg: unknown,
  issues: IssueList,
): PeerTranslation<Req> {
  if (raw === undefined || raw === null) raw = {};
  // Not an object: corsguard's validation says so.
  if (typeof raw !== 'object' || Array.isArray(raw)) return { off: false, options: raw as CorsOptions<Req> };
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw as object)) {
    if (!spec.adapterOptions.has(name)) options[spec.aliases.get(name) ?? name] = value;
  }
  const credentials = spec.credentials(options.credentials);
  const origin = translateOrigin(options.origin, credentials, spec, thisArg, issues);
  if (origin.off) return origin;
  options.origin = origin.origin;
  if (origin.credentials) options.credentials = true;
  else delete options.credentials;
  if (origin.allowNull && options.dangerouslyAllowNullOrigin === undefined) options.dangerouslyAllowNullOrigin = true;
  options.methods = peerMethods(unset(options.methods) ? spec.methods : options.methods);
  options.allowedHeaders = unset(options.allowedHeaders) ? ANY_HEADER : peerAllowedHeaders(options.allowedHeaders);
  if (unset(options.exposedHeaders)) delete options.exposedHeaders;
  else options.exposedHeaders = peerExposedHeaders(options.exposedHeaders);
  if (unset(options.maxAge)) delete options.maxAge;
  else options.maxAge = peerMaxAge(options.maxAge);
  if (options.preflightContinue) options.preflightContinue = true;
  else delete options.preflightContinue;
  if (options.optionsSuccessStatus === undefined || options.optionsSuccessStatus === null)
    delete options.optionsSuccessStatus;
  return { off: false, options: options as unknown as CorsOptions<Req> };
}

/**
 * Translates and compiles: the engine, or undefined when the options turn CORS off. Throws one
 * CorsConfigError with every problem of both steps, corsguard's own messages put in the peer's terms.
 */
export function createPeerCors<Req>(raw: unknown, spec: PeerSpec, thisArg?: unknown): Cors<Req> | undefined {
  const issues = new IssueList();
  const translated = translatePeerOptions<Req>(raw, spec, thisArg, issues);
  let engine: Cors<Req> | undefined;
  let compileIssues: readonly ConfigIssue[] = [];
  if (!translated.off) {
    try {
      engine = createCors<Req>(translated.options);
    } catch (error) {
      if (!(error instanceof CorsConfigError)) throw error;
      compileIssues = error.issues;
    }
  }
  if (issues.issues.length === 0 && compileIssues.length === 0) return engine;
  // A refusal explained in the peer's terms replaces corsguard's own for the same rule.
  const explained = new Set(issues.issues.map((issue) => issue.code));
  const rest = compileIssues.filter((issue) => !explained.has(issue.code)).map((issue) => inPeerTerms(issue, spec));
  throw new CorsConfigError([...issues.issues, ...rest]);
}

/** What the peer did, put before corsguard's message for the refusals a migrating user meets. */
const PEER_CONTEXT: Partial<Record<ConfigIssueCode, (peer: string) => string>> = {
  'origin-regexp-unanchored': (peer) =>
    `${peer} tested this RegExp anywhere in the Origin header (its README's /example\\.com$/ lets https://evil-example.com in), and corsguard refuses it:`,
  'origin-regexp-alternation': (peer) =>
    `${peer} tested this RegExp anywhere in the Origin header, and corsguard refuses it:`,
  'origin-insecure-with-credentials': (peer) =>
    `${peer} gave credentials to this http: origin, whose pages anyone on the network path can rewrite to read your users' data, and corsguard refuses it:`,
};

function inPeerTerms(issue: ConfigIssue, spec: PeerSpec): ConfigIssue {
  const context = PEER_CONTEXT[issue.code];
  return context === undefined ? issue : { ...issue, message: `${context(spec.name)} ${issue.message}` };
}
