// corsguard/node on plain node:http.
import { createServer } from 'node:http';
import { cors } from '../../../../src/adapters/node.ts';
import { routeApi } from '../api-routes.ts';
import { listen, nodeRouteInput, writeRoute, type StartApi } from './server-kit.ts';

export const startNodeApi: StartApi = (options, log) => {
  const middleware = cors(options);
  const server = createServer((request, response) => {
    log.observe(request);
    middleware(request, response, (error) => {
      if (error !== undefined) {
        response.writeHead(500).end();
        return;
      }
      writeRoute(response, routeApi(nodeRouteInput(request), log));
    });
  });
  return listen(server);
};
