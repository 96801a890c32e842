import { AUDIT_HELP, runAudit } from './audit/audit.ts';
import { CHECK_HELP, runCheck } from './check/check.ts';
import type { CliIo } from './shared/io.ts';
import { PROXY_HELP, runProxy } from './proxy/proxy.ts';
import { EXPORT_HELP, runExport } from './export/export.ts';
import { closest, didYouMean, usageText, UsageError } from './shared/usage.ts';
import { VERSION } from '../version.ts';

const COMMANDS = ['check', 'audit', 'proxy', 'help'];

const HELP = `Usage: corsguard <command> [options]

Commands:
  check <url> --origin <origin>   would a browser let this page read that response? Why not?
  audit <url>... [--origin <o>]   every CORS problem of deployed URLs, with evidence and fixes
  proxy --upstream <u> -o <o>      a CORS gateway in front of an API you cannot change

Options:
  -h, --help      show this help
  -v, --version   print corsguard's version

Each command's options and examples:
  corsguard check --help
  corsguard audit --help
  corsguard proxy --help
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
      io.stdout(
        rest[0] === 'check'
          ? CHECK_HELP
          : rest[0] === 'audit'
            ? AUDIT_HELP
            : rest[0] === 'proxy'
              ? PROXY_HELP
              : rest[0] === 'export'
                ? EXPORT_HELP
                : HELP,
      );
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
      io.stderr(usageText('', new UsageError(`unknown command '${command}'${didYouMean(closest(command, COMMANDS))}`)));
      return 2;
  }
}
