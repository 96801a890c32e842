// `corsguard proxy` settings: the config file (corsguard.json, checked against schema.json) and the
// flags, merged with the flags winning, before createProxy validates the result.
import { readFileSync } from 'node:fs';
import type { CorsOptions } from '../core/options.ts';
import type { ProxyIssue } from '../proxy/config-error.ts';
import type { ProxyRequest } from '../proxy/options.ts';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

/** Everything `corsguard proxy` runs with. */
export interface ProxySettings {
  readonly upstream: string | undefined;
  readonly cors: Record<string, unknown>;
  readonly port: number;
  readonly host: string;
  readonly publicHost: string | undefined;
  readonly timeout: number | undefined;
  readonly headersTimeout: number | undefined;
  readonly keepAliveTimeout: number | undefined;
  readonly websockets: boolean;
  readonly jsonLogs: boolean;
}

/** The settings a file or the flags give; anything absent comes from the other source or the defaults. */
export type PartialSettings = { -readonly [K in keyof ProxySettings]?: ProxySettings[K] };

const FILE_KEYS = ['$schema', 'upstream', 'cors', 'port', 'host', 'publicHost', 'timeout', 'headersTimeout', 'keepAliveTimeout', 'websockets', 'jsonLogs'];

/**
 * Reads a corsguard.json; problems are added to `issues` with the file's key paths. Undefined when
 * the file cannot be read as a JSON object at all.
 */
export function readSettingsFile(path: string, issues: ProxyIssue[]): PartialSettings | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    issues.push({ code: 'config-file-invalid', path, message: `cannot read it as JSON: ${(error as Error).message}` });
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issues.push({ code: 'config-file-invalid', path, message: 'the file must hold one JSON object: { "upstream": …, "cors": { "origin": … } }' });
    return undefined;
  }
  const file = data as Record<string, unknown>;
  for (const key of Object.keys(file)) {
    if (!FILE_KEYS.includes(key)) issues.push({ code: 'proxy-unknown-option', path: key, message: `unknown setting; the settings are ${FILE_KEYS.slice(1).join(', ')}` });
  }
  const settings: PartialSettings = {};
  if (file.upstream !== undefined) settings.upstream = String(file.upstream);
  if (file.cors !== undefined) {
    if (file.cors === null || typeof file.cors !== 'object' || Array.isArray(file.cors)) {
      issues.push({ code: 'proxy-options-not-object', path: 'cors', message: 'must be an object of corsguard options: { "origin": "https://app.example.com" }' });
    } else settings.cors = file.cors as Record<string, unknown>;
  }
  if (file.port !== undefined) settings.port = checkPort(file.port, 'port', issues);
  if (file.host !== undefined) settings.host = String(file.host);
  if (file.publicHost !== undefined) settings.publicHost = file.publicHost as string;
  if (file.timeout !== undefined) settings.timeout = file.timeout as number;
  if (file.headersTimeout !== undefined) settings.headersTimeout = file.headersTimeout as number;
  if (file.keepAliveTimeout !== undefined) settings.keepAliveTimeout = file.keepAliveTimeout as number;
  if (file.websockets !== undefined) settings.websockets = file.websockets as boolean;
  if (typeof file.jsonLogs === 'boolean') settings.jsonLogs = file.jsonLogs;
  else if (file.jsonLogs !== undefined) issues.push({ code: 'json-logs-invalid', path: 'jsonLogs', message: `must be true or false, not ${JSON.stringify(file.jsonLogs)}` });
  return settings;
}

/** A port from 0 (any free port) to 65535; reports and returns the default otherwise. */
export function checkPort(value: unknown, path: string, issues: ProxyIssue[]): number {
  const port = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65_535) return port;
  issues.push({ code: 'port-invalid', path, message: `must be a port number from 0 (any free port) to 65535, not ${JSON.stringify(value)}` });
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
    timeout: flags.timeout ?? file.timeout,
    headersTimeout: flags.headersTimeout ?? file.headersTimeout,
    keepAliveTimeout: flags.keepAliveTimeout ?? file.keepAliveTimeout,
    websockets: flags.websockets ?? file.websockets ?? false,
    jsonLogs: flags.jsonLogs ?? file.jsonLogs ?? false,
  };
}

/** The CORS options as the proxy takes them (the engine validates every value). */
export function corsOptions(settings: ProxySettings): CorsOptions<ProxyRequest> {
  return settings.cors as unknown as CorsOptions<ProxyRequest>;
}
