import { parseArgs } from 'node:util';
import { BROWSER_MODELS, type BrowserModel, type CredentialsMode, type SimulatedCookie } from '../../simulate/index.ts';
import { cookieHeader, parseCookieSpecs } from './check-cookies.ts';
import { ENGINE_MODELS } from './check-browsers.ts';
import { DEFAULT_TIMEOUT_MS, parseHeader, parseTimeout, UsageError } from '../shared/request-args.ts';
import { argumentError } from '../shared/usage.ts';
import { PROXY_OPTION, proxyField } from '../shared/proxy-option.ts';
import type { ProxyConfig } from '../../transport/proxy-config.ts';

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
  /** The --cookie cookies with their attributes and how they were set (--cookie-set-by). */
  readonly cookies: readonly SimulatedCookie[];
  /** Milliseconds each exchange may take. */
  readonly timeout: number;
  /** Accept any TLS certificate (local HTTPS with a self-signed certificate). */
  readonly insecure: boolean;
  /** --proxy, or HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  readonly proxy?: ProxyConfig;
  readonly json: boolean;
  readonly model: BrowserModel;
  /** --browser all: one verdict per engine, side by side. */
  readonly allBrowsers: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

const OPTIONS = {
  origin: { type: 'string', short: 'o' },
  request: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  credentials: { type: 'boolean' },
  cookie: { type: 'string', multiple: true },
  'cookie-set-by': { type: 'string' },
  'read-header': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  insecure: { type: 'boolean', short: 'k' },
  json: { type: 'boolean' },
  model: { type: 'string' },
  browser: { type: 'string', short: 'b' },
  ...PROXY_OPTION,
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function cookiesOf(values: readonly string[] | undefined, setBy: string | undefined, origin: string) {
  const cookies = parseCookieSpecs(values, setBy, origin);
  return { cookies, cookie: cookieHeader(cookies) };
}

/** Parses `corsguard check` arguments; throws UsageError with a message for the user. */
export function parseCheckArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CheckArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw argumentError(error, OPTIONS);
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
    return {
      ...base,
      url: '',
      origin: '',
      headers: [],
      cookie: undefined,
      cookies: [],
      timeout: DEFAULT_TIMEOUT_MS,
      model: 'chromium',
      allBrowsers: false,
    };
  }
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? 'missing <url>' : `expected one <url>, got: ${positionals.join(' ')}`,
    );
  if (!values.origin) throw new UsageError('missing --origin <origin> (the origin of the page that calls fetch)');
  const { model, allBrowsers } = pickModel(values.model, values.browser);
  return {
    ...base,
    url: positionals[0] ?? '',
    origin: values.origin,
    headers: (values.header ?? []).map(parseHeader),
    ...cookiesOf(values.cookie, values['cookie-set-by'], values.origin),
    timeout: parseTimeout(values.timeout),
    ...proxyField(values.proxy, env),
    model,
    allBrowsers,
  };
}

/** --browser names an engine or 'all'; --model any model, 'fetch' (the standard) included. One of them at most. */
function pickModel(
  model: string | undefined,
  browser: string | undefined,
): { model: BrowserModel; allBrowsers: boolean } {
  if (model !== undefined && browser !== undefined)
    throw new UsageError('give --browser or --model, not both (--model fetch is the standard; --browser an engine)');
  if (browser !== undefined) {
    if (browser === 'all') return { model: 'chromium', allBrowsers: true };
    if (!(ENGINE_MODELS as readonly string[]).includes(browser))
      throw new UsageError(`--browser must be ${ENGINE_MODELS.join(', ')} or all, not '${browser}'`);
    return { model: browser as BrowserModel, allBrowsers: false };
  }
  const chosen = model ?? 'chromium';
  if (!(BROWSER_MODELS as readonly string[]).includes(chosen))
    throw new UsageError(`--model must be ${BROWSER_MODELS.join(', ')}, not '${chosen}'`);
  return { model: chosen as BrowserModel, allBrowsers: false };
}
