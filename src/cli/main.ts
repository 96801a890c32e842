#!/usr/bin/env node
import type { AuditIo } from './audit/audit.ts';
import { runCli } from './run-cli.ts';

const io: AuditIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  // `audit --urls` draws its progress line on stderr, which may be a terminal when stdout is not.
  stderrIsTTY: process.stderr.isTTY === true,
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`corsguard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
