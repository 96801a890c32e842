/** Why the engine decided as it did. Stable codes, for logs and tests. */
export type ReasonCode =
  | 'not-cors'
  | 'any-origin'
  | 'origin-allowed'
  | 'preflight-allowed'
  | 'origin-not-allowed'
  /** The origin predicate returned false (or a promise of false). */
  | 'origin-predicate-refused'
  | 'origin-null'
  | 'origin-malformed'
  | 'method-not-allowed'
  | 'header-not-allowed'
  | 'headers-malformed'
  | 'headers-too-many'
  | 'private-network-not-allowed'
  | 'csrf-rejected';

/** What `explain` needs besides the reason: the request's Origin and method, and the decision's detail. */
export interface ExplainContext {
  readonly origin: string | undefined;
  readonly method: string;
  readonly detail?: string | undefined;
}

/** One sentence for a person: what happened and, for a refusal, which option to change. */
export function explain(reason: ReasonCode, { origin, method, detail }: ExplainContext): string {
  switch (reason) {
    case 'not-cors':
      return `No Origin header: not a CORS request (same-origin or not from a browser); no CORS headers needed.`;
    case 'any-origin':
      return `origin: '*' allows every origin; answered Access-Control-Allow-Origin: *.`;
    case 'origin-allowed':
      return `Origin ${origin} is allowed; the browser will let its script read the response.`;
    case 'preflight-allowed':
      return `Preflight from ${origin} for ${detail ?? method} granted.`;
    case 'origin-not-allowed':
      return `Origin ${origin} is not allowed, so the browser will block the response. If it should be, add '${origin}' to the origin option.`;
    case 'origin-predicate-refused':
      return `Origin ${origin} was refused by your origin predicate (it returned false), so the browser will block the response. If it should be allowed, make the predicate return true for '${origin}'.`;
    case 'origin-null':
      return `Origin 'null' (sandboxed iframe, data: or file: page, or a redirected request) is refused: anyone can send it. Only if you must, add 'null' to origin and set dangerouslyAllowNullOrigin: true (with a predicate, that flag hands null to the predicate).`;
    case 'origin-malformed':
      return `The Origin header ${JSON.stringify(origin)} is not a single serialised origin (several Origin lines, or garbage); nothing matches it.`;
    case 'method-not-allowed':
      return `Preflight from ${origin} refused: method ${detail} is not allowed. To allow it, add '${detail}' to methods (methods are case-sensitive).`;
    case 'header-not-allowed':
      return `Preflight from ${origin} refused: request header '${detail}' is not allowed. To allow it, add '${detail}' to allowedHeaders.`;
    case 'headers-malformed':
      return `Preflight from ${origin} refused: Access-Control-Request-Headers is not a comma-separated list of header names.`;
    case 'headers-too-many':
      return `Preflight from ${origin} refused: Access-Control-Request-Headers names more headers than the policy could allow.`;
    case 'private-network-not-allowed':
      return `Preflight from ${origin} refused: it asks for private network access. To allow it, set privateNetwork: true.`;
    case 'csrf-rejected':
      return `Cross-origin ${method} from ${origin ?? 'another site'} rejected with 403 by the CSRF guard: the origin is not allowed. Add it to origin if it should be, or add the path to csrf.exemptPaths.`;
  }
}
