// What differs between the peers whose options the default exports accept.

export interface PeerSpec {
  /** The package, as messages name it: 'expressjs/cors'. */
  readonly name: string;
  /** The peer's default `methods`. */
  readonly methods: string;
  /** Whether the peer's `credentials` value turns credentials on. */
  readonly credentials: (value: unknown) => boolean;
  /** Option names the adapter handles itself (never passed to corsguard's validation). */
  readonly adapterOptions: ReadonlySet<string>;
  /** The peer's other names for corsguard options: expressjs/cors reads `headers` as `allowedHeaders`. */
  readonly aliases: ReadonlyMap<string, string>;
  /** An origin function answering null, undefined or '' fails the request (@fastify/cors) instead of refusing the origin. */
  readonly falsyAnswerFails: boolean;
  /**
   * How the origin function is called: `(origin, callback)`; `(ctx)` answering the Allow-Origin
   * value (@koa/cors); already a corsguard predicate (corsguard/hono reads hono/cors's
   * `(origin, c)` answers before translation, with every option in view: hono-origin.ts).
   */
  readonly originFunction: 'callback' | 'context' | 'predicate';
  /** `'*'` (or no origin) with credentials reflected the request's origin (@koa/cors), instead of sending `*`. */
  readonly anyWithCredentialsReflects: boolean;
}

export const EXPRESS_CORS: PeerSpec = {
  name: 'expressjs/cors',
  methods: 'GET,HEAD,PUT,PATCH,POST,DELETE',
  credentials: (value) => value === true,
  adapterOptions: new Set(),
  aliases: new Map([['headers', 'allowedHeaders']]),
  falsyAnswerFails: false,
  originFunction: 'callback',
  anyWithCredentialsReflects: false,
};

/** @fastify/cors's hooks: the adapter answers in onRequest whichever is named (see the README's migration table). */
export const FASTIFY_HOOKS: ReadonlySet<string> = new Set([
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
]);

export const FASTIFY_CORS: PeerSpec = {
  name: '@fastify/cors',
  methods: 'GET,HEAD,POST',
  credentials: (value) => Boolean(value),
  adapterOptions: new Set([
    'hook',
    'strictPreflight',
    'hideOptionsRoute',
    'cacheControl',
    'logLevel',
    'delegator',
    'preflight',
  ]),
  aliases: new Map(),
  falsyAnswerFails: true,
  originFunction: 'callback',
  anyWithCredentialsReflects: false,
};

export const KOA_CORS: PeerSpec = {
  name: '@koa/cors',
  methods: 'GET,HEAD,PUT,POST,DELETE,PATCH',
  credentials: (value) => Boolean(value),
  adapterOptions: new Set(['keepHeadersOnError', 'secureContext']),
  aliases: new Map([
    ['allowMethods', 'methods'],
    ['allowHeaders', 'allowedHeaders'],
    ['exposeHeaders', 'exposedHeaders'],
    ['privateNetworkAccess', 'privateNetwork'],
  ]),
  falsyAnswerFails: false,
  originFunction: 'context',
  anyWithCredentialsReflects: true,
};

export const HONO_CORS: PeerSpec = {
  name: 'hono/cors',
  methods: 'GET,HEAD,PUT,POST,DELETE,PATCH,QUERY',
  credentials: (value) => Boolean(value),
  adapterOptions: new Set(),
  aliases: new Map([
    ['allowMethods', 'methods'],
    ['allowHeaders', 'allowedHeaders'],
    ['exposeHeaders', 'exposedHeaders'],
  ]),
  falsyAnswerFails: false,
  originFunction: 'predicate',
  anyWithCredentialsReflects: false,
};
