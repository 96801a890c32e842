// `corsguard proxy`: the CORS gateway as a command. Prints one "listening on" line when ready, a
// log line per request, a line when connections are refused past max-connections, and on SIGTERM
// "draining N requests", then "stopped" before exiting 0.
import { createProxyServer } from '../../proxy/create-proxy.ts';
import { ProxyConfigError } from '../../proxy/config-error.ts';
import type { ProxyCliIssue } from './proxy-issues.ts';
import type { ProxyLogEntry } from '../../proxy/log.ts';
import type { CliIo } from '../shared/io.ts';
import { parseProxyArgs } from './proxy-args.ts';
import { serveProxy, type ProxyServer, type RunningProxyCommand } from './proxy-lifecycle.ts';
import {
  corsOptions,
  DEFAULT_HOST,
  DEFAULT_PORT,
  mergeSettings,
  readSettingsFile,
  type PartialSettings,
  type ProxySettings,
} from './proxy-settings.ts';

export type { RunningProxyCommand } from './proxy-lifecycle.ts';

export const PROXY_HELP = `Usage: corsguard proxy --upstream <url> --origin <origin>... [options]

A CORS gateway in front of an API you cannot change: every request goes to <url> (and nowhere
else), with CORS answered by the same validated policy as corsguard's middleware.

Options:
  -u, --upstream <url>         the API, with an optional base path: https://api.example.com/v1
  -o, --origin <origin>        an origin allowed to read responses (repeatable; patterns such
                               as https://*.example.com are allowed)
      --methods <list>         methods beyond GET, HEAD, POST: PUT,DELETE
      --allowed-headers <list> request headers beyond the safelisted: Content-Type,Authorization
      --exposed-headers <list> response headers scripts may read: X-Total-Count
      --credentials            let cookies cross (Cookie and Set-Cookie are dropped without
                               it) and pages read credentialed responses; every cookie the
                               browser sends to the gateway's host goes upstream, parent-
                               domain ones included. An Authorization header a page sets is
                               forwarded either way (list it in --allowed-headers, the
                               browser preflights it)
      --max-age <seconds>      how long browsers may cache a preflight
      --csrf                   403 for state-changing requests from other origins
      --private-network        answer Private Network Access preflights
  -p, --port <port>            port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
      --host <host>            address to listen on (default ${DEFAULT_HOST})
      --public-host <host>     the host browsers reach the gateway at, sent upstream as
                               X-Forwarded-Host (default: the client's Host as sent)
      --dangerously-allow-body-methods <list>
                               forward request bodies on these methods too (DELETE); by
                               default only POST, PUT and PATCH bodies are, others get 400.
                               An upstream that ignores a DELETE's Content-Length runs its
                               body as a second request no gateway check saw
  -c, --config <file>          settings as JSON (schema: corsguard/schema.json); flags override it
      --json-logs              one JSON object per request instead of a text line
      --timeout <ms>           wait for upstream headers and any idle gap in a body (default 30000)
      --headers-timeout <ms>   time a client has to send a request head; 408 after it (default
                               10000; bodies are not bounded by it)
      --keep-alive-timeout <ms>
                               close idle keep-alive connections after it (default 5000)
      --max-connections <n>    client connections served at once; more are closed on accept
                               (default 10000, at most half the file-descriptor limit)
      --websockets             proxy WebSocket upgrades from allowed origins (403 for others)
  -h, --help                   show this help

Exit status: 0 after SIGTERM or SIGINT (in-flight requests drained), 2 for invalid settings.

Example:
  corsguard proxy --upstream https://api.vendor.example --origin https://app.example.com \\
                  --methods PUT,DELETE --allowed-headers Content-Type --credentials
`;

/** How long SIGTERM waits for requests in flight before closing their connections. */
export const DRAIN_MS = 10_000;

/**
 * Starts `corsguard proxy …args` in this process. Resolves with the running command, or with an
 * exit status when it does not run (help: 0; invalid settings: 2, each problem listed on stderr).
 * `drainMs` bounds how long stop() waits for requests in flight and open WebSockets.
 */
export async function startProxyCommand(
  argv: readonly string[],
  io: CliIo,
  drainMs = DRAIN_MS,
): Promise<RunningProxyCommand | number> {
  const issues: ProxyCliIssue[] = [];
  const args = parseProxyArgs(argv, issues);
  if (args.help) {
    io.stdout(PROXY_HELP);
    return 0;
  }
  const file: PartialSettings | undefined = args.config === undefined ? {} : readSettingsFile(args.config, issues);
  // Arguments or a file that cannot be read at all: say so, without the problems that follow from it.
  if (args.settings === undefined || file === undefined) return invalid(issues, io);
  const settings = mergeSettings(file, args.settings);
  const server = proxyServer(settings, io, issues);
  if (issues.length > 0 || server === undefined) {
    server?.proxy.close();
    return invalid(issues, io);
  }
  return serveProxy(server, settings, io, drainMs);
}

/** The gateway for `settings`, logging to stdout; undefined, with its issues added, when they are invalid. */
function proxyServer(settings: ProxySettings, io: CliIo, issues: ProxyCliIssue[]): ProxyServer | undefined {
  const log = settings.jsonLogs
    ? (entry: ProxyLogEntry) => io.stdout(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`)
    : (entry: ProxyLogEntry) => io.stdout(`${formatLogLine(entry)}\n`);
  try {
    return createProxyServer({
      upstream: settings.upstream as string,
      cors: corsOptions(settings),
      ...(settings.timeout === undefined ? {} : { timeout: settings.timeout }),
      ...(settings.headersTimeout === undefined ? {} : { headersTimeout: settings.headersTimeout }),
      ...(settings.keepAliveTimeout === undefined ? {} : { keepAliveTimeout: settings.keepAliveTimeout }),
      ...(settings.maxConnections === undefined ? {} : { maxConnections: settings.maxConnections }),
      websockets: settings.websockets,
      ...(settings.publicHost === undefined ? {} : { publicHost: settings.publicHost }),
      ...(settings.dangerouslyAllowBodyMethods === undefined
        ? {}
        : { dangerouslyAllowBodyMethods: settings.dangerouslyAllowBodyMethods }),
      onLog: log,
    });
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/** Lists every problem on stderr, each with its code; exit status 2. */
function invalid(issues: readonly ProxyCliIssue[], io: CliIo): number {
  const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message} [${issue.code}]`);
  io.stderr(
    `corsguard proxy: invalid settings (${issues.length}):\n${lines.join('\n')}\n\nRun 'corsguard proxy --help' for the options.\n`,
  );
  return 2;
}

/** `corsguard proxy …` until SIGTERM or SIGINT; resolves to the exit status. */
export async function runProxy(argv: readonly string[], io: CliIo): Promise<number> {
  const started = await startProxyCommand(argv, io);
  if (typeof started === 'number') return started;
  const onSignal = () => {
    void started.stop();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const code = await started.exited;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  return code;
}

/** `GET /items 200 origin="https://app.example.com" reason=origin-allowed upstream=200 3.1ms`. */
function formatLogLine(entry: ProxyLogEntry): string {
  const parts = [
    entry.method,
    printable(entry.path),
    String(entry.status),
    `origin=${entry.origin === undefined ? '-' : quote(entry.origin)}`,
    `reason=${entry.reason ?? '-'}`,
    `upstream=${entry.upstreamStatus ?? '-'}`,
  ];
  if (entry.outcome !== 'proxied' && entry.outcome !== 'answered') parts.push(`outcome=${entry.outcome}`);
  parts.push(`${entry.ms}ms`);
  return parts.join(' ');
}

/**
 * The client's Origin as a JSON string, with every character outside printable ASCII escaped too:
 * spaces and tabs in it cannot forge fields, nor control characters (C1 included) reach a terminal.
 */
function quote(text: string): string {
  return `"${escapeText(text.replace(/["\\]/g, '\\$&'))}"`;
}

/** A path has no spaces (the request line is split on them), but may hold other bytes. */
function printable(text: string): string {
  return escapeText(text.replace(/\\/g, '\\\\'));
}

function escapeText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (char) => {
    const named = ({ '\t': '\\t', '\n': '\\n', '\r': '\\r' } as Record<string, string>)[char];
    return named ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
