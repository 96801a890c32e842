// The framework-neutral route (api-routes.ts) in WHATWG terms, for the Hono and fetch adapters,
// whose apps test/support/servers.ts serves on node:http.
import type { RouteInput, RouteOutput } from './api-routes.ts';

/** The route input of a WHATWG Request. */
export function fetchRouteInput(request: Request): RouteInput {
  const url = new URL(request.url);
  return {
    method: request.method,
    target: url.pathname + url.search,
    header: (name) => request.headers.get(name) ?? undefined,
  };
}

/** A WHATWG Response for a route's answer. */
export function routeResponse(route: RouteOutput): Response {
  const headers = new Headers();
  for (const [name, value] of route.headers) headers.append(name, value);
  const empty = route.status === 204 || route.status === 304;
  return new Response(empty ? null : route.body, { status: route.status, headers });
}
