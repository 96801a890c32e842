// Preflights under a Fastify prefix. A request that matches no route goes to the root's not-found
// handler, which never runs the prefixed scope's hooks: hidden OPTIONS routes bring preflights to
// the scope instead (as @fastify/cors does), and route to the not-found handler themselves, so a
// plain OPTIONS request still gets the 404. Routes the application defined itself are left alone.
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { pathOf } from '../core/request.ts';

/**
 * `''` and `'/*'` cover the prefix and every path below it. `'*'` covers routes declared without a
 * leading slash (`put('foo')` under `/prefix` is served at `/prefixfoo`), but also a sibling's
 * `/prefix2/…`: requests it catches are the scope's only when a route of the scope declares them.
 */
const HIDDEN_ROUTES = ['', '/*', '*'];
const GLUED_CATCH_ALL = '*';

/**
 * Adds the hidden routes to a prefixed scope. Returns the test the scope's hook runs first: true
 * for a request the `'*'` route caught that no route of the scope declares, which corsguard must
 * leave alone (it ends in the root's 404, as it did before the plugin was registered).
 */
export function routePrefixedPreflights(fastify: FastifyInstance): ((request: FastifyRequest) => boolean) | undefined {
  const prefix = fastify.prefix;
  let catchAll: string | undefined;
  for (const url of HIDDEN_ROUTES) {
    if (fastify.hasRoute({ method: 'OPTIONS', url: `${prefix}${url}` })) continue;
    fastify.route({
      method: 'OPTIONS',
      url,
      schema: { hide: true } as FastifySchema,
      handler: (_request, reply) => reply.callNotFound(),
    });
    if (url === GLUED_CATCH_ALL) catchAll = `${prefix}${url}`;
  }
  if (catchAll === undefined) return undefined;
  const glued: GluedRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    const rest = route.url.slice(prefix.length);
    if (rest !== '' && !rest.startsWith('/')) glued.push(gluedRoute(rest));
  });
  // Only preflights reach the hidden route, so other requests skip routeOptions (built per access).
  return (request) =>
    request.raw.method === 'OPTIONS' &&
    request.routeOptions.url === catchAll &&
    !declares(glued, pathOf(request.url).slice(prefix.length));
}

/** A route's path after the prefix, up to its first parameter or wildcard. */
interface GluedRoute {
  readonly head: string;
  /** No parameter or wildcard: the path is the head itself (or the head and a trailing slash). */
  readonly static: boolean;
}

function gluedRoute(rest: string): GluedRoute {
  const end = rest.search(/[:*]/);
  return end === -1 ? { head: rest, static: true } : { head: rest.slice(0, end), static: false };
}

function declares(routes: readonly GluedRoute[], rest: string): boolean {
  return routes.some((route) =>
    route.static ? rest === route.head || rest === `${route.head}/` : rest.startsWith(route.head),
  );
}
