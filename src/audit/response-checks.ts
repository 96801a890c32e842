import { allowOriginProblem } from './allow-origin-syntax.ts';
import type { TargetContext } from './context.ts';
import { allowOrigin, allowsCredentials, variesOnOrigin, type Exchange } from './exchange.ts';

/** What each answer shows on its own: `*`, `*` with credentials, a malformed Allow-Origin. */
export function checkEachResponse(context: TargetContext): void {
  for (const exchange of context.exchanges) {
    const value = allowOrigin(exchange);
    const origin = exchange.request.headers.origin;
    // Only answers to an Origin reach a CORS check; an echo of the Origin sent is as good as it gets.
    if (value === null || origin === undefined || value === origin) continue;
    if (value === '*') {
      context.findings.add({
        id: allowsCredentials(exchange) ? 'wildcard-with-credentials' : 'wildcard-origin',
        exchange,
      });
      continue;
    }
    const problem = allowOriginProblem(value);
    if (problem !== undefined) {
      context.findings.add({
        id: 'invalid-allow-origin',
        exchange,
        title: `Access-Control-Allow-Origin is malformed: ${problem}`,
      });
    }
  }
}

/**
 * https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches: when Allow-Origin differs between
 * requests with different (or no) Origin, every answer must carry Vary: Origin. The evidence is
 * an answer granting an origin without it when there is one (the answer a cache would replay).
 */
export function checkVary(context: TargetContext): void {
  const gets = context.exchanges.filter((exchange) => exchange.request.method === 'GET');
  const values = new Set(gets.map((exchange) => allowOrigin(exchange) ?? ''));
  if (values.size < 2) return;
  const unvaried = gets.filter((exchange) => !variesOnOrigin(exchange.response.headers));
  const granting = (exchange: Exchange) =>
    allowOrigin(exchange) !== null && allowOrigin(exchange) === exchange.request.headers.origin;
  const evidence = unvaried.find(granting) ?? unvaried[0];
  if (evidence !== undefined)
    context.findings.add({ id: 'missing-vary-origin', exchange: evidence, origin: evidence.request.headers.origin });
}
