import type { FailureContext } from './failure.ts';
import type { Fix, FixRule } from './fix.ts';
import type { FixOptions } from './fix-options.ts';

// Fixes for failures of the CORS check and of the preflight (https://fetch.spec.whatwg.org/#cors-check).

/** The options a server needs to grant the request: the origin, and what a failed preflight asked for. */
function originOptions(context: FailureContext): FixOptions | undefined {
  // An opaque origin (sandboxed iframe, data: or file: page) is 'null', which anyone can send.
  if (context.pageOrigin === 'null') return undefined;
  const asked = context.stage === 'preflight' ? context.preflightAsked : undefined;
  return {
    origin: [context.pageOrigin],
    ...(asked?.method ? { methods: [asked.method] } : {}),
    ...(asked?.headers.length ? { allowedHeaders: [...asked.headers] } : {}),
    ...(context.credentials ? { credentials: true as const } : {}),
  };
}

const TAINTED: Fix = {
  side: 'client',
  text: "A redirect to another origin made the browser send 'Origin: null', which no safe policy allows. Request the final URL directly.",
};

const OPAQUE_ORIGIN =
  "The page has an opaque origin ('null': a sandboxed iframe, a data: or file: page), and any site can send 'Origin: null', so no safe policy allows it. Serve the page from a real origin (or add allow-same-origin to the iframe's sandbox). Only if the response is public: dangerouslyAllowNullOrigin: true with origin: ['null'].";

/**
 * A server-side fix naming the page's origin, unless no such fix can help: a redirect tainted the
 * origin, or the page's own origin is 'null'.
 */
function serverFix(context: FailureContext, text: string): Fix {
  if (context.tainted) return TAINTED;
  const options = originOptions(context);
  return options === undefined ? { side: 'client', text: OPAQUE_ORIGIN } : { side: 'server', text, options };
}

export const missingAllowOrigin: FixRule = (context) =>
  serverFix(
    context,
    context.stage === 'preflight'
      ? `The server's answer to the preflight (OPTIONS) has no CORS headers: it does not handle preflights, or its CORS policy refuses this one (origin, method or headers). Allow all of them (and mount the CORS middleware before routes and authentication).`
      : `The server must answer with Access-Control-Allow-Origin: ${context.pageOrigin}.`,
  );

export const multipleAllowOrigin: FixRule = (context) =>
  serverFix(
    context,
    `Access-Control-Allow-Origin holds '${context.value ?? ''}': send exactly one origin, the request's. Two layers (proxy and app, or two middlewares) adding the header produce this; keep one.`,
  );

/** The usual slip behind an Access-Control-Allow-Origin that does not match the page's origin. */
function originSlip(value: string, origin: string): string {
  if (value === `${origin}/`) return ' An origin has no trailing slash.';
  if (value.toLowerCase() === origin.toLowerCase()) return ' Origins compare byte for byte (case matters).';
  if (value === 'null') return " 'null' is not your page's origin (and never safe to allow).";
  return '';
}

export const allowOriginMismatch: FixRule = (context) => {
  const { value = '', pageOrigin: origin } = context;
  return serverFix(
    context,
    `The server answers Access-Control-Allow-Origin: ${value}, but the page's origin is ${origin}.${originSlip(value, origin)}`,
  );
};

export const wildcardOriginWithCredentials: FixRule = (context) =>
  serverFix(
    context,
    `With credentials the server must echo the exact origin (not '*') and send Access-Control-Allow-Credentials: true. Or drop credentials: 'include' if the request needs no cookies.`,
  );

export const invalidAllowCredentials: FixRule = (context) =>
  serverFix(
    context,
    context.value
      ? `Access-Control-Allow-Credentials must be exactly 'true' (lower case, once), not '${context.value}'.`
      : `Credentialed requests need Access-Control-Allow-Credentials: true from the server.`,
  );

/** Why a server answers a preflight with a non-ok status (https://fetch.spec.whatwg.org/#ok-status). */
function preflightStatusCause(status: number): string {
  if (status === 401 || status === 403)
    return 'authentication or a firewall rejects it before CORS runs (a preflight never carries cookies or Authorization)';
  if (status === 404 || status === 405 || status === 501) return 'no route answers OPTIONS';
  if (status >= 300 && status < 400) return 'it answered with a redirect status';
  return 'the server failed on it';
}

export const preflightInvalidStatus: FixRule = (context) => {
  const value = context.value ?? '';
  return serverFix(
    context,
    `The preflight got status ${value}: ${preflightStatusCause(Number(value))}. Let the CORS middleware answer preflights itself (204), mounted before routes and authentication.`,
  );
};
