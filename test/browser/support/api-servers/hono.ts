// corsguard/hono on Hono 4: app.use('*', cors(options)), served on node:http through the fetch bridge.
import { Hono } from 'hono';
import { cors } from '../../../../src/adapters/hono.ts';
import { fetchListener } from '../../../support/servers.ts';
import { routeApi } from '../api-routes.ts';
import { fetchRouteInput, routeResponse } from '../fetch-route.ts';
import { listenLogged, type StartApi } from './server-kit.ts';

export const startHonoApi: StartApi = (options, log) => {
  const app = new Hono();
  app.use('*', cors(options));
  app.all('*', (c) => routeResponse(routeApi(fetchRouteInput(c.req.raw), log)));
  return listenLogged(
    log,
    fetchListener((request) => app.fetch(request)),
  );
};
