// The OpenAPI part of `npm run bench:audit`: a 500-operation document (250 paths, GET and DELETE
// each, one path parameter with an example) audited on loopback, with the memory in use sampled.
import { audit, type AuditOptions } from '../src/audit/index.ts';
import { openApiTargets } from '../src/audit/openapi/targets.ts';

export function fiveHundredOperations(server: string): object {
  const paths: Record<string, object> = {};
  for (let i = 0; i < 250; i++) {
    paths[`/resources${i}/{id}`] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', example: i } }],
      get: { responses: { 200: { description: 'one' } } },
      delete: { responses: { 204: { description: 'gone' } } },
    };
  }
  return { openapi: '3.1.0', info: { title: 'bench', version: '1' }, servers: [{ url: server }], paths };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Prints the time for the whole document and the peak memory; throws when a URL was not audited. */
export async function benchOpenApi(base: string, options: AuditOptions): Promise<void> {
  const targets = openApiTargets(fiveHundredOperations(base));
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100);
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const report = await audit(targets, { ...options, concurrency: 32 });
  const ms = performance.now() - start;
  clearInterval(sampler);
  const failed = report.targets.filter((target) => target.error !== undefined);
  if (failed[0]) throw new Error(`${failed.length} not audited, first: ${failed[0].error}`);
  const operations = targets.reduce((sum, target) => sum + (target.methods?.length ?? 0), 0);
  console.log(
    `OpenAPI, ${operations} operations on ${targets.length} paths (concurrency 32): ${(ms / 1000).toFixed(1)} s; heap ${mb(before)} before, peak ${mb(peakHeap)}`,
  );
}
