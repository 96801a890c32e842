// Rows beyond the adapters' conformance table, for what a front server can get wrong that a Node
// middleware cannot: byte-exact origins in a regex engine, bounds on hostile headers, the
// upstream's error pages and Vary, the CSRF guard's Host fallback. Every answer is compared with
// corsguard/node's for the same options, so a row states the request, never the expected answer.
import type { CorsOptions } from '../../src/index.ts';
import { APP, EVIL, preflight, rows as conformanceRows } from '../conformance/rows.ts';

export interface ExportRow {
  readonly rule: string;
  readonly options?: Partial<CorsOptions>;
  readonly method: string;
  readonly path?: string;
  readonly headers: Record<string, string | string[]>;
}

const long = (unit: string, bytes: number) => unit.repeat(Math.floor(bytes / unit.length));
const post = (origin: string, extra: Record<string, string | string[]> = {}) => ({
  origin,
  'content-type': 'text/plain',
  ...extra,
});

export const exportRows: ExportRow[] = [
  {
    rule: 'origin: compared byte for byte (upper-case host refused)',
    method: 'GET',
    headers: { origin: 'https://APP.example.com' },
  },
  { rule: 'origin: a trailing dot is another origin', method: 'GET', headers: { origin: `${APP}.` } },
  {
    rule: 'origin: a longer host containing the allowed one is refused',
    method: 'GET',
    headers: { origin: `${APP}.evil.net` },
  },
  { rule: 'origin: http instead of https is refused', method: 'GET', headers: { origin: 'http://app.example.com' } },
  { rule: 'origin: an explicit port is another origin', method: 'GET', headers: { origin: `${APP}:443` } },
  {
    rule: 'pattern: the bare suffix is not a subdomain',
    method: 'GET',
    headers: { origin: 'https://tenant.example.com' },
  },
  { rule: 'pattern: an empty label is refused', method: 'GET', headers: { origin: 'https://a..tenant.example.com' } },
  { rule: 'pattern: upper case is refused', method: 'GET', headers: { origin: 'https://A.tenant.example.com' } },
  {
    rule: 'pattern: a port the pattern lacks is refused',
    method: 'GET',
    headers: { origin: 'https://a.tenant.example.com:8443' },
  },
  {
    rule: 'pattern: a host over 253 bytes is refused',
    method: 'GET',
    headers: { origin: `https://${long('abcdefghi.', 250)}tenant.example.com` },
  },
  {
    rule: 'pattern: a 253-byte host is allowed',
    method: 'GET',
    headers: { origin: `https://${'a'.repeat(253 - '.tenant.example.com'.length)}.tenant.example.com` },
  },
  {
    rule: 'any-port pattern: a port is allowed',
    options: { origin: ['http://localhost:*'] },
    method: 'GET',
    headers: { origin: 'http://localhost:5173' },
  },
  {
    rule: 'any-port pattern: no port is allowed',
    options: { origin: ['http://localhost:*'] },
    method: 'GET',
    headers: { origin: 'http://localhost' },
  },
  {
    rule: 'any-port pattern: port 65536 is refused',
    options: { origin: ['http://localhost:*'] },
    method: 'GET',
    headers: { origin: 'http://localhost:65536' },
  },
  {
    rule: 'any-port pattern: a leading zero is refused',
    options: { origin: ['http://localhost:*'] },
    method: 'GET',
    headers: { origin: 'http://localhost:080' },
  },
  {
    rule: 'subdomain pattern with any port',
    options: { origin: ['https://*.example.org:*'] },
    method: 'GET',
    headers: { origin: 'https://a.example.org:8443' },
  },
  {
    rule: 'RegExp: an alternative in a group is allowed',
    options: { origin: [/^https:\/\/(?:a|b)\.example\.net$/] },
    method: 'GET',
    headers: { origin: 'https://b.example.net' },
  },
  {
    rule: 'RegExp: another origin is refused',
    options: { origin: [/^https:\/\/(?:a|b)\.example\.net$/] },
    method: 'GET',
    headers: { origin: 'https://c.example.net' },
  },
  {
    rule: 'RegExp with i flag ignores case',
    options: { origin: [/^https:\/\/app\.example\.net$/i] },
    method: 'GET',
    headers: { origin: 'https://APP.example.net' },
  },
  {
    rule: 'RegExp: a broad one still sees no origin over 2048 bytes',
    options: { origin: [/^https:\/\/.+$/] },
    method: 'GET',
    headers: { origin: `https://${'a'.repeat(2100)}` },
  },
  {
    rule: 'RegExp: a broad one sees an origin of 2048 bytes',
    options: { origin: [/^https:\/\/.+$/] },
    method: 'GET',
    headers: { origin: `https://${'a'.repeat(2040)}` },
  },
  {
    rule: 'RegExp: a broad one never sees whitespace',
    options: { origin: [/^https:\/\/.+$/] },
    method: 'GET',
    headers: { origin: 'https://a\tb' },
  },
  {
    rule: 'RegExp: a broad one never sees two joined origins',
    options: { origin: [/^https:\/\/.+$/] },
    method: 'GET',
    headers: { origin: ['https://a.net', 'https://b.net'] },
  },
  {
    rule: 'null origin allowed when opted in',
    options: { origin: ['null', APP], dangerouslyAllowNullOrigin: true },
    method: 'GET',
    headers: { origin: 'null' },
  },
  {
    rule: 'preflight: requested headers in any case and spacing, normalised',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', ' X-Api-Key ,\tContent-Type'),
  },
  { rule: 'preflight: an empty Access-Control-Request-Headers', method: 'OPTIONS', headers: preflight(APP, 'PUT', '') },
  {
    rule: 'preflight: a malformed header list is refused',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', 'x-api-key;content-type'),
  },
  {
    rule: 'preflight: names up to the bound (2 per allowed name + 4) are allowed',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', Array(8).fill('x-api-key').join(',')),
  },
  {
    rule: 'preflight: one name past the bound is refused',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', Array(9).fill('x-api-key').join(',')),
  },
  {
    rule: 'preflight: 16 empty elements are tolerated',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', `${','.repeat(16)}x-api-key`),
  },
  {
    rule: 'preflight: 17 empty elements are refused',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', `${','.repeat(17)}x-api-key`),
  },
  {
    rule: 'preflight: a trailing empty element counts',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', `x-api-key${', '.repeat(16)}`),
  },
  {
    rule: 'preflight: hostile 15 kB of allowed names refused',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', long('x-api-key,', 15_000)),
  },
  {
    rule: 'preflight: hostile 15 kB of spaces refused',
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', `x-api-key${' '.repeat(15_000)}x`),
  },
  {
    rule: 'preflight: two Access-Control-Request-Headers lines are one list',
    method: 'OPTIONS',
    headers: { ...preflight(APP, 'PUT'), 'access-control-request-headers': ['x-api-key', 'content-type'] },
  },
  {
    rule: 'preflight: two Access-Control-Request-Method lines never match',
    method: 'OPTIONS',
    headers: { origin: APP, 'access-control-request-method': ['PUT', 'PUT'] },
  },
  {
    rule: "preflight: '*' allows any other name",
    options: { allowedHeaders: '*' },
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', 'x-anything,x-other'),
  },
  {
    rule: "preflight: '*' refuses 257 names",
    options: { allowedHeaders: '*' },
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', Array.from({ length: 257 }, (_, i) => `x-h${i}`).join(',')),
  },
  {
    rule: "preflight: '*' with Authorization listed allows it",
    options: { allowedHeaders: ['*', 'Authorization'] },
    method: 'OPTIONS',
    headers: preflight(APP, 'PUT', 'authorization,x-a'),
  },
  {
    rule: "preflight: methods '*' allows any token",
    options: { methods: '*' },
    method: 'OPTIONS',
    headers: preflight(APP, 'PROPFIND'),
  },
  {
    rule: "preflight: methods '*' refuses a non-token",
    options: { methods: '*' },
    method: 'OPTIONS',
    headers: preflight(APP, 'PRO FIND'),
  },
  {
    rule: 'preflight: safelisted methods need no listing',
    method: 'OPTIONS',
    headers: preflight(APP, 'POST', 'x-api-key'),
  },
  { rule: 'preflight: lower-case put is not PUT', method: 'OPTIONS', headers: preflight(APP, 'put') },
  {
    rule: 'preflight: private network refused when not configured',
    method: 'OPTIONS',
    headers: { ...preflight(APP, 'GET'), 'access-control-request-private-network': 'true' },
  },
  {
    rule: "preflight: private network only for the exact value 'true'",
    options: { privateNetwork: true },
    method: 'OPTIONS',
    headers: { ...preflight(APP, 'GET'), 'access-control-request-private-network': 'TRUE' },
  },
  {
    rule: 'preflight: origin *, no Origin in Vary',
    options: { origin: '*', credentials: false },
    method: 'OPTIONS',
    headers: preflight(EVIL, 'PUT', 'x-api-key'),
  },
  {
    rule: 'preflight: pattern origin granted',
    method: 'OPTIONS',
    headers: preflight('https://x.tenant.example.com', 'PUT'),
  },
  {
    rule: 'preflight: an empty Origin is a refused preflight',
    method: 'OPTIONS',
    headers: { origin: '', 'access-control-request-method': 'PUT' },
  },
  {
    rule: 'csrf: an empty Origin without Sec-Fetch-Site is cross-origin',
    options: { csrf: true },
    method: 'POST',
    headers: post(''),
  },
  {
    rule: 'OPTIONS with Access-Control-Request-Method but no Origin reaches the upstream',
    method: 'OPTIONS',
    headers: { 'access-control-request-method': 'PUT' },
  },
  {
    rule: 'OPTIONS from a refused origin without ACRM reaches the upstream',
    method: 'OPTIONS',
    headers: { origin: EVIL },
  },
  {
    rule: 'upstream error page 500 keeps the CORS headers',
    method: 'GET',
    path: '/status/500',
    headers: { origin: APP },
  },
  {
    rule: 'upstream error page 404 keeps the CORS headers',
    method: 'GET',
    path: '/status/404',
    headers: { origin: APP },
  },
  { rule: 'upstream error page 401 keeps the CORS headers', method: 'POST', path: '/status/401', headers: post(APP) },
  {
    rule: "Vary: the upstream's Origin is not repeated",
    method: 'GET',
    path: '/vary/Origin',
    headers: { origin: APP },
  },
  {
    rule: "Vary: the upstream's lower-case origin is not repeated",
    method: 'GET',
    path: '/vary/accept-language,%20origin',
    headers: { origin: EVIL },
  },
  { rule: "Vary: the upstream's * is kept alone", method: 'GET', path: '/vary/*', headers: { origin: APP } },
  {
    rule: "Vary: merged with the upstream's other names",
    method: 'GET',
    path: '/vary/Accept-Language',
    headers: { origin: APP },
  },
  {
    rule: 'Vary on several lines: Origin on the second is not repeated',
    method: 'GET',
    path: '/vary/Accept-Language/Origin',
    headers: { origin: APP },
  },
  {
    rule: 'Vary on several lines: Origin on the first is not repeated',
    method: 'GET',
    path: '/vary/Origin/Accept-Language',
    headers: { origin: APP },
  },
  {
    rule: 'Vary on several lines: upper-case ORIGIN on a later line is not repeated',
    method: 'GET',
    path: '/vary/Accept-Language/Accept-Encoding/ORIGIN',
    headers: { origin: EVIL },
  },
  {
    rule: 'Vary on several lines: origin inside a list on the second line is not repeated',
    method: 'GET',
    path: '/vary/Accept-Encoding/accept-language,%20oRiGiN',
    headers: { origin: APP },
  },
  {
    rule: "Vary on several lines: '*' on the second line is kept alone",
    method: 'GET',
    path: '/vary/Accept-Language/*',
    headers: { origin: APP },
  },
  {
    rule: 'Vary on several lines without Origin: Origin added once',
    method: 'GET',
    path: '/vary/Accept-Language/Accept-Encoding',
    headers: { origin: APP },
  },
  {
    rule: 'Vary on several lines: a name ending in origin is not Origin',
    method: 'GET',
    path: '/vary/Accept-Language/X-Origin',
    headers: { origin: APP },
  },
  {
    rule: 'csrf: PUT cross-site from a refused origin rejected',
    options: { csrf: true },
    method: 'PUT',
    headers: post(EVIL, { 'sec-fetch-site': 'cross-site' }),
  },
  {
    rule: 'csrf: DELETE same-site from a refused origin rejected',
    options: { csrf: true },
    method: 'DELETE',
    headers: { origin: EVIL, 'sec-fetch-site': 'same-site' },
  },
  {
    rule: 'csrf: GET cross-site passes',
    options: { csrf: true },
    method: 'GET',
    headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
  },
  {
    rule: 'csrf: two Sec-Fetch-Site lines are not same-origin',
    options: { csrf: true },
    method: 'POST',
    headers: post(EVIL, { 'sec-fetch-site': ['same-origin', 'same-origin'] }),
  },
  {
    rule: 'csrf: Sec-Fetch-Site none passes',
    options: { csrf: true },
    method: 'POST',
    headers: post(EVIL, { 'sec-fetch-site': 'none' }),
  },
  {
    rule: 'csrf: without Sec-Fetch-Site, Origin matching Host passes',
    options: { csrf: true },
    method: 'POST',
    headers: post('http://api.internal:8080', { host: 'api.internal:8080' }),
  },
  {
    rule: 'csrf: without Sec-Fetch-Site, Host is compared in lower case',
    options: { csrf: true },
    method: 'POST',
    headers: post('http://api.internal', { host: 'API.Internal' }),
  },
  {
    rule: 'csrf: without Sec-Fetch-Site, an upper-case Origin host is cross-origin',
    options: { csrf: true },
    method: 'POST',
    headers: post('http://API.internal', { host: 'api.internal' }),
  },
  {
    rule: 'csrf: without Sec-Fetch-Site, another Origin is cross-origin',
    options: { csrf: true },
    method: 'POST',
    headers: post(EVIL, { host: 'api.internal' }),
  },
  {
    rule: 'csrf: exempt paths match exactly (a trailing slash is another path)',
    options: { csrf: { exemptPaths: ['/saml/acs'] } },
    method: 'POST',
    path: '/saml/acs/',
    headers: post(EVIL, { 'sec-fetch-site': 'cross-site' }),
  },
  {
    rule: 'csrf: exempt path without a query',
    options: { csrf: { exemptPaths: ['/saml/acs'] } },
    method: 'POST',
    path: '/saml/acs',
    headers: post(EVIL, { 'sec-fetch-site': 'cross-site' }),
  },
  {
    rule: 'csrf: a preflight is never rejected by the guard',
    options: { csrf: true },
    method: 'OPTIONS',
    headers: { ...preflight(EVIL, 'PUT'), 'sec-fetch-site': 'cross-site' },
  },
  {
    rule: 'exposedHeaders * without credentials',
    options: { credentials: false, exposedHeaders: '*' },
    method: 'GET',
    headers: { origin: APP },
  },
  {
    rule: 'no exposedHeaders, no credentials: ACAO alone',
    options: { credentials: false, exposedHeaders: undefined },
    method: 'GET',
    headers: { origin: APP },
  },
  {
    rule: 'credentials without exposedHeaders: no Access-Control-Expose-Headers',
    options: { credentials: true, exposedHeaders: undefined },
    method: 'GET',
    headers: { origin: APP },
  },
];

/** The adapters' table and this one: every row a front must answer as corsguard/node does. */
export const allRows: ExportRow[] = [...conformanceRows, ...exportRows];
