// Which request bodies the gateway forwards, and over which upstream connections. Servers disagree
// on body framing for methods that usually have none: one that ignores Content-Length (or
// Transfer-Encoding) on DELETE, OPTIONS or an extension method reads that body as the start of a
// second request on its connection. That second request never passed the gateway's checks (base
// path, dot segments, TRACE), and on a pooled connection it would splice onto another user's.
// So bodies go only with POST, PUT and PATCH, unless the options allow more methods.
import { isToken } from '../core/tokens.ts';
import type { ProxyOptionsIssue } from './config-error.ts';

/** Methods every HTTP/1.1 server reads a body for: their requests share pooled connections. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Never allowed a body: no upstream reads one (fetch cannot even send one), or the method is never forwarded. */
const NEVER = new Set(['GET', 'HEAD', 'TRACE', 'TRACK', 'CONNECT']);

/** Whether the request's head announces a body: any Transfer-Encoding, or a Content-Length other than 0. */
export function declaresBody(
  transferEncoding: string | null | undefined,
  contentLength: string | null | undefined,
): boolean {
  return (
    (transferEncoding !== undefined && transferEncoding !== null) ||
    (contentLength !== undefined && contentLength !== null && contentLength.trim() !== '0')
  );
}

/** Whether a body on `method` is forwarded: POST, PUT, PATCH, and the methods `allowed` adds. */
export function bodyAllowed(method: string, allowed: ReadonlySet<string>): boolean {
  return BODY_METHODS.has(method) || allowed.has(method);
}

/** Whether the request may go over a pooled upstream connection: no body, or a method whose body every server reads. */
export function mayPool(method: string, hasBody: boolean): boolean {
  return !hasBody || BODY_METHODS.has(method);
}

/** The `dangerouslyAllowBodyMethods` option: methods (case-sensitive, as sent) whose bodies are forwarded too. */
export function parseBodyMethods(value: unknown, issues: ProxyOptionsIssue[]): ReadonlySet<string> {
  const path = 'dangerouslyAllowBodyMethods';
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) {
    issues.push({
      code: 'body-methods-invalid',
      path,
      message: `must be a list of methods such as ["DELETE"], not ${JSON.stringify(value) ?? typeof value}`,
    });
    return new Set();
  }
  const methods = new Set<string>();
  value.forEach((method: unknown, index) => {
    const at = `${path}[${index}]`;
    if (typeof method !== 'string' || !isToken(method)) {
      issues.push({
        code: 'body-methods-invalid',
        path: at,
        message: `must be a method name such as "DELETE", not ${JSON.stringify(method) ?? typeof method}`,
      });
    } else if (NEVER.has(method.toUpperCase())) {
      issues.push({
        code: 'body-methods-invalid',
        path: at,
        message: `a ${method.toUpperCase()} body is never forwarded: GET and HEAD bodies are read by no upstream, TRACE, TRACK and CONNECT are refused`,
      });
    } else if (method !== method.toUpperCase() && isStandard(method.toUpperCase())) {
      // Methods are case-sensitive; clients send these upper-case (fetch normalises them).
      issues.push({
        code: 'body-methods-invalid',
        path: at,
        message: `methods are case-sensitive; did you mean "${method.toUpperCase()}"?`,
      });
    } else methods.add(method);
  });
  return methods;
}

function isStandard(method: string): boolean {
  return BODY_METHODS.has(method) || method === 'DELETE' || method === 'OPTIONS';
}
