// Runs the corsguard CLI: in-process through runCli (fast, the default), or as a real process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/run-cli.ts';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `corsguard …args` in this process, with its output captured; no terminal, colours only if env asks. */
export async function invoke(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** `corsguard …args` as a separate process, from source through tsx: the binary's own wiring. */
export function spawnCli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `corsguard check … --json`, parsed. */
export async function checkJson(
  args: readonly string[],
): Promise<{ code: number | null; verdict: Record<string, unknown>; stderr: string }> {
  const result = await invoke(['check', ...args, '--json']);
  return { code: result.code, verdict: JSON.parse(result.stdout) as Record<string, unknown>, stderr: result.stderr };
}
