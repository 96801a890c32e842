import { parseArgs } from 'node:util';
import type { BrowserModel, CredentialsMode } from '../simulate/index.ts';
import { DEFAULT_TIMEOUT_MS, parseHeader, parseTimeout, UsageError } from './request-args.ts';

export { DEFAULT_TIMEOUT_MS, UsageError };

export interface CheckArgs {
  readonly url: string;
  readonly origin: string;
  readonly method: string;
  readonly headers: [string, string][];
  readonly credentials: CredentialsMode;
  readonly readHeaders: string[];
  /** The Cookie header value a credentialed request carries ('a=b; c=d'), if any. */
  readonly cookie: string | undefined;
  /** Milliseconds each exchange may take. */
  readonly timeout: number;
  /** Accept any TLS certificate (local HTTPS with a self-signed certificate). */
  readonly insecure: boolean;
  readonly json: boolean;
  readonly model: BrowserModel;
  readonly help: boolean;
  readonly version: boolean;
}


const OPTIONS = {
  origin: { type: 'string', short: 'o' },
  request: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  credentials: { type: 'boolean' },
  cookie: { type: 'string', multiple: true },
  'read-header': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  insecure: { type: 'boolean', short: 'k' },
  json: { type: 'boolean' },
  model: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Each --cookie is 'name=value' (or several joined by '; '); together they make one Cookie header. */
function parseCookies(values: readonly string[] | undefined): string | undefined {
  if (!values?.length) return undefined;
  for (const value of values) {
    const pairs = value.split(';').map((pair) => pair.trim()).filter(Boolean);
    if (pairs.length === 0 || pairs.some((pair) => pair.indexOf('=') <= 0) || /[\0\r\n]/.test(value)) {
      throw new UsageError(`--cookie '${value}' is not 'name=value' (several: 'a=1; b=2')`);
    }
  }
  return values.map((value) => value.trim().replace(/;\s*$/, '')).join('; ');
}

/** Parses `corsguard check` arguments; throws UsageError with a message for the user. */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const base = {
    method: values.request ?? 'GET',
    credentials: values.credentials ? 'include' : 'same-origin',
    readHeaders: values['read-header'] ?? [],
    insecure: values.insecure ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  } as const;
  if (base.help || base.version) {
    return { ...base, url: '', origin: '', headers: [], cookie: undefined, timeout: DEFAULT_TIMEOUT_MS, model: 'chromium' };
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing <url>' : `expected one <url>, got: ${positionals.join(' ')}`);
  if (!values.origin) throw new UsageError('missing --origin <origin> (the origin of the page that calls fetch)');
  const model = values.model ?? 'chromium';
  if (model !== 'chromium' && model !== 'fetch') throw new UsageError(`--model must be chromium or fetch, not '${model}'`);
  return {
    ...base,
    url: positionals[0] ?? '',
    origin: values.origin,
    headers: (values.header ?? []).map(parseHeader),
    cookie: parseCookies(values.cookie),
    timeout: parseTimeout(values.timeout),
    model,
  };
}
