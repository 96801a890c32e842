// A Hono app for the hono/cors rows: the middleware under test (one or more, in order) on every
// path, a handler on /items, raw Responses on /raw and /vary (the latter with its own Vary), as a
// node:http listener (@hono/node-server) for ./http.ts's send().
import { getRequestListener } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';

export function honoApp(...middleware: MiddlewareHandler[]) {
  const application = new Hono();
  application.use('*', ...middleware);
  application.all('/items', (c) => c.text('handler'));
  application.all('/raw', () => new Response('raw'));
  application.all('/vary', () => new Response('vary', { headers: { vary: 'X-Custom-Vary-Value' } }));
  return getRequestListener(application.fetch);
}
