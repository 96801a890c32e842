import { quote, type IssueList } from './errors.ts';
import { listOption } from './list-option.ts';
import { isToken } from './tokens.ts';

/** https://fetch.spec.whatwg.org/#cors-safelisted-method, compared byte for byte. */
export const SAFELISTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);

/** https://fetch.spec.whatwg.org/#forbidden-method (fetch() throws), compared case-insensitively. */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** https://fetch.spec.whatwg.org/#concept-method-normalize: only these are upper-cased by browsers. */
export const NORMALIZED_METHODS: ReadonlySet<string> = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export interface MethodTable {
  /** `methods: '*'`: every method a browser can send. */
  readonly any: boolean;
  readonly allowed: ReadonlySet<string>;
}

export function compileMethods(option: unknown, issues: IssueList): MethodTable {
  const allowed = new Set<string>();
  let any = false;
  for (const [path, method] of listOption(option, 'methods', issues)) {
    if (method === '*') {
      any = true;
      continue;
    }
    if (method.includes(',')) {
      const parts = method.split(',').map((part) => quote(part.trim()));
      issues.report(
        'method-several-in-one-string',
        path,
        `${quote(method)} holds several methods in one string; list them separately: [${parts.join(', ')}].`,
      );
      continue;
    }
    if (!isToken(method)) {
      issues.report(
        'method-invalid',
        path,
        `${quote(method)} is not a valid method name (an HTTP token: letters, digits and !#$%&'*+-.^_\`|~).`,
      );
      continue;
    }
    const upper = method.toUpperCase();
    if (FORBIDDEN_METHODS.has(upper)) {
      issues.report(
        'method-forbidden',
        path,
        `${quote(method)} is a forbidden method: browsers never send it cross-origin. Remove it.`,
      );
      continue;
    }
    if (NORMALIZED_METHODS.has(upper) && method !== upper) {
      issues.report('method-case', path, `browsers always send '${method}' upper-cased; write '${upper}'.`);
      continue;
    }
    if (!SAFELISTED_METHODS.has(method)) allowed.add(method);
  }
  return { any, allowed };
}

/** Is the requested method covered? (https://fetch.spec.whatwg.org/#cors-preflight-fetch, the methods check) */
export function isMethodAllowed(table: MethodTable, method: string): boolean {
  return SAFELISTED_METHODS.has(method) || table.allowed.has(method) || (table.any && isToken(method));
}
