// Runs a generated complete configuration in its real server: files in a temp dir of their own,
// an unprivileged loopback port, the server in the foreground, stopped by its PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportConfig, type ExportSettings, type ExportTarget } from '../../../src/export/index.ts';
import { LOOPBACK } from '../../support/servers.ts';
import { BINARIES } from './binaries.ts';

/** How long a server may take to accept connections (a few hundred ms on a quiet machine). */
const START_MS = 20_000;

const COMPLETE: Record<ExportTarget, string> = {
  nginx: 'nginx.conf',
  apache: 'httpd.conf',
  caddy: 'Caddyfile',
  haproxy: 'haproxy.cfg',
};

function runArgs(target: ExportTarget, dir: string): string[] {
  const file = join(dir, COMPLETE[target]);
  switch (target) {
    case 'nginx':
      return ['-p', dir, '-c', file, '-e', 'stderr'];
    case 'apache':
      return ['-f', file, '-DFOREGROUND'];
    case 'caddy':
      return ['run', '--config', file, '--adapter', 'caddyfile'];
    case 'haproxy':
      return ['-f', file, '-db'];
  }
}

/** The server's own configuration check (`nginx -t`, `apache2 -t`, `caddy validate`, `haproxy -c`) of `file`. */
export function checkArgs(target: ExportTarget, dir: string, file = COMPLETE[target]): string[] {
  const path = join(dir, file);
  switch (target) {
    case 'nginx':
      return ['-t', '-p', dir, '-c', path, '-e', 'stderr'];
    case 'apache':
      return ['-t', '-f', path];
    case 'caddy':
      return ['validate', '--config', path, '--adapter', 'caddyfile'];
    case 'haproxy':
      return ['-c', '-f', path];
  }
}

/** Environment for the servers: Caddy keeps its state under HOME/XDG dirs, pointed into `dir`. */
function env(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
}

/** Runs the server's configuration check; its exit status and output. */
export function checkConfig(
  target: ExportTarget,
  dir: string,
  file?: string,
): { status: number | null; output: string } {
  const result = spawnSync(BINARIES[target], checkArgs(target, dir, file), {
    env: env(dir),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Exports `settings` for `target` into a new temp dir readable by the servers' unprivileged
 * workers, as `corsguard export --out DIR` does; returns the directory.
 */
export function exportInto(target: ExportTarget, settings: ExportSettings): string {
  const dir = mkdtempSync(join(tmpdir(), 'corsguard-export-'));
  chmodSync(dir, 0o755);
  for (const file of exportConfig(settings, target, { directory: dir })) writeFileSync(join(dir, file.name), file.text);
  return dir;
}

export interface RunningFront {
  readonly url: string;
  readonly dir: string;
  close(): Promise<void>;
}

/** Exports `settings` for `target` on a free port and runs the complete configuration. */
export async function startFront(
  target: ExportTarget,
  settings: Omit<ExportSettings, 'port' | 'host'>,
): Promise<RunningFront> {
  const port = await freePort();
  const dir = exportInto(target, { ...settings, host: LOOPBACK, port });
  return runFront(target, dir, port);
}

/** Starts the server on the complete configuration in `dir` (or `file` there) and waits for `port`. */
export async function runFront(target: ExportTarget, dir: string, port: number, file?: string): Promise<RunningFront> {
  const args =
    file === undefined
      ? runArgs(target, dir)
      : runArgs(target, dir).map((arg) => (arg === join(dir, COMPLETE[target]) ? join(dir, file) : arg));
  const child = spawn(BINARIES[target], args, { env: env(dir), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child);
  } catch (error) {
    await stop();
    throw new Error(`${target} did not start: ${(error as Error).message}\n${output}`);
  }
  return { url: `http://${LOOPBACK}:${port}`, dir, close: stop };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, LOOPBACK);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} not open after ${START_MS} ms`);
}
