// The current policy as ready-to-paste code: a complete server for each framework, and the
// gateway's command line and config file. Pure functions of the policy (the tests run this code).
import type { PolicyJson } from '../wire.ts';

export type CodeTarget = 'express' | 'fastify' | 'koa' | 'hono' | 'fetch' | 'gateway-cli' | 'gateway-config';

export const CODE_TARGETS: ReadonlyArray<{ readonly id: CodeTarget; readonly label: string; readonly file: string }> = [
  { id: 'express', label: 'Express (4 and 5), Connect', file: 'server.ts' },
  { id: 'fastify', label: 'Fastify 5', file: 'server.ts' },
  { id: 'koa', label: 'Koa (2 and 3)', file: 'server.ts' },
  { id: 'hono', label: 'Hono 4 on Node', file: 'server.ts' },
  { id: 'fetch', label: 'fetch runtimes (Workers, Deno, Bun)', file: 'worker.ts' },
  { id: 'gateway-cli', label: 'Gateway: corsguard proxy command line', file: 'terminal' },
  { id: 'gateway-config', label: 'Gateway: corsguard.json config file', file: 'corsguard.json' },
];

const LISTEN = `const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';`;

// The servers are TypeScript (a cast, a parameter type): say so, and how to run them as they are.
const RUN_SERVER = `// server.ts (TypeScript): run it with npx tsx server.ts, in a package whose package.json has "type": "module".`;

/** The code for one target. `upstream` is the API the gateway fronts. */
export function codeFor(target: CodeTarget, policy: PolicyJson, upstream = 'http://127.0.0.1:3000'): string {
  const options = formatValue(policy, 0);
  switch (target) {
    case 'express':
      return `${RUN_SERVER}
import express from 'express';
import { cors } from 'corsguard/express';

const app = express();
app.use(cors(${options}));
// Your routes: every response below carries the CORS headers the policy grants.
app.use((req, res) => {
  res.json({ method: req.method, path: req.path });
});

${LISTEN}
const server = app.listen(port, host, () => console.log(\`listening on http://\${host}:\${(server.address() as { port: number }).port}\`));
`;
    case 'fastify':
      return `${RUN_SERVER}
import Fastify from 'fastify';
import { cors } from 'corsguard/fastify';

const app = Fastify();
await app.register(cors, ${options});
// Your routes: every response below carries the CORS headers the policy grants.
app.all('/*', async (request) => ({ method: request.method, path: request.url }));

${LISTEN}
const address = await app.listen({ port, host });
console.log(\`listening on \${address}\`);
`;
    case 'koa':
      return `${RUN_SERVER}
import Koa from 'koa';
import { cors } from 'corsguard/koa';

const app = new Koa();
app.use(cors(${options}));
// Your routes: every response below carries the CORS headers the policy grants.
app.use((ctx) => {
  ctx.body = { method: ctx.method, path: ctx.path };
});

${LISTEN}
const server = app.listen(port, host, () => console.log(\`listening on http://\${host}:\${(server.address() as { port: number }).port}\`));
`;
    case 'hono':
      return `${RUN_SERVER}
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'corsguard/hono';

const app = new Hono();
app.use('*', cors(${options}));
// Your routes: every response below carries the CORS headers the policy grants.
app.all('*', (c) => c.json({ method: c.req.method, path: c.req.path }));

${LISTEN}
serve({ fetch: app.fetch, port, hostname: host }, (info) => console.log(\`listening on http://\${host}:\${info.port}\`));
// On Bun, Deno and Workers: export default app
`;
    case 'fetch':
      // The options sit one level in, inside the exported object.
      return `// worker.ts (TypeScript). Each runtime serves the default export's fetch: Cloudflare Workers as the
// Worker's main module, Bun with bun worker.ts, Deno with deno serve worker.ts.
import { withCors } from 'corsguard/fetch';

const handler = (request: Request) => Response.json({ method: request.method, path: new URL(request.url).pathname });

export default {
  fetch: withCors(handler, ${formatValue(policy, 1)}),
};
`;
    case 'gateway-cli':
      return gatewayCommand(policy, upstream);
    case 'gateway-config':
      return `${JSON.stringify({ upstream, cors: policy }, null, 2)}\n`;
  }
}

const FLAG_LISTS: ReadonlyArray<readonly [string, string]> = [
  ['methods', '--methods'],
  ['allowedHeaders', '--allowed-headers'],
  ['exposedHeaders', '--exposed-headers'],
];

/** `corsguard proxy` flags for the options that have one; the others need the config file. */
function gatewayCommand(policy: PolicyJson, upstream: string): string {
  const parts = ['npx corsguard proxy', `--upstream ${shellQuote(upstream)}`];
  const rest: string[] = [];
  for (const [name, value] of Object.entries(policy)) {
    const listFlag = FLAG_LISTS.find(([option]) => option === name)?.[1];
    if (name === 'origin') {
      for (const origin of typeof value === 'string' ? [value] : Array.isArray(value) ? value : [])
        parts.push(`--origin ${shellQuote(String(origin))}`);
    } else if (listFlag !== undefined)
      parts.push(
        `${listFlag} ${shellQuote(typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : String(value))}`,
      );
    else if (name === 'credentials' && value === true) parts.push('--credentials');
    else if (name === 'csrf' && value === true) parts.push('--csrf');
    else if (name === 'privateNetwork' && value === true) parts.push('--private-network');
    else if (name === 'maxAge' && typeof value === 'number') parts.push(`--max-age ${value}`);
    else if (value !== false) rest.push(name);
  }
  const command = parts.join(' \\\n    ');
  return rest.length === 0
    ? `${command}\n`
    : `# ${rest.join(', ')}: no flag; put them in the config file (--config corsguard.json)\n${command}\n`;
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JSON value as a TypeScript literal: single quotes, bare keys, one line when it fits. */
export function formatValue(value: unknown, depth: number): string {
  if (typeof value === 'string')
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
  if (Array.isArray(value)) {
    const items = value.map((item) => formatValue(item, depth + 1));
    return wrap('[', items, ']', depth);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => `${IDENTIFIER.test(key) ? key : formatValue(key, 0)}: ${formatValue(item, depth + 1)}`,
    );
    return entries.length === 0 ? '{}' : wrap('{ ', entries, ' }', depth);
  }
  return JSON.stringify(value) ?? 'undefined';
}

function wrap(open: string, items: readonly string[], close: string, depth: number): string {
  const line = `${open}${items.join(', ')}${close}`;
  if (line.length + depth * 2 <= 72 && !line.includes('\n')) return line;
  const indent = '  '.repeat(depth + 1);
  return `${open.trim()}\n${items.map((item) => `${indent}${item},`).join('\n')}\n${'  '.repeat(depth)}${close.trim()}`;
}
