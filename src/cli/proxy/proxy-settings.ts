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

/** Reads one setting from the file: undefined leaves it unset (after adding an issue, if any). */
type SettingReader<T> = (value: unknown, issues: ProxyCliIssue[]) => T | undefined;

/** How each setting is read from the file, in the order they are read and listed. */
const FILE_SETTINGS: { readonly [K in keyof ProxySettings]: SettingReader<ProxySettings[K]> } = {
  upstream: (value) => value as string,
  cors: readCors,
  // JSON has numbers: a port, like a timeout, is one ("port": 8093, not "8093").
  port: (value, issues) => checkPort(value, 'port', issues, false),
  host: (value, issues) => checkHost(value, 'host', issues),
  // Types of the remaining settings are checked by createProxy, with the same codes as for the library.
  publicHost: (value) => value as string,
  dangerouslyAllowBodyMethods: (value) => value as string[],
  timeout: (value) => value as number,
  headersTimeout: (value) => value as number,
  keepAliveTimeout: (value) => value as number,
  maxConnections: (value) => value as number,
  websockets: (value) => value as boolean,
  jsonLogs: readJsonLogs,
};

const SETTING_NAMES = Object.keys(FILE_SETTINGS) as (keyof ProxySettings)[];
const FILE_KEYS: readonly string[] = ['$schema', ...SETTING_NAMES];

/**
 * Reads a corsguard.json; problems are added to `issues` with the file's key paths. Undefined when
 * the file cannot be read as a JSON object at all.
 */
export function readSettingsFile(path: string, issues: ProxyCliIssue[]): PartialSettings | undefined {
  const file = readJsonObject(path, issues);
  if (file === undefined) return undefined;
  reportUnknownKeys(file, issues);
  const settings: PartialSettings = {};
  for (const name of SETTING_NAMES) readSetting(file, name, settings, issues);
  return settings;
}

/** The file's top-level object, or undefined with an issue when it cannot be read, is not JSON, or is not an object. */
function readJsonObject(path: string, issues: ProxyCliIssue[]): Record<string, unknown> | undefined {
  const text = readText(path, issues);
  if (text === undefined) return undefined;
  const data = parseJson(text.replace(/^\uFEFF/, ''), path, issues);
  if (data === undefined) return undefined;
  if (isObject(data)) return data;
  issues.push({
    code: 'config-file-invalid',
    path,
    message: 'the file must hold one JSON object: { "upstream": …, "cors": { "origin": … } }',
  });
  return undefined;
}

function readText(path: string, issues: ProxyCliIssue[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    issues.push({
      code: 'config-file-invalid',
      path,
      message: `cannot read the file: ${code === 'ENOENT' ? 'it does not exist' : message}`,
    });
    return undefined;
  }
}

/** The parsed JSON, or undefined with an issue. */
function parseJson(text: string, path: string, issues: ProxyCliIssue[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    issues.push(notJsonIssue(text, path, error as Error));
    return undefined;
  }
}

/** Where the text stops being JSON, with a path of `file:line:column` (editors open it there). */
function notJsonIssue(text: string, path: string, error: Error): ProxyCliIssue {
  const where = jsonSyntaxError(text);
  if (where === undefined) return { code: 'config-file-invalid', path, message: `not valid JSON: ${error.message}` };
  const { line, column, found } = where;
  return {
    code: 'config-file-invalid',
    path: `${path}:${line}:${column}`,
    message: `not valid JSON: unexpected ${found} at line ${line}, column ${column}`,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function reportUnknownKeys(file: Record<string, unknown>, issues: ProxyCliIssue[]): void {
  for (const key of Object.keys(file)) {
    if (!FILE_KEYS.includes(key))
      issues.push({ code: 'proxy-unknown-option', path: key, message: unknownSetting(key) });
  }
}

/** Copies one setting the file gives into `settings`, read by its FILE_SETTINGS entry. */
function readSetting<K extends keyof ProxySettings>(
  file: Record<string, unknown>,
  name: K,
  settings: PartialSettings,
  issues: ProxyCliIssue[],
): void {
  if (file[name] === undefined) return;
  const value = FILE_SETTINGS[name](file[name], issues);
  if (value !== undefined) settings[name] = value;
}

function readCors(value: unknown, issues: ProxyCliIssue[]): Record<string, unknown> | undefined {
  if (isObject(value)) return value;
  issues.push({
    code: 'proxy-options-not-object',
    path: 'cors',
    message: 'must be an object of corsguard options: { "origin": "https://app.example.com" }',
  });
  return undefined;
}

function readJsonLogs(value: unknown, issues: ProxyCliIssue[]): boolean | undefined {
  if (typeof value === 'boolean') return value;
  issues.push({
    code: 'json-logs-invalid',
    path: 'jsonLogs',
    message: `must be true or false, not ${JSON.stringify(value)}`,
  });
  return undefined;
}

/** A top-level key that is not a setting: a CORS option belongs under "cors"; a near miss gets its name. */
function unknownSetting(key: string): string {
  if (OPTION_NAMES.includes(key))
    return `unknown setting; did you mean cors.${key}? CORS options go under "cors": { "${key}": … }`;
  const guess = didYouMean(key, SETTING_NAMES);
  return `unknown setting${guess === undefined ? '' : `; did you mean ${guess}?`} The settings are ${SETTING_NAMES.join(', ')}`;
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
