// A control server WITHOUT corsguard: it reflects an allowed Origin into
// Access-Control-Allow-Origin but never sends `Vary: Origin` — the classic hand-rolled mistake.
// Tests run the same steps against it to show that Chromium really replays cached answers across
// origins, so that corsguard passing those steps means something.
import { routeApi } from './api-routes.ts';
import { apiEndpoint, type ApiEndpoint } from './api-server.ts';
import { listenLogged, nodeRouteInput, writeRoute } from './api-servers/server-kit.ts';
import { RequestLog } from './request-log.ts';

export async function startReflectingServer(allowed: readonly string[]): Promise<ApiEndpoint> {
  const log = new RequestLog();
  const running = await listenLogged(log, (request, response) => {
    const origin = request.headers.origin;
    if (origin !== undefined && allowed.includes(origin)) response.setHeader('Access-Control-Allow-Origin', origin);
    writeRoute(response, routeApi(nodeRouteInput(request), log));
  });
  return apiEndpoint(running, log);
}
