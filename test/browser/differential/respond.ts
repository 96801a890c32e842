// How the differential server answers a hop, as a pure function: the HTTP server and the
// simulator's in-memory transport both call it, so both see byte-identical header lists.
import { decodeSpec, encodeSpec, REDIRECT_STATUSES, type AnswerSpec, type ServerSpec } from './cases.ts';

export interface Hosts {
  /** The page's origin, e.g. http://a.example.localhost:PORT */
  readonly page: string;
  /** The API's origin (another host on the same server). */
  readonly api: string;
  /** A third origin, target of cross-origin redirects. */
  readonly cdn: string;
}

export interface Answer {
  readonly status: number;
  readonly headers: [string, string][];
}

export function caseUrl(hosts: Hosts, id: number, spec: ServerSpec): string {
  return `${hosts.api}/c/${id}/h1?r=${encodeSpec(spec)}`;
}

export function isPreflight(method: string, headers: Headers): boolean {
  return method === 'OPTIONS' && headers.has('origin') && headers.has('access-control-request-method');
}

function allowOrigin(spec: AnswerSpec, hosts: Hosts, requestOrigin: string | null): string[] {
  switch (spec.acao) {
    case 'exact':
      return [hosts.page];
    case 'star':
      return ['*'];
    case 'missing':
      return [];
    case 'two-lines':
      return [hosts.page, hosts.page];
    case 'null':
      return ['null'];
    case 'slash':
      return [`${hosts.page}/`];
    case 'upper':
      return [hosts.page.toUpperCase()];
    case 'other':
      return ['http://evil.example.localhost'];
    case 'reflect':
      return requestOrigin === null ? [] : [requestOrigin];
  }
}

/** The answer for a request to /c/<id>/<hop>?r=<spec>, or undefined for any other path. */
export function respond(url: URL, method: string, headers: Headers, hosts: Hosts): Answer | undefined {
  const match = /^\/c\/(\d+)\/(h1|h2)$/.exec(url.pathname);
  const encoded = url.searchParams.get('r');
  if (!match || encoded === null) return undefined;
  const server = decodeSpec(encoded);
  const preflight = isPreflight(method, headers);
  const spec = preflight ? server.preflight : match[2] === 'h1' ? server.actual : server.final;
  const base: [string, string][] = [
    ['Content-Type', 'text/plain'],
    ['Cache-Control', 'no-store'],
    ['Content-Language', 'en'],
    ['X-Alpha', '1'],
    ['X-Beta', '2'],
    ['Content-Length', '0'],
    ['Connection', 'keep-alive'],
  ];
  const listed = (spec.acam ?? '').split(',').map((method) => method.trim());
  if (preflight && spec.refuseUnlisted && !listed.includes(headers.get('access-control-request-method') ?? ''))
    return { status: 403, headers: base };
  const out = [...base];
  for (const value of allowOrigin(spec, hosts, headers.get('origin'))) out.push(['Access-Control-Allow-Origin', value]);
  if (spec.acac !== 'absent') out.push(['Access-Control-Allow-Credentials', spec.acac]);
  if (spec.acam !== undefined) out.push(['Access-Control-Allow-Methods', spec.acam]);
  if (spec.acah !== undefined) out.push(['Access-Control-Allow-Headers', spec.acah]);
  if (spec.maxAge !== undefined) out.push(['Access-Control-Max-Age', spec.maxAge]);
  if (spec.aceh !== undefined) out.push(['Access-Control-Expose-Headers', spec.aceh]);
  if (REDIRECT_STATUSES.includes(spec.status)) {
    const base = preflight
      ? hosts.api
      : spec.redirect === 'cross'
        ? hosts.cdn
        : spec.redirect === 'page'
          ? hosts.page
          : hosts.api;
    const path = preflight ? `${url.pathname}${url.search}` : `/c/${match[1]}/h2?r=${encoded}`;
    out.push(['Location', `${base}${path}`]);
  }
  return { status: spec.status, headers: out };
}

/** Request headers whose arrival the test compares (Chromium adds Accept and Accept-Language itself). */
const WATCHED = [
  'x-a',
  'x-b',
  'x-c',
  'content-type',
  'content-language',
  'range',
  'authorization',
  'dpr',
  'width',
  'viewport-width',
  'ect',
  'rtt',
  'downlink',
  'device-memory',
  'save-data',
  'intervention',
  'x-http-method-override',
];

/** One line per request that reached the server: what a browser sent, in comparable form. */
export function arrivalSignature(url: URL, method: string, headers: Headers): string {
  const sent = WATCHED.filter((name) => headers.has(name));
  const parts = [method, `${url.host.split('.')[0]}${url.pathname}`, `origin=${headers.get('origin')}`];
  if (isPreflight(method, headers)) {
    parts.push(
      `acrm=${headers.get('access-control-request-method')}`,
      `acrh=${headers.get('access-control-request-headers')}`,
    );
  } else {
    parts.push(`headers=${sent.join(',')}`);
  }
  return parts.join(' ');
}

export function caseIdOf(url: URL): number | undefined {
  const match = /^\/c\/(\d+)\//.exec(url.pathname);
  return match ? Number(match[1]) : undefined;
}
