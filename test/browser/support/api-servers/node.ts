// corsguard/node on plain node:http.
import { cors } from '../../../../src/adapters/node.ts';
import { routeApi } from '../api-routes.ts';
import { listenLogged, nodeRouteInput, writeRoute, type StartApi } from './server-kit.ts';

export const startNodeApi: StartApi = (options, log) => {
  const middleware = cors(options);
  return listenLogged(log, (request, response) =>
    middleware(request, response, (error) => {
      if (error !== undefined) {
        response.writeHead(500).end();
        return;
      }
      writeRoute(response, routeApi(nodeRouteInput(request), log));
    }),
  );
};
