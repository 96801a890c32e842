// The policies of the generated matrix: every kind of origin option, with and without
// credentials, header lists and '*', exposed headers, maxAge, csrf and privateNetwork.
// `full` names the page origins that send every request of the matrix; all other origins send the
// short list (see requests.ts).
import type { CorsOptions } from '../../../../src/index.ts';
import type { OriginKey } from '../../support/browser-session.ts';
import type { PageOrigins } from '../../support/pages.ts';

export interface MatrixPolicy {
  readonly name: string;
  options(origins: PageOrigins): CorsOptions<any>;
  readonly full: readonly OriginKey[];
}

export const POLICIES: readonly MatrixPolicy[] = [
  {
    name: 'defaults: one exact origin, nothing else',
    options: (o) => ({ origin: o.A }),
    full: ['A'],
  },
  {
    name: 'exact list, methods and headers lists, one exposed header',
    options: (o) => ({
      origin: [o.A, o.B],
      methods: ['PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['X-Custom', 'Content-Type'],
      exposedHeaders: ['X-Secret'],
    }),
    full: ['A'],
  },
  {
    name: 'exact list with credentials, Authorization listed, maxAge 600',
    options: (o) => ({
      origin: [o.A],
      credentials: true,
      methods: ['PUT', 'DELETE'],
      allowedHeaders: ['X-Custom', 'Authorization'],
      exposedHeaders: ['X-Secret', 'X-Request-Id'],
      maxAge: 600,
    }),
    full: ['A'],
  },
  {
    name: "wildcard subdomain http://*.example.localhost:*, '*' everywhere, maxAge 0",
    options: () => ({
      origin: 'http://*.example.localhost:*',
      methods: '*',
      allowedHeaders: '*',
      exposedHeaders: '*',
      maxAge: 0,
    }),
    full: ['B'],
  },
  {
    name: "wildcard subdomain with credentials, methods and headers '*'",
    options: () => ({
      origin: ['http://*.example.localhost:*'],
      credentials: true,
      methods: '*',
      allowedHeaders: '*',
      exposedHeaders: ['X-Secret'],
    }),
    full: ['A'],
  },
  {
    name: 'port wildcard http://a.example.localhost:*, lower-case patch allowed',
    options: () => ({
      origin: 'http://a.example.localhost:*',
      methods: ['patch', 'DELETE'],
      allowedHeaders: ['x-custom', 'x-other'],
      exposedHeaders: ['x-request-id'],
    }),
    full: ['A2'],
  },
  {
    name: 'anchored RegExp for b.example.localhost, credentials',
    options: () => ({
      origin: [/^http:\/\/b\.example\.localhost:\d+$/],
      credentials: true,
      methods: ['PATCH'],
      allowedHeaders: ['Content-Type', 'Authorization'],
      exposedHeaders: ['X-Secret'],
    }),
    full: ['B'],
  },
  {
    name: 'async predicate allowing A2, credentials',
    options: (o) => ({
      origin: async (origin: string) => {
        await new Promise((resolve) => setImmediate(resolve));
        return origin === o.A2;
      },
      credentials: true,
      methods: ['PUT'],
      allowedHeaders: ['X-Custom'],
      exposedHeaders: ['X-Secret'],
    }),
    full: ['A2'],
  },
  {
    name: "any origin '*' with lists",
    options: () => ({
      origin: '*',
      methods: ['PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['X-Custom', 'Content-Type'],
      exposedHeaders: ['X-Secret'],
    }),
    full: ['X'],
  },
  {
    name: "any origin '*' with '*' lists, maxAge 600",
    options: () => ({ origin: '*', methods: '*', allowedHeaders: '*', exposedHeaders: '*', maxAge: 600 }),
    full: ['A'],
  },
  {
    name: 'csrf guard with an exact origin',
    options: (o) => ({ origin: [o.A], csrf: true, methods: ['PUT', 'DELETE'], allowedHeaders: ['Content-Type'] }),
    full: ['A', 'B'],
  },
  {
    name: 'csrf guard with a wildcard subdomain and credentials',
    options: () => ({
      origin: 'http://*.example.localhost:*',
      csrf: true,
      credentials: true,
      methods: ['PUT'],
      exposedHeaders: ['X-Secret'],
    }),
    full: ['X'],
  },
  {
    name: 'privateNetwork with credentials, maxAge 0',
    options: (o) => ({
      origin: [o.A, o.A2],
      privateNetwork: true,
      credentials: true,
      maxAge: 0,
      methods: ['DELETE'],
      allowedHeaders: ['X-Custom'],
    }),
    full: ['A2'],
  },
  {
    name: "null origin opted in (dangerouslyAllowNullOrigin), '*' headers",
    options: (o) => ({
      origin: [o.A, 'null'],
      dangerouslyAllowNullOrigin: true,
      allowedHeaders: '*',
      exposedHeaders: ['X-Secret'],
    }),
    full: ['N'],
  },
];
