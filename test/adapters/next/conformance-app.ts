// Next.js for the conformance table (test/conformance): the fixture's catch-all route
// (fixture/app/[...path]/route.ts, wrapped by corsRoutes) served by one production Next.js server
// in this process (Next.js's custom-server API), behind one node:http server per set of options.
// Each server runs Next.js's request handler inside an AsyncLocalStorage holding its options,
// which the route reads: Node.js route handlers run in this process, in the same async context.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { CorsOptions } from '../../../src/index.ts';
import { listen, type RunningServer } from '../../support/servers.ts';
import { buildFixture, FIXTURE } from './next-app.ts';

type Handle = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

const store = new AsyncLocalStorage<CorsOptions<Request>>();
(globalThis as { [key: symbol]: unknown })[Symbol.for('corsguard.test.next-conformance')] = store;

let shared: Promise<{ handle: Handle; close(): Promise<void> }> | undefined;
let users = 0;

async function prepare(): Promise<{ handle: Handle; close(): Promise<void> }> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  await buildFixture();
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: FIXTURE, quiet: true });
  await app.prepare();
  return { handle: app.getRequestHandler() as Handle, close: () => app.close() };
}

/** The conformance app for `options`; the Next.js server stops when the last app using it closes. */
export async function startNextConformanceApp(options: CorsOptions<Request>): Promise<RunningServer> {
  users++;
  shared ??= prepare();
  const { handle } = await shared;
  const server = await listen(createServer((request, response) => store.run(options, () => handle(request, response))));
  return {
    ...server,
    close: async () => {
      await server.close();
      if (--users > 0) return;
      const stopping = shared;
      shared = undefined;
      await (await stopping)?.close();
    },
  };
}
