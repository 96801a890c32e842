// Options of other CORS middlewares, so that a configuration carried over from one of them is
// answered with what corsguard does instead, not with a bare "unknown option".

export type PeerOption =
  /** Another library's name for an option corsguard has under its own name. */
  | { readonly kind: 'renamed'; readonly from: string; readonly ours: string }
  /** Another library's option corsguard covers differently (or not at all): what to do instead. */
  | { readonly kind: 'not-offered'; readonly from: string; readonly instead: string };

const KOA_HONO = '@koa/cors and hono/cors';
const OTHER = 'another CORS library';

const renamed = (from: string, ours: string): PeerOption => ({ kind: 'renamed', from, ours });
/** The default exports of corsguard/fastify and corsguard/koa take these packages' options as they are. */
const DEFAULT_EXPORT: Readonly<Record<string, string>> = {
  '@fastify/cors':
    " Or keep it: the default export of corsguard/fastify (import cors from 'corsguard/fastify') takes @fastify/cors's options as they are.",
  '@koa/cors':
    " Or keep it: the default export of corsguard/koa (import cors from 'corsguard/koa') takes @koa/cors's options as they are.",
};

const notOffered = (from: string, instead: string): PeerOption => ({
  kind: 'not-offered',
  from,
  instead: instead + (DEFAULT_EXPORT[from] ?? ''),
});

export const PEER_OPTIONS: ReadonlyMap<string, PeerOption> = new Map([
  ['allowMethods', renamed(KOA_HONO, 'methods')],
  ['allowHeaders', renamed(KOA_HONO, 'allowedHeaders')],
  ['exposeHeaders', renamed(KOA_HONO, 'exposedHeaders')],
  ['privateNetworkAccess', renamed('@koa/cors', 'privateNetwork')],
  ['allowedMethods', renamed(OTHER, 'methods')],
  ['allowCredentials', renamed(OTHER, 'credentials')],
  ['allowPrivateNetwork', renamed(OTHER, 'privateNetwork')],
  ['origins', renamed(OTHER, 'origin')],
  ['allowOrigin', renamed(OTHER, 'origin')],
  ['allowedOrigins', renamed(OTHER, 'origin')],
  [
    'strictPreflight',
    notOffered(
      '@fastify/cors',
      'corsguard is always strict: a preflight is OPTIONS with Origin and Access-Control-Request-Method, and any other OPTIONS request reaches your own handler. Remove the option.',
    ),
  ],
  [
    'hook',
    notOffered(
      '@fastify/cors',
      'the Fastify adapter answers preflights in onRequest, before body parsing and your handlers. Remove the option.',
    ),
  ],
  [
    'hideOptionsRoute',
    notOffered(
      '@fastify/cors',
      "the OPTIONS routes corsguard's Fastify adapter adds are always hidden from the schema. Remove the option.",
    ),
  ],
  [
    'logLevel',
    notOffered(
      '@fastify/cors',
      'to see why each request was allowed or refused, set debug: true (logs to the console) or debug: (event) => yourLogger.info(event).',
    ),
  ],
  [
    'keepHeadersOnError',
    notOffered(
      '@koa/cors',
      'the Koa adapter always keeps the CORS headers on error responses, so the browser shows the real error. Remove the option.',
    ),
  ],
  [
    'secureContext',
    notOffered(
      '@koa/cors',
      'it sets Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy, which are not CORS: set those two headers yourself (or with helmet) and remove the option.',
    ),
  ],
  [
    'delegator',
    notOffered(
      '@fastify/cors',
      'to decide per request, pass a function as origin: (origin, request) => boolean | Promise<boolean>; to change the whole policy at run time, call reconfigure(options).',
    ),
  ],
  [
    'preflight',
    notOffered(
      '@fastify/cors',
      'corsguard always answers preflights; to run your own OPTIONS handler after the CORS headers are set, use preflightContinue: true.',
    ),
  ],
  [
    'cacheControl',
    notOffered(
      '@fastify/cors',
      'browsers cache a preflight for Access-Control-Max-Age seconds, whatever Cache-Control says: set maxAge. To let a CDN cache preflights as well, set Cache-Control in your own OPTIONS handler with preflightContinue: true.',
    ),
  ],
]);
