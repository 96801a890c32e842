// corsguard/fetch: withCors(handler, options) around a fetch-style handler, served on node:http
// through the bridge.
import { withCors } from '../../../../src/adapters/fetch.ts';
import { routeApi } from '../api-routes.ts';
import { fetchRouteInput, routeResponse, serveFetch } from '../fetch-bridge.ts';
import { listen, type StartApi } from './server-kit.ts';

export const startFetchApi: StartApi = (options, log) => {
  const handler = withCors((request: Request) => routeResponse(routeApi(fetchRouteInput(request), log)), options);
  return listen(serveFetch(handler, log));
};
