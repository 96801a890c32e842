// A control server WITHOUT corsguard: it reflects an allowed Origin into
// Access-Control-Allow-Origin but never sends `Vary: Origin` — the classic hand-rolled mistake.
// Tests run the same steps against it to show that Chromium really replays cached answers across
// origins, so that corsguard passing those steps means something.
import { createServer } from 'node:http';
import { routeApi } from './api-routes.ts';
import { API_HOST, type ApiServer } from './api-server.ts';
import { listen, nodeRouteInput, writeRoute } from './api-servers/server-kit.ts';
import { RequestLog } from './request-log.ts';

export async function startReflectingServer(allowed: readonly string[]): Promise<Omit<ApiServer, 'adapter'>> {
  const log = new RequestLog();
  const server = createServer((request, response) => {
    log.observe(request);
    const origin = request.headers.origin;
    if (origin !== undefined && allowed.includes(origin)) response.setHeader('Access-Control-Allow-Origin', origin);
    writeRoute(response, routeApi(nodeRouteInput(request), log));
  });
  const running = await listen(server);
  const origin = (host = API_HOST) => `http://${host}:${running.port}`;
  return { port: running.port, log, origin, url: (path, host) => `${origin(host)}${path}`, close: running.close };
}
