import type { FailureContext } from './failure.ts';
import type { FixOptions } from './fix-options.ts';

/** What to change so the browser allows the request. */
export interface Fix {
  /** Who has to change something: the server (its CORS configuration or its certificate), or the calling code. */
  readonly side: 'server' | 'client';
  readonly text: string;
  /** The corsguard options that make the server answer correctly, e.g. `{ allowedHeaders: ['x-api-key'] }`. */
  readonly options?: FixOptions;
}

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

/** A network error's fix by its code: a server that never answered is not one that could not be reached. */
function networkErrorFix(code: string | undefined): Fix {
  switch (code) {
    case 'ERR_ANSWER_TIMEOUT':
      return {
        side: 'server',
        text: `The server accepted the connection but did not answer in time; check what the server does with this request (or allow it more time).`,
      };
    case 'ERR_SWITCHING_PROTOCOLS':
      return {
        side: 'server',
        text: `The server answered 101 Switching Protocols to a plain HTTP request, so there is no response whose CORS headers could be checked; it should answer with a final status.`,
      };
    default:
      // Node's HTTP parser (llhttp) names a malformed answer HPE_*: the server was reached.
      if (code?.startsWith('HPE_'))
        return {
          side: 'server',
          text: `The server's answer is not valid HTTP (${code}), so the browser fails the request too; fix what the server sends.`,
        };
      return { side: 'client', text: `The server could not be reached; check the URL and that the server is running.` };
  }
}

/**
 * A server-side fix naming the page's origin, unless no such fix can help: a redirect tainted the
 * origin, or the page's own origin is 'null'.
 */
function serverFix(context: FailureContext, text: string): Fix {
  if (context.tainted) return TAINTED;
  const options = originOptions(context);
  return options === undefined ? { side: 'client', text: OPAQUE_ORIGIN } : { side: 'server', text, options };
}

/** The change that resolves a failure, as corsguard options when the server has to change. */
export function fixFor(context: FailureContext): Fix {
  const { reason, pageOrigin: origin, method, value = '', names = [], credentials } = context;
  switch (reason) {
    case 'missing-allow-origin':
      return serverFix(
        context,
        context.stage === 'preflight'
          ? `The server's answer to the preflight (OPTIONS) has no CORS headers: it does not handle preflights, or its CORS policy refuses this one (origin, method or headers). Allow all of them (and mount the CORS middleware before routes and authentication).`
          : `The server must answer with Access-Control-Allow-Origin: ${origin}.`,
      );
    case 'multiple-allow-origin':
      return serverFix(
        context,
        `Access-Control-Allow-Origin holds '${value}': send exactly one origin, the request's. Two layers (proxy and app, or two middlewares) adding the header produce this; keep one.`,
      );
    case 'invalid-allow-origin':
    case 'allow-origin-mismatch': {
      const hint =
        value === `${origin}/`
          ? ' An origin has no trailing slash.'
          : value.toLowerCase() === origin.toLowerCase()
            ? ' Origins compare byte for byte (case matters).'
            : value === 'null'
              ? " 'null' is not your page's origin (and never safe to allow)."
              : '';
      return serverFix(
        context,
        `The server answers Access-Control-Allow-Origin: ${value}, but the page's origin is ${origin}.${hint}`,
      );
    }
    case 'wildcard-origin-with-credentials':
      return serverFix(
        context,
        `With credentials the server must echo the exact origin (not '*') and send Access-Control-Allow-Credentials: true. Or drop credentials: 'include' if the request needs no cookies.`,
      );
    case 'invalid-allow-credentials':
      return serverFix(
        context,
        value === ''
          ? `Credentialed requests need Access-Control-Allow-Credentials: true from the server.`
          : `Access-Control-Allow-Credentials must be exactly 'true' (lower case, once), not '${value}'.`,
      );
    case 'preflight-invalid-status': {
      const status = Number(value);
      const why =
        status === 401 || status === 403
          ? 'authentication or a firewall rejects it before CORS runs (a preflight never carries cookies or Authorization)'
          : status === 404 || status === 405 || status === 501
            ? 'no route answers OPTIONS'
            : status >= 300 && status < 400
              ? 'it answered with a redirect status'
              : 'the server failed on it';
      return serverFix(
        context,
        `The preflight got status ${value}: ${why}. Let the CORS middleware answer preflights itself (204), mounted before routes and authentication.`,
      );
    }
    case 'preflight-redirect':
      return {
        side: 'client',
        text: `Browsers never follow a redirect for a preflight. Request the final URL directly (a missing trailing slash or http→https is the usual cause), or have the server answer OPTIONS without redirecting.`,
      };
    case 'invalid-allow-methods':
      return {
        side: 'server',
        text: `Access-Control-Allow-Methods: '${value}' is not a comma-separated list of method names, so browsers reject the whole preflight. corsguard builds the header from methods.`,
        options: { methods: [method] },
      };
    case 'invalid-allow-headers':
      return {
        side: 'server',
        text: `Access-Control-Allow-Headers: '${value}' is not a comma-separated list of header names, so browsers reject the whole preflight. corsguard builds the header from allowedHeaders.`,
        options: { allowedHeaders: [...names] },
      };
    case 'method-not-allowed': {
      const upper = method.toUpperCase();
      if (upper !== method) {
        return {
          side: 'client',
          text: `fetch() sends '${method}' exactly as written (only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased) and methods compare case-sensitively: write '${upper}' in the fetch call — or allow '${method}' on the server.`,
          options: { methods: [method] },
        };
      }
      const star =
        context.wildcardListed && credentials
          ? " '*' is a literal method name for credentialed requests: list the method."
          : '';
      return {
        side: 'server',
        text: `The preflight answer does not allow method ${method}.${star}`,
        options: { methods: [method] },
      };
    }
    case 'header-not-allowed': {
      const star =
        context.wildcardListed && credentials
          ? " '*' is a literal header name for credentialed requests: list the headers."
          : '';
      return {
        side: 'server',
        text: `The preflight answer does not allow request header${names.length > 1 ? 's' : ''} ${names.join(', ')}.${star}`,
        options: { allowedHeaders: [...names] },
      };
    }
    case 'authorization-not-covered-by-wildcard':
      return {
        side: 'server',
        text: `Access-Control-Allow-Headers: * never covers Authorization; list it explicitly.`,
        options: { allowedHeaders: ['authorization', '*'] },
      };
    case 'header-not-exposed': {
      const star =
        context.wildcardListed && credentials ? " '*' exposes nothing to credentialed requests: list the names." : '';
      return {
        side: 'server',
        text: `Expose the header${names.length > 1 ? 's' : ''} with Access-Control-Expose-Headers: ${names.join(', ')}.${star}`,
        options: { exposedHeaders: [...names] },
      };
    }
    case 'invalid-expose-headers':
      return {
        side: 'server',
        text: `Send Access-Control-Expose-Headers as a comma-separated list of header names (one bad element makes browsers ignore the whole list). corsguard builds the header from exposedHeaders.`,
        options: { exposedHeaders: [...names] },
      };
    case 'header-never-readable':
      return {
        side: 'client',
        text: `No server setting can expose ${names.join(', ')}. For cookies, let the browser keep them (credentials: 'include' on the fetch); send anything script must read in the body or another header.`,
      };
    case 'redirect-invalid-location':
    case 'redirect-unsupported-scheme':
      return {
        side: 'server',
        text: `The server redirected to '${value}', which a browser cannot follow; fix the Location header.`,
      };
    case 'redirect-contains-credentials':
      return {
        side: 'server',
        text: `A cross-origin redirect may not carry user:password@ in its Location; remove them.`,
      };
    case 'too-many-redirects':
      return { side: 'server', text: `The server redirects in a loop; fix the redirect chain.` };
    case 'network-error':
      return networkErrorFix(context.errorCode);
    case 'tls-error':
      return {
        side: 'server',
        text: `The browser refuses the connection before CORS is involved. Serve a certificate the browser trusts (for local development, one from a locally trusted authority such as mkcert's).`,
      };
    case 'invalid-url':
    case 'unsupported-scheme':
      return { side: 'client', text: `Give an absolute http(s) URL.` };
    case 'url-contains-credentials':
      return {
        side: 'client',
        text: `Remove user:password@ from the URL; send credentials in an Authorization header instead (and allow it on the server).`,
      };
    case 'invalid-read-header':
      return { side: 'client', text: `Name the response header as an HTTP token, e.g. X-Request-Id.` };
    case 'invalid-origin':
      return {
        side: 'client',
        text: `Give the page's origin as scheme://host[:port], for example https://app.example.com.`,
      };
    case 'invalid-method':
      return { side: 'client', text: `A method is an HTTP token: letters, digits and !#$%&'*+-.^_\`|~.` };
    case 'forbidden-method':
      return { side: 'client', text: `Browsers refuse CONNECT, TRACE and TRACK; use another method.` };
    case 'invalid-header':
      return {
        side: 'client',
        text: `Header names must be HTTP tokens and values may not contain NUL, CR, LF or characters above U+00FF.`,
      };
  }
}
