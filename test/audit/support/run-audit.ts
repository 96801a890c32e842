import { runAudit } from '../../../src/cli/audit/audit.ts';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `corsguard audit …` in-process, capturing its output. */
export async function runAuditCli(
  argv: readonly string[],
  tty: { isTTY?: boolean; stderrIsTTY?: boolean; env?: Record<string, string>; stdin?: string } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runAudit(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: tty.env ?? {},
    isTTY: tty.isTTY ?? false,
    ...(tty.stderrIsTTY === undefined ? {} : { stderrIsTTY: tty.stderrIsTTY }),
    readStdin: async () => {
      if (tty.stdin === undefined) throw new Error('no standard input in this test');
      return tty.stdin;
    },
  });
  return { code, stdout, stderr };
}
