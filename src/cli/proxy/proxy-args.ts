import { parseArgs } from 'node:util';
import { argumentError } from '../shared/usage.ts';
import type { ProxyCliIssue } from './proxy-issues.ts';
import { checkHost, checkPort, type PartialSettings } from './proxy-settings.ts';

export interface ProxyArgs {
  /** Undefined when the arguments could not be read at all (an unknown flag, a missing value). */
  readonly settings: PartialSettings | undefined;
  readonly config: string | undefined;
  readonly help: boolean;
}

const OPTIONS = {
  upstream: { type: 'string', short: 'u' },
  origin: { type: 'string', short: 'o', multiple: true },
  methods: { type: 'string' },
  'allowed-headers': { type: 'string' },
  'exposed-headers': { type: 'string' },
  credentials: { type: 'boolean' },
  'max-age': { type: 'string' },
  csrf: { type: 'boolean' },
  'private-network': { type: 'boolean' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'public-host': { type: 'string' },
  'dangerously-allow-body-methods': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'json-logs': { type: 'boolean' },
  timeout: { type: 'string' },
  'headers-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
  websockets: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--methods PUT,DELETE` → ['PUT', 'DELETE']. */
function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
}

/** A whole number, or the text as given so the option's validation reports it. */
function number(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^-?[0-9]+$/.test(value) ? Number(value) : value;
}

/**
 * Parses `corsguard proxy` flags onto settings, one flag per corsguard option. Unknown flags and
 * stray arguments become issues (as do bad ports); option values are checked by createProxy.
 */
export function parseProxyArgs(argv: readonly string[], issues: ProxyCliIssue[]): ProxyArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    issues.push({ code: 'argument-invalid', path: '(arguments)', message: argumentError(error, OPTIONS).message });
    return { settings: undefined, config: undefined, help: false };
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0)
    issues.push({
      code: 'argument-invalid',
      path: '(arguments)',
      message: `unexpected ${positionals.map((p) => `'${p}'`).join(' ')}; pass the upstream as --upstream <url>`,
    });
  const cors: Record<string, unknown> = {};
  if (values.origin !== undefined) cors.origin = values.origin.length === 1 ? values.origin[0] : values.origin;
  const set = (name: string, value: unknown) => {
    if (value !== undefined) cors[name] = value;
  };
  set('methods', list(values.methods));
  set('allowedHeaders', list(values['allowed-headers']));
  set('exposedHeaders', list(values['exposed-headers']));
  set('credentials', values.credentials);
  set('maxAge', number(values['max-age']));
  set('csrf', values.csrf);
  set('privateNetwork', values['private-network']);
  const settings: PartialSettings = { cors };
  if (values.upstream !== undefined) settings.upstream = values.upstream;
  if (values.port !== undefined) settings.port = checkPort(values.port, '--port', issues);
  if (values.host !== undefined) settings.host = checkHost(values.host, '--host', issues);
  if (values['public-host'] !== undefined) settings.publicHost = values['public-host'];
  if (values['dangerously-allow-body-methods'] !== undefined)
    settings.dangerouslyAllowBodyMethods = list(values['dangerously-allow-body-methods']);
  if (values.timeout !== undefined) settings.timeout = number(values.timeout) as number;
  if (values['headers-timeout'] !== undefined) settings.headersTimeout = number(values['headers-timeout']) as number;
  if (values['keep-alive-timeout'] !== undefined)
    settings.keepAliveTimeout = number(values['keep-alive-timeout']) as number;
  if (values['max-connections'] !== undefined) settings.maxConnections = number(values['max-connections']) as number;
  if (values.websockets !== undefined) settings.websockets = values.websockets;
  if (values['json-logs'] !== undefined) settings.jsonLogs = values['json-logs'];
  return { settings, config: values.config, help: values.help ?? false };
}
