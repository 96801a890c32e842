// The Next.js fixture app (./fixture): built once per change of its inputs (`next build`, shared
// by every test process of a run through a stamp and a lock), then served by `next start` on a
// free port of 127.0.0.1. Next.js must never reach the network or change the repository: telemetry
// off, and CI=1 so that a missing TypeScript dependency fails the build instead of being installed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const FIXTURE = fileURLToPath(new URL('./fixture/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');
const STAMP = join(FIXTURE, '.next', 'corsguard-inputs.sha256');
const LOCK = join(FIXTURE, '.next-build.lock');
const LOCK_OWNER = join(LOCK, 'pid');

export const nextEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  CI: '1',
  NODE_ENV: 'production',
});

/** Every file the build reads that may change: the fixture, the library source, and the Next.js version. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(FIXTURE, ['.next', 'next-env.d.ts', '.next-build.lock']),
    ...listFiles(join(ROOT, 'src'), []),
  ].sort();
  for (const file of files) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  hash.update(readFileSync(createRequire(import.meta.url).resolve('next/package.json')));
  return hash.digest('hex');
}

function listFiles(dir: string, skip: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip.includes(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, skip) : [path];
  });
}

const readStamp = () => {
  try {
    return readFileSync(STAMP, 'utf8');
  } catch {
    return undefined;
  }
};

/** Builds the fixture unless a build of the same inputs is there; waits for a build another process is running. */
export async function buildFixture(): Promise<void> {
  const wanted = inputsHash();
  for (;;) {
    if (readStamp() === wanted) return;
    try {
      mkdirSync(LOCK);
      writeFileSync(LOCK_OWNER, String(process.pid));
    } catch {
      // Another process is building; a lock whose process is gone is a crashed build's.
      if (!lockOwnerAlive()) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (readStamp() === wanted) return;
      await nextBuild();
      writeFileSync(STAMP, wanted);
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

function lockOwnerAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(LOCK_OWNER, 'utf8'));
  } catch {
    return true; // Just created, its pid not written yet (or already removed).
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function nextBuild(): Promise<void> {
  const child = spawn(process.execPath, [NEXT_BIN, 'build', FIXTURE], {
    cwd: ROOT,
    env: nextEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${code}):\n${output}`)),
    );
  });
}

export interface NextServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** What the server wrote to stdout and stderr so far. */
  output(): string;
  close(): Promise<void>;
}

/** `next start` on a free port of 127.0.0.1 (Next.js reports the port it got for `-p 0`). */
export async function startNext(): Promise<NextServer> {
  const child = spawn(process.execPath, [NEXT_BIN, 'start', FIXTURE, '-H', '127.0.0.1', '-p', '0'], {
    cwd: ROOT,
    env: nextEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match && /Ready/.test(output)) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`next start exited:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
