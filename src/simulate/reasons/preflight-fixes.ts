import { always, type FixRule, plural, wildcardNote } from './fix.ts';

// Fixes for what a preflight answer allows (https://fetch.spec.whatwg.org/#cors-preflight-fetch).

export const preflightRedirect = always({
  side: 'client',
  text: `Browsers never follow a redirect for a preflight. Request the final URL directly (a missing trailing slash or http→https is the usual cause), or have the server answer OPTIONS without redirecting.`,
});

export const invalidAllowMethods: FixRule = ({ value = '', method }) => ({
  side: 'server',
  text: `Access-Control-Allow-Methods: '${value}' is not a comma-separated list of method names, so browsers reject the whole preflight. corsguard builds the header from methods.`,
  options: { methods: [method] },
});

export const invalidAllowHeaders: FixRule = ({ value = '', names = [] }) => ({
  side: 'server',
  text: `Access-Control-Allow-Headers: '${value}' is not a comma-separated list of header names, so browsers reject the whole preflight. corsguard builds the header from allowedHeaders.`,
  options: { allowedHeaders: [...names] },
});

export const methodNotAllowed: FixRule = (context) => {
  const { method } = context;
  const upper = method.toUpperCase();
  // https://fetch.spec.whatwg.org/#concept-method-normalize: only six methods are upper-cased.
  if (upper !== method) {
    return {
      side: 'client',
      text: `fetch() sends '${method}' exactly as written (only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased) and methods compare case-sensitively: write '${upper}' in the fetch call — or allow '${method}' on the server.`,
      options: { methods: [method] },
    };
  }
  const star = wildcardNote(context, "'*' is a literal method name for credentialed requests: list the method.");
  return {
    side: 'server',
    text: `The preflight answer does not allow method ${method}.${star}`,
    options: { methods: [method] },
  };
};

export const headerNotAllowed: FixRule = (context) => {
  const names = context.names ?? [];
  const star = wildcardNote(context, "'*' is a literal header name for credentialed requests: list the headers.");
  return {
    side: 'server',
    text: `The preflight answer does not allow request header${plural(names)} ${names.join(', ')}.${star}`,
    options: { allowedHeaders: [...names] },
  };
};

export const authorizationNotCoveredByWildcard = always({
  side: 'server',
  text: `Access-Control-Allow-Headers: * never covers Authorization; list it explicitly.`,
  options: { allowedHeaders: ['authorization', '*'] },
});
