// The zoo: small real servers, each with known CORS mistakes (planted finding ids), and correctly
// configured ones (nothing at low or above). Audited as http://api.example.localhost:PORT/data
// with a lookup that sends every name to 127.0.0.1; the front end is https://app.example.com.
import type { RequestListener } from 'node:http';
import expressCors from 'cors';
import Koa from 'koa';
import koaCors from '@koa/cors';
import { cors as corsguard } from '../../../src/adapters/node.ts';
import type { AuditOptions, FindingId } from '../../../src/audit/index.ts';
import { allowWhen, handwritten, isPreflight } from './hand-written.ts';

export const TRUSTED = 'https://app.example.com';

export interface Animal {
  readonly name: string;
  /** Every id the audit must report for this server; empty for a correct server. */
  readonly planted: readonly FindingId[];
  /** A correctly configured server: nothing at low or above may be reported. */
  readonly correct?: boolean;
  readonly options?: Partial<AuditOptions>;
  readonly handler: () => RequestListener;
}

/** expressjs/cors (or any Connect middleware) on plain node:http. */
const connect =
  (middleware: (req: never, res: never, next: () => void) => void): RequestListener =>
  (request, response) =>
    middleware(request as never, response as never, () => {
      response.statusCode = 200;
      response.end('ok');
    });

const koa = (middleware: Koa.Middleware): RequestListener => {
  const app = new Koa();
  app.use(middleware);
  app.use((ctx) => {
    ctx.body = 'ok';
  });
  return app.callback();
};

export const SESSION_COOKIE = 'session=s3cr3t-value';

/** Reflects any origin with credentials, but only for a logged-in request (the session cookie or a bearer token): nothing otherwise. */
export const authenticatedReflector = (): RequestListener =>
  handwritten((o, request) => {
    const loggedIn =
      (request.headers.cookie ?? '').split(/;\s*/).includes(SESSION_COOKIE) ||
      request.headers.authorization === 'Bearer t0ken';
    return loggedIn && o
      ? { 'access-control-allow-origin': o, 'access-control-allow-credentials': 'true', vary: 'Origin' }
      : { vary: 'Origin' };
  });

/**
 * An API where only one operation is misconfigured: DELETE /items/{id}'s preflight reflects any
 * origin with credentials (a route of its own), while everything else allows the front end only.
 */
export const partlyMisconfiguredApi = (): RequestListener =>
  handwritten((o, request) => {
    const deletePreflight =
      isPreflight(request) &&
      /^\/items\/[^/]+$/.test(request.url ?? '') &&
      request.headers['access-control-request-method'] === 'DELETE';
    if (o && (deletePreflight || o === TRUSTED)) {
      return {
        'access-control-allow-origin': o,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, DELETE',
        'access-control-allow-headers': 'content-type',
        vary: 'Origin',
      };
    }
    return { vary: 'Origin' };
  });

/** partlyMisconfiguredApi's OpenAPI 3.0 document, served at `server`. */
export const partlyMisconfiguredDocument = (server: string) => ({
  openapi: '3.0.3',
  info: { title: 'items', version: '1' },
  servers: [{ url: server }],
  paths: {
    '/items': { get: { responses: { 200: { description: 'list' } } } },
    '/items/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', example: 42 } }],
      get: { responses: { 200: { description: 'one' } } },
      delete: { responses: { 204: { description: 'gone' } } },
    },
  },
});

const hostOf = (origin: string): string | undefined => /^https?:\/\/([a-z0-9.-]+)/i.exec(origin)?.[1];
const declared: Partial<AuditOptions> = {
  methods: ['PUT'],
  headers: [['Content-Type', 'application/json']],
  credentials: true,
};

/** The same-site front end of the audited API (api.example.localhost): one site, http://example.localhost. */
export const SAME_SITE_FRONT_END = 'http://app.example.localhost';

/** An exact, credentialed policy for `origin` whose every answer sets the session cookie with `attributes`. */
export const cookieApi = (origin: string, attributes: string): RequestListener =>
  handwritten((o) => ({
    vary: 'Origin',
    'set-cookie': `${SESSION_COOKIE}; Path=/; HttpOnly${attributes}`,
    ...(o === origin ? { 'access-control-allow-origin': o, 'access-control-allow-credentials': 'true' } : {}),
  }));

export const ZOO: readonly Animal[] = [
  // Real packages' defaults and documented mistakes.
  {
    name: 'expressjs/cors origin: true, credentials: true',
    planted: ['reflects-any-origin', 'preflight-reflects-headers'],
    handler: () => connect(expressCors({ origin: true, credentials: true })),
  },
  {
    name: 'expressjs/cors README regex /example\\.com$/',
    planted: ['suffix-match', 'any-subdomain'],
    handler: () =>
      connect(expressCors({ origin: [/example\.com$/], credentials: true, allowedHeaders: ['content-type'] })),
  },
  {
    name: '@koa/cors 5 with credentials: true (* becomes the request origin)',
    planted: ['reflects-any-origin'],
    handler: () => koa(koaCors({ credentials: true })),
  },
  {
    name: '@koa/cors 5 default (*, and Access-Control-Request-Headers echoed)',
    planted: ['wildcard-origin', 'preflight-reflects-headers'],
    handler: () => koa(koaCors()),
  },
  // @koa/cors 4 reflected the request's Origin by default (CVE-2023-49803): reproduced by hand.
  {
    name: '@koa/cors 4 default (reflects Origin)',
    planted: ['reflects-any-origin'],
    handler: () => allowWhen(() => true),
  },
  // Origin checks with string functions and regular expressions.
  {
    name: "startsWith('https://app.example.com')",
    planted: ['prefix-match', 'special-char-bypass'],
    handler: () => allowWhen((o) => o.startsWith(TRUSTED), { credentials: true }),
  },
  {
    name: "endsWith('example.com')",
    planted: ['suffix-match', 'any-subdomain'],
    handler: () => allowWhen((o) => o.endsWith('example.com'), { credentials: true }),
  },
  {
    name: "includes('example.com')",
    planted: ['prefix-match', 'suffix-match', 'special-char-bypass'],
    handler: () => allowWhen((o) => o.includes('example.com')),
  },
  {
    name: "nginx if ($http_origin ~* '^https?://(www|app)\\.example\\.com')",
    planted: ['prefix-match', 'insecure-origin-trusted', 'special-char-bypass'],
    handler: () => allowWhen((o) => /^https?:\/\/(www|app)\.example\.com/i.test(o), { credentials: true }),
  },
  {
    name: 'RegExp with unescaped dots /^https:\\/\\/app.example.com$/',
    planted: ['unescaped-dot'],
    handler: () => allowWhen((o) => /^https:\/\/app.example.com$/.test(o), { credentials: true }),
  },
  {
    name: 'origin parsed up to the first unexpected character',
    planted: ['special-char-bypass'],
    handler: () => allowWhen((o) => hostOf(o) === 'app.example.com' && o.startsWith('https://'), { credentials: true }),
  },
  {
    name: 'any subdomain /^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$/',
    planted: ['any-subdomain'],
    handler: () => allowWhen((o) => /^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(o), { credentials: true }),
  },
  {
    name: 'localhost on any port /^http://localhost(:d+)?$/',
    planted: ['any-port'],
    options: { origins: ['http://localhost:3000'] },
    handler: () => allowWhen((o) => /^http:\/\/localhost(:\d+)?$/.test(o), { credentials: true }),
  },
  {
    name: "allow-list with 'null'",
    planted: ['allows-null-origin'],
    handler: () => allowWhen((o) => o === TRUSTED || o === 'null', { credentials: true }),
  },
  {
    name: 'allow-list with the http: twin',
    planted: ['insecure-origin-trusted'],
    handler: () => allowWhen((o) => o === TRUSTED || o === 'http://app.example.com', { credentials: true }),
  },
  {
    name: '*.github.io and codepen.io trusted',
    planted: ['third-party-origin-trusted'],
    handler: () =>
      allowWhen((o) => o === TRUSTED || /^https:\/\/[a-z0-9-]+\.github\.io$/.test(o) || o === 'https://codepen.io'),
  },
  {
    name: 'reflects any Origin on preflights only (OPTIONS handled by a catch-all route)',
    planted: ['preflight-any-origin'],
    handler: () =>
      handwritten((o, request) =>
        isPreflight(request) && o
          ? {
              'access-control-allow-origin': o,
              'access-control-allow-credentials': 'true',
              'access-control-allow-methods': 'GET, PUT',
              vary: 'Origin',
            }
          : o === TRUSTED
            ? { 'access-control-allow-origin': o, vary: 'Origin' }
            : { vary: 'Origin' },
      ),
  },
  {
    name: 'reflects any origin without credentials',
    planted: ['reflects-any-origin', 'missing-vary-origin'],
    handler: () => allowWhen(() => true, { vary: false }),
  },
  {
    name: 'exact list without Vary: Origin',
    planted: ['missing-vary-origin'],
    handler: () => allowWhen((o) => o === TRUSTED, { vary: false, credentials: true }),
  },
  {
    name: 'Private Network Access granted to *',
    planted: ['private-network-any-origin', 'wildcard-origin'],
    handler: () =>
      handwritten((_, request) =>
        isPreflight(request)
          ? {
              'access-control-allow-origin': '*',
              'access-control-allow-private-network': 'true',
              'access-control-allow-methods': 'GET',
            }
          : { 'access-control-allow-origin': '*' },
      ),
  },
  {
    name: 'preflight echoes Access-Control-Request-Method',
    planted: ['preflight-reflects-methods'],
    handler: () =>
      allowWhen((o) => o === TRUSTED, {
        preflight: (r) => ({ 'access-control-allow-methods': String(r.headers['access-control-request-method']) }),
      }),
  },
  {
    name: 'preflight echoes Access-Control-Request-Headers',
    planted: ['preflight-reflects-headers'],
    handler: () =>
      allowWhen((o) => o === TRUSTED, {
        preflight: (r) => ({ 'access-control-allow-headers': String(r.headers['access-control-request-headers']) }),
      }),
  },
  {
    name: '* with Access-Control-Allow-Credentials: true',
    planted: ['wildcard-with-credentials'],
    handler: () =>
      handwritten(() => ({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' })),
  },
  {
    name: 'Allow-Origin with a trailing slash',
    planted: ['invalid-allow-origin'],
    handler: () => handwritten(() => ({ 'access-control-allow-origin': `${TRUSTED}/` })),
  },
  {
    name: 'Allow-Origin listing several origins',
    planted: ['invalid-allow-origin'],
    handler: () => handwritten(() => ({ 'access-control-allow-origin': `${TRUSTED} https://admin.example.com` })),
  },
  {
    name: 'Allow-Origin sent twice (two middlewares)',
    planted: ['invalid-allow-origin', 'trusted-origin-blocked'],
    handler: () => handwritten((o) => ({ 'access-control-allow-origin': [o ?? '*', '*'], vary: 'Origin' })),
  },
  {
    name: 'preflight refused by authentication (401 before CORS)',
    planted: ['preflight-unanswered', 'trusted-origin-blocked'],
    options: declared,
    handler: () =>
      handwritten((o, request) =>
        request.method === 'OPTIONS'
          ? { ':status': '401' }
          : o === TRUSTED
            ? { 'access-control-allow-origin': o, 'access-control-allow-credentials': 'true', vary: 'Origin' }
            : { vary: 'Origin' },
      ),
  },
  {
    name: 'front end sends a header the server does not allow',
    planted: ['trusted-origin-blocked'],
    options: { headers: [['X-Api-Key', 'k']] },
    handler: () => allowWhen((o) => o === TRUSTED),
  },
  {
    name: 'reflects any origin with credentials to logged-in requests only (--cookie)',
    planted: ['reflects-any-origin'],
    options: { cookie: SESSION_COOKIE },
    handler: authenticatedReflector,
  },
  {
    name: 'reflects any origin with credentials to logged-in requests only (-H Authorization)',
    planted: ['reflects-any-origin'],
    options: { headers: [['Authorization', 'Bearer t0ken']] },
    handler: authenticatedReflector,
  },
  {
    name: 'always answers a partner origin with credentials',
    planted: ['fixed-origin-trusted'],
    options: { origins: [] },
    handler: () =>
      handwritten(() => ({
        'access-control-allow-origin': 'https://partner.example',
        'access-control-allow-credentials': 'true',
      })),
  },
  {
    name: 'cross-site text/plain POST processed (with --unsafe)',
    planted: ['csrf-simple-request-accepted'],
    options: { unsafe: true },
    handler: () => allowWhen((o) => o === TRUSTED),
  },
  // Correct servers.
  {
    name: 'corsguard node adapter, exact list with credentials',
    planted: [],
    correct: true,
    options: declared,
    handler: () =>
      connect(
        corsguard({
          origin: [TRUSTED],
          credentials: true,
          methods: ['PUT'],
          allowedHeaders: ['content-type'],
        }) as never,
      ),
  },
  {
    name: 'expressjs/cors with an exact list',
    planted: [],
    correct: true,
    options: declared,
    handler: () =>
      connect(
        expressCors({
          origin: [TRUSTED],
          credentials: true,
          methods: ['GET', 'PUT'],
          allowedHeaders: ['content-type'],
        }),
      ),
  },
  {
    name: 'public API answering * to everyone',
    planted: ['wildcard-origin'],
    correct: true,
    options: { origins: [] },
    handler: () => handwritten(() => ({ 'access-control-allow-origin': '*' })),
  },
  {
    name: 'corsguard node adapter, public * API',
    planted: ['wildcard-origin'],
    correct: true,
    options: { origins: [] },
    handler: () => connect(corsguard({ origin: '*' }) as never),
  },
  // Session cookies of a credentialed policy (issue 21): can the front end's requests carry them?
  {
    name: 'credentialed policy, session cookie SameSite=Lax, cross-site front end',
    planted: ['cookie-not-sent-cross-site'],
    handler: () => cookieApi(TRUSTED, '; SameSite=Lax'),
  },
  {
    name: 'credentialed policy, session cookie SameSite=None without Secure',
    planted: ['cookie-samesite-none-insecure'],
    handler: () => cookieApi(TRUSTED, '; SameSite=None'),
  },
  {
    name: 'credentialed policy, session cookie SameSite=None; Secure',
    planted: [],
    correct: true,
    handler: () => cookieApi(TRUSTED, '; SameSite=None; Secure'),
  },
  {
    name: 'credentialed policy, session cookie SameSite=Lax, same-site front end',
    planted: [],
    correct: true,
    options: { origins: [SAME_SITE_FRONT_END] },
    handler: () => cookieApi(SAME_SITE_FRONT_END, '; SameSite=Lax'),
  },
];
