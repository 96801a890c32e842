// The load generator of the benchmarks: `connections` workers sending one request after another
// for `seconds` over an undici Pool (loopback, keep-alive); latencies in ms. And the servers under
// test in processes of their own, so they do not share an event loop with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { Pool } from 'undici';

export interface Load {
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  /** The status every answer must have; any other counts as an error. */
  readonly status: number;
}

export async function load(origin: string, request: LoadRequest, seconds: number, connections: number): Promise<Load> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        const response = await pool.request({ path: request.path, method: request.method, headers: request.headers });
        await response.body.text();
        if (response.statusCode !== request.status) errors++;
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - began) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { requests: latencies.length, errors, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
}

/** Runs `node --import tsx file ...args` and resolves once it prints `port=N` (a server on 127.0.0.1:N). */
export function startChild(file: string, args: readonly string[], name: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /port=(\d+)/.exec(out);
      if (match) resolve({ process: child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}
