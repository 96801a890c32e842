// `corsguard export <nginx|apache|caddy|haproxy>`: the settings `corsguard proxy` runs with, as a
// front server's configuration. With --out DIR the files are written there; without, the
// snippets are printed with a header per file. Exit 2 with every problem on bad input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  EXPORT_TARGETS,
  ExportConfigError,
  exportConfig,
  type ExportIssue,
  type ExportTarget,
} from '../../export/index.ts';
import type { ProxyIssue } from '../../proxy/config-error.ts';
import type { CliIo } from '../shared/io.ts';
import { mergeSettings, readSettingsFile, type PartialSettings } from '../proxy/proxy-settings.ts';
import { parseExportArgs } from './export-args.ts';

export const EXPORT_HELP = `Usage: corsguard export <nginx|apache|caddy|haproxy> --config settings.json [--out DIR]
       corsguard export <target> --upstream <url> --origin <origin>... [options] [--out DIR]

The same policy as corsguard's middleware, as configuration for the front server in front of your
API: it answers every request as corsguard/node would, or the export says what it cannot express.

Input: the settings file \`corsguard proxy\` reads (schema.json), or the same flags.
Output in DIR (without --out, the snippets are printed):
  nginx    corsguard-http.conf (in http {}), corsguard-location.conf (in every location), nginx.conf
  apache   corsguard.conf (Include in a <VirtualHost>), httpd.conf
  caddy    corsguard.caddy (import at the top, then \`import corsguard\` in the site), Caddyfile
  haproxy  corsguard-frontend.cfg (paste into a frontend section), haproxy.cfg
Each complete configuration listens on --host:--port and proxies to the upstream.

Options:
  -c, --config <file>          settings as JSON; flags override it
      --out <dir>              write the files into <dir> (created when missing)
      --apache-modules <dir>   Apache's module directory (default /usr/lib/apache2/modules)
  -u, --upstream, -o, --origin, --methods, --allowed-headers, --exposed-headers, --credentials,
  --max-age, --csrf, --private-network, -p, --port, --host, --timeout: as for corsguard proxy
  -h, --help                   show this help

Exit status: 0 when exported, 2 for invalid settings or what the target cannot express.
`;

export async function runExport(argv: readonly string[], io: CliIo): Promise<number> {
  const issues: Array<ProxyIssue | ExportIssue> = [];
  const args = parseExportArgs(argv, issues as ProxyIssue[]);
  if (args.help) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  if (args.target === undefined || !(EXPORT_TARGETS as readonly string[]).includes(args.target)) {
    issues.push({
      code: 'export-target-unknown',
      path: '(target)',
      message: `${args.target === undefined ? 'missing' : `'${args.target}' is not a target`}; use one of ${EXPORT_TARGETS.join(', ')}`,
    });
  }
  const file: PartialSettings | undefined =
    args.config === undefined ? {} : readSettingsFile(args.config, issues as ProxyIssue[]);
  if (args.settings === undefined || file === undefined || issues.length > 0) return invalid(issues, io);
  const settings = mergeSettings(file, args.settings);
  const target = args.target as ExportTarget;
  let files;
  try {
    files = exportConfig(
      {
        upstream: settings.upstream as string,
        cors: settings.cors as never,
        host: settings.host,
        port: settings.port,
        ...(settings.timeout === undefined ? {} : { timeout: settings.timeout }),
        websockets: settings.websockets,
      },
      target,
      {
        ...(args.out === undefined ? {} : { directory: resolve(args.out) }),
        ...(args.apacheModules === undefined ? {} : { apacheModules: args.apacheModules }),
      },
    );
  } catch (error) {
    if (!(error instanceof ExportConfigError)) throw error;
    return invalid(error.issues, io);
  }
  if (args.out === undefined) {
    for (const exported of files.filter((f) => f.role === 'snippet'))
      io.stdout(`### ${exported.name}\n${exported.text}\n`);
    return 0;
  }
  mkdirSync(args.out, { recursive: true });
  for (const exported of files) writeFileSync(join(args.out, exported.name), exported.text);
  io.stdout(`corsguard export ${target}: wrote ${files.map((f) => join(args.out!, f.name)).join(', ')}\n`);
  return 0;
}

function invalid(issues: ReadonlyArray<ProxyIssue | ExportIssue>, io: CliIo): number {
  const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message} [${issue.code}]`);
  io.stderr(
    `corsguard export: cannot export (${issues.length}):\n${lines.join('\n')}\n\nRun 'corsguard export --help' for the options.\n`,
  );
  return 2;
}
