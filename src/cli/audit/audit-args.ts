import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../../audit/index.ts';
import { parseCookies } from '../shared/request-args.ts';
import { parseHeader, parseMethod, parseTimeout, UsageError } from '../shared/request-args.ts';
import { originProblem } from './origins-file.ts';
import { argumentError } from '../shared/usage.ts';
import { PROXY_OPTION, proxyField } from '../shared/proxy-option.ts';
import type { ProxyConfig } from '../../transport/proxy-config.ts';

export type FailOn = Severity | 'none';

export interface AuditArgs {
  readonly urls: string[];
  /** --urls: a file, or '-' for standard input. */
  readonly urlsFile?: string;
  /** --openapi: an OpenAPI 3.0/3.1 document (JSON or YAML) whose paths are audited. */
  readonly openapi?: string;
  /** --both-schemes: a bare host name in a --urls list is audited over http: too. */
  readonly bothSchemes: boolean;
  readonly origins: string[];
  /** --untrusted: origins that must never be allowed. */
  readonly untrusted: string[];
  readonly originsFile?: string;
  readonly methods: string[];
  readonly headers: [string, string][];
  /** --cookie values joined into one Cookie header value. */
  readonly cookie?: string;
  readonly credentials: boolean;
  readonly json: boolean;
  readonly sarif?: string;
  /** --baseline: a previous --json report or SARIF log whose findings are not reported again. */
  readonly baseline?: string;
  readonly failOn: FailOn;
  readonly concurrency: number;
  readonly rate: number;
  readonly timeout: number;
  readonly unsafe: boolean;
  readonly insecure: boolean;
  /** --proxy, or HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  readonly proxy?: ProxyConfig;
  readonly help: boolean;
}

function positiveInteger(name: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || (!allowZero && number === 0) || number > 100_000) {
    throw new UsageError(`${name} must be a whole number from ${allowZero ? 0 : 1} to 100000, not '${value}'`);
  }
  return number;
}

function origin(value: string): string {
  if (value === 'null')
    throw new UsageError("--origin null: 'null' is never a trusted front end (the audit probes it as an attacker)");
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value) return value;
  } catch {
    // reported below
  }
  throw new UsageError(`--origin '${value}' is not an origin: scheme://host[:port], no path or trailing slash`);
}

function untrustedOrigin(value: string): string {
  const problem = originProblem(value);
  if (problem !== undefined) throw new UsageError(`--untrusted '${value}' ${problem}`);
  return value;
}

const OPTIONS = {
  origin: { type: 'string', short: 'o', multiple: true },
  untrusted: { type: 'string', multiple: true },
  'origins-file': { type: 'string' },
  request: { type: 'string', short: 'X', multiple: true },
  header: { type: 'string', short: 'H', multiple: true },
  credentials: { type: 'boolean' },
  cookie: { type: 'string', multiple: true },
  urls: { type: 'string' },
  'both-schemes': { type: 'boolean' },
  openapi: { type: 'string' },
  json: { type: 'boolean' },
  sarif: { type: 'string' },
  baseline: { type: 'string' },
  'fail-on': { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
  timeout: { type: 'string' },
  unsafe: { type: 'boolean' },
  insecure: { type: 'boolean' },
  ...PROXY_OPTION,
  help: { type: 'boolean', short: 'h' },
} as const;

function cookieOf(values: readonly string[] | undefined): { cookie?: string } {
  const cookie = parseCookies(values);
  return cookie === undefined ? {} : { cookie };
}

/** Parses `corsguard audit` arguments; throws UsageError with a message for the user. */
export function parseAuditArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): AuditArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw argumentError(error, OPTIONS);
  }
  const { values, positionals } = parsed;
  const failOn = values['fail-on'] ?? 'medium';
  if (failOn !== 'none' && !(SEVERITIES as readonly string[]).includes(failOn))
    throw new UsageError(`--fail-on must be one of info, low, medium, high, none; not '${failOn}'`);
  const help = values.help ?? false;
  if (!help && positionals.length === 0 && values.urls === undefined && values.openapi === undefined)
    throw new UsageError('missing <url> (or --urls <file>, --openapi <file>)');
  if (values['both-schemes'] && values.urls === undefined)
    throw new UsageError('--both-schemes applies to the host names of a --urls list: give --urls <file> or --urls -');
  return {
    urls: positionals,
    ...(values.urls === undefined ? {} : { urlsFile: values.urls }),
    bothSchemes: values['both-schemes'] ?? false,
    ...(values.openapi === undefined ? {} : { openapi: values.openapi }),
    origins: (values.origin ?? []).map(origin),
    untrusted: (values.untrusted ?? []).map(untrustedOrigin),
    ...(values['origins-file'] === undefined ? {} : { originsFile: values['origins-file'] }),
    methods: (values.request ?? []).map(parseMethod),
    headers: (values.header ?? []).map(parseHeader),
    ...cookieOf(values.cookie),
    credentials: values.credentials ?? false,
    json: values.json ?? false,
    ...(values.sarif === undefined ? {} : { sarif: values.sarif }),
    ...(values.baseline === undefined ? {} : { baseline: values.baseline }),
    failOn: failOn as FailOn,
    concurrency: positiveInteger('--concurrency', values.concurrency, 8),
    rate: positiveInteger('--rate', values.rate, 0, true),
    timeout: parseTimeout(values.timeout),
    unsafe: values.unsafe ?? false,
    insecure: values.insecure ?? false,
    ...proxyField(values.proxy, env),
    help,
  };
}
