// The conformance table: one row per rule, each a request and what every adapter must answer.
// Shared by the adapters' conformance test and corsguard export's (test/export), which compares
// every front server's answer with corsguard/node's for the same rows.
import type { CorsOptions } from '../../src/index.ts';

export const APP = 'https://app.example.com';
export const EVIL = 'https://evil.example.net';

export const base: CorsOptions = {
  origin: [APP, 'https://*.tenant.example.com'],
  methods: ['PUT', 'patch'],
  allowedHeaders: ['X-Api-Key', 'Content-Type'],
  exposedHeaders: ['X-Request-Id'],
  credentials: true,
  maxAge: 600,
};

export interface Row {
  rule: string;
  options?: Partial<CorsOptions>;
  method: string;
  path?: string;
  headers: Record<string, string | string[]>;
  status: number;
  handlerRan: boolean;
  /** Expected values; `null` means the header must be absent. */
  expect?: Record<string, string | null>;
  varyIncludes?: string[];
  varyExcludes?: string[];
}

export const preflight = (origin: string, method: string, requestHeaders?: string): Record<string, string> => ({
  origin,
  'access-control-request-method': method,
  ...(requestHeaders ? { 'access-control-request-headers': requestHeaders } : {}),
});

export const rows: Row[] = [
  {
    rule: 'preflight granted: exact origin, credentials, echoed method and headers, max-age',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', 'content-type,x-api-key'),
    status: 204,
    handlerRan: false,
    expect: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type,x-api-key',
      'access-control-max-age': '600',
    },
    varyIncludes: ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'],
  },
  {
    rule: 'preflight refused: origin not allowed',
    method: 'OPTIONS',
    headers: preflight(EVIL, 'PUT'),
    status: 403,
    handlerRan: false,
    expect: { 'access-control-allow-origin': null },
  },
  {
    rule: 'preflight refused: methods are case-sensitive (PATCH vs patch)',
    method: 'OPTIONS',
    headers: preflight(APP, 'PATCH'),
    status: 403,
    handlerRan: false,
    expect: { 'access-control-allow-origin': null },
  },
  {
    rule: 'preflight granted: lower-case patch as listed',
    method: 'OPTIONS',
    headers: preflight(APP, 'patch'),
    status: 204,
    handlerRan: false,
    expect: { 'access-control-allow-methods': 'patch' },
  },
  {
    rule: 'preflight refused: header not allowed',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', 'x-secret'),
    status: 403,
    handlerRan: false,
    expect: { 'access-control-allow-origin': null },
  },
  {
    rule: "preflight refused: Authorization is never covered by '*'",
    options: { allowedHeaders: '*' },
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', 'authorization'),
    status: 403,
    handlerRan: false,
  },
  {
    rule: 'preflight refused: 15 kB of commas',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', ','.repeat(15_000)),
    status: 403,
    handlerRan: false,
  },
  {
    rule: 'preflight: private network access answered when configured',
    options: { privateNetwork: true },
    method: 'OPTIONS',
    headers: { ...preflight(APP, 'GET'), 'access-control-request-private-network': 'true' },
    status: 204,
    handlerRan: false,
    expect: { 'access-control-allow-private-network': 'true' },
  },
  {
    rule: 'preflight: maxAge 0 is sent',
    options: { maxAge: 0 },
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT'),
    status: 204,
    handlerRan: false,
    expect: { 'access-control-max-age': '0' },
  },
  {
    rule: 'preflight: maxAge unset sends no header',
    options: { maxAge: undefined },
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT'),
    status: 204,
    handlerRan: false,
    expect: { 'access-control-max-age': null },
  },
  {
    rule: 'preflight: optionsSuccessStatus 200',
    options: { optionsSuccessStatus: 200 },
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT'),
    status: 200,
    handlerRan: false,
    expect: { 'access-control-allow-origin': APP },
  },
  {
    rule: 'preflight: preflightContinue runs the handler with the headers set',
    options: { preflightContinue: true },
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT'),
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': APP, 'access-control-allow-methods': 'PUT' },
  },
  {
    rule: 'OPTIONS without Access-Control-Request-Method reaches the handler',
    method: 'OPTIONS',
    headers: { origin: APP },
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': APP },
  },
  {
    rule: "actual: allowed origin gets ACAO, ACAC, ACEH; Vary keeps the handler's Accept-Encoding",
    method: 'GET',
    headers: { origin: APP },
    status: 200,
    handlerRan: true,
    expect: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Request-Id',
    },
    varyIncludes: ['Origin', 'Accept-Encoding'],
  },
  {
    rule: 'actual: subdomain pattern',
    method: 'POST',
    headers: { origin: 'https://a.b.tenant.example.com', 'content-type': 'text/plain' },
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': 'https://a.b.tenant.example.com' },
  },
  {
    rule: 'actual: disallowed origin runs the handler without CORS headers',
    method: 'GET',
    headers: { origin: EVIL },
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': null, 'access-control-allow-credentials': null },
    varyIncludes: ['Origin'],
  },
  {
    rule: 'actual: no Origin still varies on Origin',
    method: 'GET',
    headers: {},
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': null },
    varyIncludes: ['Origin', 'Accept-Encoding'],
  },
  {
    rule: 'actual: null origin is refused',
    method: 'GET',
    headers: { origin: 'null' },
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': null },
  },
  {
    rule: 'actual: two Origin lines never match',
    method: 'GET',
    headers: { origin: [APP, APP] },
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': null },
  },
  {
    rule: "origin '*': ACAO * and no Vary: Origin",
    options: { origin: '*', credentials: false, exposedHeaders: '*' },
    method: 'GET',
    headers: { origin: EVIL },
    status: 200,
    handlerRan: true,
    expect: {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': '*',
      'access-control-allow-credentials': null,
    },
    varyExcludes: ['Origin'],
  },
  {
    rule: 'async predicate allows',
    options: { origin: async (origin: string) => origin === APP },
    method: 'GET',
    headers: { origin: APP },
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': APP },
  },
  {
    rule: 'async predicate refuses a preflight',
    options: { origin: async (origin: string) => origin === APP },
    method: 'OPTIONS',
    headers: preflight(EVIL, 'PUT'),
    status: 403,
    handlerRan: false,
  },
  {
    rule: 'csrf: cross-site POST from a disallowed origin is rejected before the handler',
    options: { csrf: true },
    method: 'POST',
    headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    status: 403,
    handlerRan: false,
  },
  {
    rule: 'csrf: POST from an allowed origin passes',
    options: { csrf: true },
    method: 'POST',
    headers: { origin: APP, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    status: 200,
    handlerRan: true,
    expect: { 'access-control-allow-origin': APP },
  },
  {
    rule: 'csrf: same-origin POST passes',
    options: { csrf: true },
    method: 'POST',
    headers: { origin: 'http://api.internal', 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' },
    status: 200,
    handlerRan: true,
  },
  {
    rule: 'csrf: exempt path passes',
    options: { csrf: { exemptPaths: ['/saml/acs'] } },
    method: 'POST',
    path: '/saml/acs?RelayState=1',
    headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    status: 200,
    handlerRan: true,
  },
  {
    rule: 'csrf: non-browser POST (no Origin, no Sec-Fetch-Site) passes',
    options: { csrf: true },
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    status: 200,
    handlerRan: true,
  },
];
