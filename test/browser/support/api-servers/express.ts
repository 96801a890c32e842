// corsguard/express on Express 5: app.use(cors(options)) before the routes.
import express from 'express';
import { cors } from '../../../../src/adapters/express.ts';
import { routeApi } from '../api-routes.ts';
import { listenLogged, nodeRouteInput, writeRoute, type StartApi } from './server-kit.ts';

export const startExpressApi: StartApi = (options, log) => {
  const app = express();
  app.use(cors(options));
  app.use((request, response) => writeRoute(response, routeApi(nodeRouteInput(request), log)));
  return listenLogged(log, app);
};
