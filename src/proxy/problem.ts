// Errors the gateway answers itself, as RFC 9457 problem details (https://www.rfc-editor.org/rfc/rfc9457).

import { docsUrl } from '../core/docs-url.ts';

export type ProblemCode =
  | 'upstream-unreachable'
  | 'upstream-timeout'
  | 'target-not-origin-form'
  | 'target-encoded-separator'
  | 'target-dot-segment'
  | 'target-backslash'
  | 'target-double-encoded'
  | 'target-bad-encoding'
  | 'request-body-not-allowed'
  | 'method-not-allowed'
  | 'origin-check-failed'
  | 'websocket-origin-refused'
  | 'websocket-upgrade-invalid';

const PROBLEMS: Record<ProblemCode, { status: number; detail: string }> = {
  'upstream-unreachable': {
    status: 502,
    detail: 'The upstream server could not be reached or sent an invalid response',
  },
  'upstream-timeout': { status: 504, detail: 'The upstream server did not answer in time' },
  'target-not-origin-form': {
    status: 400,
    detail: 'The request target must be a path: this gateway forwards to one fixed upstream',
  },
  'target-encoded-separator': { status: 400, detail: 'Encoded slashes and backslashes are not forwarded' },
  'target-dot-segment': { status: 400, detail: 'Dot segments are not forwarded' },
  'target-backslash': { status: 400, detail: 'Backslashes are not forwarded' },
  'target-double-encoded': {
    status: 400,
    detail: 'Double-encoded dots, slashes and backslashes (%252e, %252f, %255c) are not forwarded',
  },
  'target-bad-encoding': { status: 400, detail: 'The path is not valid percent-encoded UTF-8, or holds %00' },
  'method-not-allowed': {
    status: 405,
    detail: 'TRACE and TRACK are not forwarded: they would echo the request, cookies and credentials included',
  },
  'request-body-not-allowed': {
    status: 400,
    detail:
      'A request body is forwarded only with POST, PUT and PATCH (and the methods the gateway is configured to allow bodies on)',
  },
  'origin-check-failed': { status: 500, detail: 'The origin check failed' },
  'websocket-origin-refused': {
    status: 403,
    detail: 'WebSocket connections are accepted only from origins the CORS policy allows',
  },
  'websocket-upgrade-invalid': {
    status: 400,
    detail: 'Only WebSocket upgrades (Upgrade: websocket with Sec-WebSocket-Key and Sec-WebSocket-Version) are proxied',
  },
};

// The title is the status's reason phrase: constant per type, as RFC 9457 section 3.1.4 asks;
// `type` is the code's page on the documentation site (section 3.1.1), which says what happened.
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
};

export interface Problem {
  readonly status: number;
  readonly body: string;
}

// Each body is serialised once, at load.
const BODIES = Object.fromEntries(
  (Object.keys(PROBLEMS) as ProblemCode[]).map((code) => {
    const { status, detail } = PROBLEMS[code];
    return [
      code,
      { status, body: JSON.stringify({ type: docsUrl('gateway', code), title: TITLES[status], status, detail, code }) },
    ];
  }),
) as Record<ProblemCode, Problem>;

/** The status and JSON body for `code`; `code` is an extension member, stable for programs. */
export function problem(code: ProblemCode): Problem {
  return BODIES[code];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The methods the gateway forwards, for a 405's Allow header (extension methods are forwarded too). */
export const ALLOW = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** Methods answered 405 and never forwarded: a TRACE echoes the request it received, credentials included. */
export function refusedMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'TRACE' || upper === 'TRACK';
}
