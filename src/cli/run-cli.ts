import { AUDIT_HELP, runAudit } from './audit.ts';
import { CHECK_HELP, runCheck, type CliIo } from './check.ts';
import { PROXY_HELP, runProxy } from './proxy.ts';
import { EXPORT_HELP, runExport } from './export/export.ts';
import { VERSION } from '../version.ts';

const HELP = `Usage: corsguard <command> [options]

Commands:
  check <url> --origin <origin>   would a browser let this page read that response? Why not?
  audit <url>... [--origin <o>]   every CORS problem of deployed URLs, with evidence and fixes
  proxy --upstream <u> -o <o>      a CORS gateway in front of an API you cannot change
  export <nginx|apache|caddy|haproxy> --config <f>   the same policy as front-server configuration

Options:
  -h, --help      show this help
  -v, --version   print corsguard's version

Run 'corsguard check --help' for the options and examples.
`;

/** `corsguard …` with its arguments (without the node and script paths); resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'audit':
      return runAudit(rest, io);
    case 'proxy':
      return runProxy(rest, io);
    case 'export':
      return runExport(rest, io);
    case 'help':
      io.stdout(rest[0] === 'check' ? CHECK_HELP : rest[0] === 'audit' ? AUDIT_HELP : rest[0] === 'proxy' ? PROXY_HELP : rest[0] === 'export' ? EXPORT_HELP : HELP);
      return 0;
    case undefined:
      io.stderr(HELP);
      return 2;
    case '-h':
    case '--help':
      io.stdout(HELP);
      return 0;
    case '-v':
    case '--version':
      io.stdout(`${VERSION}\n`);
      return 0;
    default:
      io.stderr(`corsguard: unknown command '${command}'\n\n${HELP}`);
      return 2;
  }
}
