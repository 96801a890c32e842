import { always, type FixRule, plural, wildcardNote } from './fix.ts';

// Fixes for response headers script cannot read (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name).

export const headerNotExposed: FixRule = (context) => {
  const names = context.names ?? [];
  const star = wildcardNote(context, "'*' exposes nothing to credentialed requests: list the names.");
  return {
    side: 'server',
    text: `Expose the header${plural(names)} with Access-Control-Expose-Headers: ${names.join(', ')}.${star}`,
    options: { exposedHeaders: [...names] },
  };
};

export const invalidExposeHeaders: FixRule = ({ names = [] }) => ({
  side: 'server',
  text: `Send Access-Control-Expose-Headers as a comma-separated list of header names (one bad element makes browsers ignore the whole list). corsguard builds the header from exposedHeaders.`,
  options: { exposedHeaders: [...names] },
});

export const headerNeverReadable: FixRule = ({ names = [] }) => ({
  side: 'client',
  text: `No server setting can expose ${names.join(', ')}. For cookies, let the browser keep them (credentials: 'include' on the fetch); send anything script must read in the body or another header.`,
});

export const invalidReadHeader = always({
  side: 'client',
  text: `Name the response header as an HTTP token, e.g. X-Request-Id.`,
});
