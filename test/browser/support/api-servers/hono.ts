// corsguard/hono on Hono 4: app.use('*', cors(options)), served on node:http through the bridge.
import { Hono } from 'hono';
import { cors } from '../../../../src/adapters/hono.ts';
import { routeApi } from '../api-routes.ts';
import { fetchRouteInput, routeResponse, serveFetch } from '../fetch-bridge.ts';
import { listen, type StartApi } from './server-kit.ts';

export const startHonoApi: StartApi = (options, log) => {
  const app = new Hono();
  app.use('*', cors(options));
  app.all('*', (c) => routeResponse(routeApi(fetchRouteInput(c.req.raw), log)));
  return listen(serveFetch((request) => app.fetch(request), log));
};
