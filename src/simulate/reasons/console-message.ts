import type { SimulationReason } from './codes.ts';
import { sentOrigin, type FailureContext } from './failure.ts';
import { tlsErrorDescription } from './transport-error.ts';

/** The part of Chromium's console message after "has been blocked by CORS policy: ". */
function detail(context: FailureContext): string {
  const { reason, value = '', names = [] } = context;
  const first = names[0] ?? '';
  switch (reason) {
    case 'missing-allow-origin':
      return `No 'Access-Control-Allow-Origin' header is present on the requested resource.`;
    case 'multiple-allow-origin':
      return `The 'Access-Control-Allow-Origin' header contains multiple values '${value}', but only one is allowed.`;
    case 'invalid-allow-origin':
      return `The 'Access-Control-Allow-Origin' header contains the invalid value '${value}'.`;
    case 'allow-origin-mismatch':
      return `The 'Access-Control-Allow-Origin' header has a value '${value}' that is not equal to the supplied origin.`;
    case 'wildcard-origin-with-credentials':
      return `The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`;
    case 'invalid-allow-credentials':
      return `The value of the 'Access-Control-Allow-Credentials' header in the response is '${value}' which must be 'true' when the request's credentials mode is 'include'.`;
    case 'preflight-invalid-status':
      return `It does not have HTTP ok status (the server answered ${value}).`;
    case 'preflight-redirect':
      return `Redirect is not allowed for a preflight request.`;
    case 'invalid-allow-methods':
      return `Cannot parse Access-Control-Allow-Methods response header field in preflight response ('${value}' is not a comma-separated list of method names).`;
    case 'invalid-allow-headers':
      return `Cannot parse Access-Control-Allow-Headers response header field in preflight response ('${value}' is not a comma-separated list of header names).`;
    case 'method-not-allowed':
      return `Method ${first} is not allowed by Access-Control-Allow-Methods in preflight response.`;
    case 'header-not-allowed':
      return `Request header field ${first} is not allowed by Access-Control-Allow-Headers in preflight response.`;
    case 'authorization-not-covered-by-wildcard':
      return `Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response: the wildcard '*' does not cover Authorization.`;
    case 'redirect-invalid-location':
      return `The redirect Location '${value}' is not a valid URL.`;
    case 'redirect-unsupported-scheme':
      return `Redirect location '${value}' has a disallowed scheme for cross-origin requests.`;
    case 'redirect-contains-credentials':
      return `Redirect location '${value}' contains a username and password, which is disallowed for cross-origin requests.`;
    case 'too-many-redirects':
      return `The request was redirected more than 20 times.`;
    default:
      return '';
  }
}

/** Failures Chromium reports as "Response to preflight request doesn't pass access control check". */
const ACCESS_CHECK: ReadonlySet<SimulationReason> = new Set<SimulationReason>([
  'missing-allow-origin',
  'multiple-allow-origin',
  'invalid-allow-origin',
  'allow-origin-mismatch',
  'wildcard-origin-with-credentials',
  'invalid-allow-credentials',
  'preflight-invalid-status',
  'preflight-redirect',
]);

/** One sentence in the spirit of Chromium's DevTools console message. */
export function consoleMessage(context: FailureContext): string {
  const { reason, url, method, value = '', names = [] } = context;
  const origin = sentOrigin(context);
  switch (reason) {
    case 'invalid-url':
      return `TypeError: Failed to execute 'fetch': Failed to parse URL from ${url}.`;
    case 'unsupported-scheme':
      return `Fetch API cannot load ${url}. URL scheme "${value}" is not supported.`;
    case 'url-contains-credentials':
      return `TypeError: Failed to execute 'fetch': Request cannot be constructed from a URL that includes credentials: ${url}`;
    case 'invalid-read-header':
      return `'${value}' is not a header name (an HTTP token), so response.headers.get() throws a TypeError.`;
    case 'invalid-origin':
      return `'${origin}' is not an origin: give scheme://host[:port] (http or https), or 'null'.`;
    case 'invalid-method':
      return `TypeError: Failed to execute 'fetch': '${method}' is not a valid HTTP method.`;
    case 'forbidden-method':
      return `TypeError: Failed to execute 'fetch': '${method}' HTTP method is unsupported.`;
    case 'invalid-header':
      return `TypeError: Failed to execute 'fetch': ${value}`;
    case 'network-error':
      return `net::ERR_FAILED: ${context.stage === 'preflight' ? 'the preflight request' : 'the request'} to '${url}' failed: ${value}`;
    case 'tls-error': {
      const { net, sentence } = tlsErrorDescription(context.errorCode);
      return `net::${net}: ${context.stage === 'preflight' ? 'the preflight request' : 'the request'} to '${url}' failed: ${sentence} (${context.errorCode ?? value}).`;
    }
    case 'header-not-exposed':
      return `The request succeeds, but script cannot read response header${names.length > 1 ? 's' : ''} ${names.join(', ')}: ${names.length > 1 ? 'they are' : 'it is'} not listed in Access-Control-Expose-Headers (response.headers.get() returns null).`;
    case 'invalid-expose-headers':
      return `The request succeeds, but script cannot read response header${names.length > 1 ? 's' : ''} ${names.join(', ')}: Access-Control-Expose-Headers '${value}' is not a comma-separated list of header names, so browsers ignore all of it.`;
    case 'header-never-readable':
      return `The request succeeds, but script can never read ${names.join(', ')}: browsers hide ${names.length > 1 ? 'these forbidden response headers' : 'this forbidden response header'} from every response, exposed or not.`;
    default: {
      const from = context.redirectedFrom ? ` (redirected from '${context.redirectedFrom}')` : '';
      const preflight =
        context.stage === 'preflight' && ACCESS_CHECK.has(reason)
          ? `Response to preflight request doesn't pass access control check: `
          : '';
      return `Access to fetch at '${url}'${from} from origin '${origin}' has been blocked by CORS policy: ${preflight}${detail(context)}`;
    }
  }
}
