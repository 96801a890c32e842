// Which request bodies the gateway forwards, and over which upstream connections. An upstream that
// ignores Content-Length (or Transfer-Encoding) on a method it expects no body for reads that body
// as the start of the next request on its connection: on a pooled connection, another user's.

/** A GET or HEAD with a body is refused: no upstream is expected to read it (the fetch API cannot even send one). */
const NO_BODY_METHODS = new Set(['GET', 'HEAD']);

/** Methods every HTTP/1.1 server reads a body for: their requests share pooled connections. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the request's head announces a body: any Transfer-Encoding, or a Content-Length other than 0. */
export function declaresBody(transferEncoding: string | null | undefined, contentLength: string | null | undefined): boolean {
  return (transferEncoding !== undefined && transferEncoding !== null) || (contentLength !== undefined && contentLength !== null && contentLength.trim() !== '0');
}

/** A body on this method is refused (400) rather than forwarded. */
export function bodyRefused(method: string, hasBody: boolean): boolean {
  return hasBody && NO_BODY_METHODS.has(method);
}

/** Whether the request may go over a pooled upstream connection: no body, or a method whose body every server reads. */
export function mayPool(method: string, hasBody: boolean): boolean {
  return !hasBody || BODY_METHODS.has(method);
}
