// corsguard/express on Express 5: app.use(cors(options)) before the routes.
import { createServer } from 'node:http';
import express from 'express';
import { cors } from '../../../../src/adapters/express.ts';
import { routeApi } from '../api-routes.ts';
import { listen, nodeRouteInput, writeRoute, type StartApi } from './server-kit.ts';

export const startExpressApi: StartApi = (options, log) => {
  const app = express();
  app.use(cors(options));
  app.use((request, response) => writeRoute(response, routeApi(nodeRouteInput(request), log)));
  const server = createServer((request, response) => {
    log.observe(request);
    app(request, response);
  });
  return listen(server);
};
