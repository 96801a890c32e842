// `corsguard proxy` settings: the config file (corsguard.json, checked against schema.json) and the
// flags, merged with the flags winning, before createProxy validates the result.
import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { didYouMean } from '../../core/did-you-mean.ts';
import { jsonSyntaxError } from './proxy-json.ts';
import { OPTION_NAMES, type CorsOptions } from '../../core/options.ts';
import type { ProxyCliIssue } from './proxy-issues.ts';
import type { ProxyRequest } from '../../proxy/options.ts';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

/** Everything `corsguard proxy` runs with. */
export interface ProxySettings {
  readonly upstream: string | undefined;
  readonly cors: Record<string, unknown>;
  readonly port: number;
  readonly host: string;
  readonly publicHost: string | undefined;
  readonly dangerouslyAllowBodyMethods: readonly string[] | undefined;
  readonly timeout: number | undefined;
  readonly headersTimeout: number | undefined;
  readonly keepAliveTimeout: number | undefined;
  readonly maxConnections: number | undefined;
  readonly websockets: boolean;
  readonly jsonLogs: boolean;
}

/** The settings a file or the flags give; anything absent comes from the other source or the defaults. */
export type PartialSettings = { -readonly [K in keyof ProxySettings]?: ProxySettings[K] };

const FILE_KEYS = [
  '$schema',
  'upstream',
  'cors',
  'port',
  'host',
  'publicHost',
  'dangerouslyAllowBodyMethods',
  'timeout',
  'headersTimeout',
  'keepAliveTimeout',
  'maxConnections',
  'websockets',
  'jsonLogs',
];

/**
 * Reads a corsguard.json; problems are added to `issues` with the file's key paths. Undefined when
 * the file cannot be read as a JSON object at all.
 */
export function readSettingsFile(path: string, issues: ProxyCliIssue[]): PartialSettings | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    issues.push({
      code: 'config-file-invalid',
      path,
      message: `cannot read the file: ${code === 'ENOENT' ? 'it does not exist' : message}`,
    });
    return undefined;
  }
  const data = parseJson(text.replace(/^\uFEFF/, ''), path, issues);
  if (data === undefined) return undefined;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issues.push({
      code: 'config-file-invalid',
      path,
      message: 'the file must hold one JSON object: { "upstream": …, "cors": { "origin": … } }',
    });
    return undefined;
  }
  const file = data as Record<string, unknown>;
  for (const key of Object.keys(file)) {
    if (!FILE_KEYS.includes(key))
      issues.push({ code: 'proxy-unknown-option', path: key, message: unknownSetting(key) });
  }
  const settings: PartialSettings = {};
  if (file.upstream !== undefined) settings.upstream = file.upstream as string;
  if (file.cors !== undefined) {
    if (file.cors === null || typeof file.cors !== 'object' || Array.isArray(file.cors)) {
      issues.push({
        code: 'proxy-options-not-object',
        path: 'cors',
        message: 'must be an object of corsguard options: { "origin": "https://app.example.com" }',
      });
    } else settings.cors = file.cors as Record<string, unknown>;
  }
  // JSON has numbers: a port, like a timeout, is one ("port": 8093, not "8093").
  if (file.port !== undefined) settings.port = checkPort(file.port, 'port', issues, false);
  if (file.host !== undefined) settings.host = checkHost(file.host, 'host', issues);
  // Types of the remaining settings are checked by createProxy, with the same codes as for the library.
  if (file.publicHost !== undefined) settings.publicHost = file.publicHost as string;
  if (file.dangerouslyAllowBodyMethods !== undefined)
    settings.dangerouslyAllowBodyMethods = file.dangerouslyAllowBodyMethods as string[];
  if (file.timeout !== undefined) settings.timeout = file.timeout as number;
  if (file.headersTimeout !== undefined) settings.headersTimeout = file.headersTimeout as number;
  if (file.keepAliveTimeout !== undefined) settings.keepAliveTimeout = file.keepAliveTimeout as number;
  if (file.maxConnections !== undefined) settings.maxConnections = file.maxConnections as number;
  if (file.websockets !== undefined) settings.websockets = file.websockets as boolean;
  if (typeof file.jsonLogs === 'boolean') settings.jsonLogs = file.jsonLogs;
  else if (file.jsonLogs !== undefined)
    issues.push({
      code: 'json-logs-invalid',
      path: 'jsonLogs',
      message: `must be true or false, not ${JSON.stringify(file.jsonLogs)}`,
    });
  return settings;
}

/** The parsed JSON, or undefined with an issue whose path is `file:line:column` (editors open it there). */
function parseJson(text: string, path: string, issues: ProxyCliIssue[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const where = jsonSyntaxError(text);
    issues.push(
      where === undefined
        ? { code: 'config-file-invalid', path, message: `not valid JSON: ${(error as Error).message}` }
        : {
            code: 'config-file-invalid',
            path: `${path}:${where.line}:${where.column}`,
            message: `not valid JSON: unexpected ${where.found} at line ${where.line}, column ${where.column}`,
          },
    );
    return undefined;
  }
}

/** A top-level key that is not a setting: a CORS option belongs under "cors"; a near miss gets its name. */
function unknownSetting(key: string): string {
  if (OPTION_NAMES.includes(key))
    return `unknown setting; did you mean cors.${key}? CORS options go under "cors": { "${key}": … }`;
  const guess = didYouMean(key, FILE_KEYS.slice(1));
  return `unknown setting${guess === undefined ? '' : `; did you mean ${guess}?`} The settings are ${FILE_KEYS.slice(1).join(', ')}`;
}

/** An address to listen on: a host name or IP address, no scheme, port or path. */
export function checkHost(value: unknown, path: string, issues: ProxyCliIssue[]): string {
  if (typeof value === 'string' && (/^[A-Za-z0-9.-]+$/.test(value) || isIPv6(value.replace(/%[\w.-]+$/, ''))))
    return value;
  issues.push({
    code: 'host-invalid',
    path,
    message: `must be an address to listen on, such as "127.0.0.1", "0.0.0.0" or "::" (no scheme or port), not ${JSON.stringify(value)}`,
  });
  return DEFAULT_HOST;
}

/**
 * A port from 0 (any free port) to 65535; reports and returns the default otherwise. A flag's
 * digits are a port (`fromText`); in the config file only a JSON number is.
 */
export function checkPort(value: unknown, path: string, issues: ProxyCliIssue[], fromText = true): number {
  const port = fromText && typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65_535) return port;
  const hint =
    typeof value === 'string' && /^[0-9]+$/.test(value)
      ? `: write it as a number, ${value}, not the string ${JSON.stringify(value)}`
      : `, not ${JSON.stringify(value)}`;
  issues.push({ code: 'port-invalid', path, message: `must be a port number from 0 (any free port) to 65535${hint}` });
  return DEFAULT_PORT;
}

/** The file's settings with the flags' on top; a CORS flag replaces that one option. */
export function mergeSettings(file: PartialSettings, flags: PartialSettings): ProxySettings {
  return {
    upstream: flags.upstream ?? file.upstream,
    cors: { ...file.cors, ...flags.cors },
    port: flags.port ?? file.port ?? DEFAULT_PORT,
    host: flags.host ?? file.host ?? DEFAULT_HOST,
    publicHost: flags.publicHost ?? file.publicHost,
    dangerouslyAllowBodyMethods: flags.dangerouslyAllowBodyMethods ?? file.dangerouslyAllowBodyMethods,
    timeout: flags.timeout ?? file.timeout,
    headersTimeout: flags.headersTimeout ?? file.headersTimeout,
    keepAliveTimeout: flags.keepAliveTimeout ?? file.keepAliveTimeout,
    maxConnections: flags.maxConnections ?? file.maxConnections,
    websockets: flags.websockets ?? file.websockets ?? false,
    jsonLogs: flags.jsonLogs ?? file.jsonLogs ?? false,
  };
}

/** The CORS options as the proxy takes them (the engine validates every value). */
export function corsOptions(settings: ProxySettings): CorsOptions<ProxyRequest> {
  return settings.cors as unknown as CorsOptions<ProxyRequest>;
}
