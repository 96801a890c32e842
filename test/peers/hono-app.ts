// A Hono app for the hono/cors rows: the middleware under test on every path, a handler on /items,
// as a node:http listener (@hono/node-server) for ./http.ts's send().
import { getRequestListener } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';

export function honoApp(middleware: MiddlewareHandler) {
  const application = new Hono();
  application.use('*', middleware);
  application.all('/items', (c) => c.text('handler'));
  return getRequestListener(application.fetch);
}
