// corsguard/koa on Koa 3: app.use(cors(options)) before the routes.
import Koa from 'koa';
import { cors } from '../../../../src/adapters/koa.ts';
import { routeApi } from '../api-routes.ts';
import { listenLogged, nodeRouteInput, type StartApi } from './server-kit.ts';

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
  return listenLogged(log, (request, response) => void callback(request, response));
};
