#!/usr/bin/env node
import { CHECK_HELP, runCheck, type CliIo } from './check.ts';

const HELP = `Usage: corsguard <command> [options]

Commands:
  check <url> --origin <origin>   would a browser let this page read that response? Why not?

Run 'corsguard check --help' for the options and examples.
`;

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'help':
      io.stdout(rest[0] === 'check' ? CHECK_HELP : HELP);
      return 0;
    case undefined:
      io.stderr(HELP);
      return 2;
    case '-h':
    case '--help':
      io.stdout(HELP);
      return 0;
    default:
      io.stderr(`corsguard: unknown command '${command}'\n\n${HELP}`);
      return 2;
  }
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`corsguard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
