/**
 * How the engine reads a framework's request, so that no adapter has to copy headers into a new
 * object per request. Implementations are static objects, one per adapter.
 */
export interface RequestReader<Req> {
  /** The request method as received (not normalised). */
  method(request: Req): string;
  /** A request header by lower-case name; repeated lines joined with ', '; undefined when absent. */
  header(request: Req, name: string): string | undefined;
  /** The request path without query string, for csrf.exemptPaths. */
  path(request: Req): string;
}

/** A plain request description, for calling the engine directly (tests, custom servers). */
export interface PlainRequest {
  readonly method: string;
  /** Header names in any case; an array stands for repeated header lines. */
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Path, optionally with a query string. Default '/'. */
  readonly url?: string;
}

export const plainRequestReader: RequestReader<PlainRequest> = {
  method: (request) => request.method,
  header(request, name) {
    const headers = request.headers;
    if (headers === undefined) return undefined;
    let value = headers[name];
    if (value === undefined) {
      for (const key of Object.keys(headers)) {
        if (key.toLowerCase() === name) {
          value = headers[key];
          break;
        }
      }
    }
    return joinHeaderValue(value);
  },
  path: (request) => pathOf(request.url ?? '/'),
};

/** A node:http-style header value (an array for repeated lines) as one string, as Fetch joins them. */
export function joinHeaderValue(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' || value === undefined ? value : value.join(', ');
}

/**
 * The path of a request target (`/a/b?q=1` → `/a/b`). An absolute-form target is reduced to its
 * path the way routers read it: the authority ends at the first `/`, `?` or `#`, so
 * `http://host?/saml/acs` is `/`, not `/saml/acs`.
 */
export function pathOf(target: string): string {
  let start = 0;
  if (!target.startsWith('/')) {
    const scheme = target.indexOf('://');
    if (scheme !== -1) {
      start = scheme + 3;
      while (start < target.length && !isAuthorityEnd(target.charCodeAt(start))) start++;
      if (start === target.length || target.charCodeAt(start) !== 0x2f /* / */) return '/';
    }
  }
  let end = target.length;
  const query = target.indexOf('?', start);
  if (query !== -1) end = query;
  const hash = target.indexOf('#', start);
  if (hash !== -1 && hash < end) end = hash;
  return target.slice(start, end);
}

function isAuthorityEnd(c: number): boolean {
  return c === 0x2f /* / */ || c === 0x3f /* ? */ || c === 0x23 /* # */;
}
