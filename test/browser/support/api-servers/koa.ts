// corsguard/koa on Koa 3: app.use(cors(options)) before the routes.
import { createServer } from 'node:http';
import Koa from 'koa';
import { cors } from '../../../../src/adapters/koa.ts';
import { routeApi } from '../api-routes.ts';
import { listen, nodeRouteInput, type StartApi } from './server-kit.ts';

export const startKoaApi: StartApi = (options, log) => {
  const app = new Koa();
  app.use(cors(options));
  app.use((ctx) => {
    const route = routeApi(nodeRouteInput(ctx.req), log);
    ctx.status = route.status;
    for (const [name, value] of route.headers) ctx.append(name, value);
    ctx.body = route.body;
  });
  const callback = app.callback();
  const server = createServer((request, response) => {
    log.observe(request);
    void callback(request, response);
  });
  return listen(server);
};
