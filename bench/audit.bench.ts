// corsguard audit on loopback: one URL (median of 7 runs), then 1,000 URLs with concurrency 32,
// with the memory in use sampled during the run, then a 500-operation OpenAPI document. The
// audited server runs in its own process.
// Run with `npm run bench:audit`.
import { fork } from 'node:child_process';
import { audit, type AuditOptions } from '../src/audit/index.ts';
import { benchOpenApi } from './audit-openapi.ts';

const TRUSTED = 'https://app.example.com';

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = fork(new URL('./audit-server.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => child.once('message', (message) => resolve(Number(message))));
  return { port, stop: () => child.kill() };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function timed(urls: string[], options: AuditOptions) {
  const start = performance.now();
  const report = await audit(urls, options);
  return { ms: performance.now() - start, report };
}

const server = await startServer();
const base = `http://127.0.0.1:${server.port}`;
const options: AuditOptions = {
  origins: [TRUSTED],
  methods: ['PUT'],
  headers: [['Content-Type', 'application/json']],
  credentials: true,
  timeout: 10_000,
};

// Warm-up, then one URL.
await timed([`${base}/warm`], { ...options, concurrency: 8 });
const single: number[] = [];
let requests = 0;
for (let i = 0; i < 7; i++) {
  const { ms, report } = await timed([`${base}/one`], { ...options, concurrency: 8 });
  single.push(ms);
  if (report.targets[0]?.error) throw new Error(report.targets[0].error);
  requests = report.summary.high + report.summary.medium + report.summary.low;
}
single.sort((a, b) => a - b);
console.log(
  `one URL (concurrency 8): median ${single[3]?.toFixed(0)} ms, min ${single[0]?.toFixed(0)} ms, max ${single[6]?.toFixed(0)} ms (findings at low or above: ${requests})`,
);

// 1,000 URLs.
const urls = Array.from({ length: 1000 }, (_, i) => `${base}/items/${i}`);
let peakHeap = 0;
let peakRss = 0;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
}, 100);
const before = process.memoryUsage();
let sent = 0;
const { ms, report } = await timed(urls, {
  ...options,
  concurrency: 32,
  onTarget: () => {
    sent++;
  },
});
clearInterval(sampler);
const failed = report.targets.filter((target) => target.error !== undefined);
console.log(
  `1,000 URLs (concurrency 32): ${(ms / 1000).toFixed(1)} s, ${(sent / (ms / 1000)).toFixed(0)} URLs/s, ${failed.length} not audited${failed[0] ? ` (first: ${failed[0].error})` : ''}`,
);
console.log(
  `memory: heap ${mb(before.heapUsed)} before, peak ${mb(peakHeap)}; rss ${mb(before.rss)} before, peak ${mb(peakRss)}`,
);

await benchOpenApi(base, options);
server.stop();
