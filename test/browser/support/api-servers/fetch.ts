// corsguard/fetch: withCors(handler, options) around a fetch-style handler, served on node:http
// through the fetch bridge.
import { withCors } from '../../../../src/adapters/fetch.ts';
import { fetchListener } from '../../../support/servers.ts';
import { routeApi } from '../api-routes.ts';
import { fetchRouteInput, routeResponse } from '../fetch-route.ts';
import { listenLogged, type StartApi } from './server-kit.ts';

export const startFetchApi: StartApi = (options, log) => {
  const handler = withCors((request: Request) => routeResponse(routeApi(fetchRouteInput(request), log)), options);
  return listenLogged(log, fetchListener(handler));
};
