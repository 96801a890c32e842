import { allowOriginProblem } from './allow-origin-syntax.ts';
import type { TargetContext } from './context.ts';
import { allowOrigin, allowsCredentials, type Exchange } from './exchange.ts';

interface Answered {
  readonly requestOrigins: Set<string>;
  readonly exchanges: Exchange[];
}

/**
 * Origins the server names in Access-Control-Allow-Origin whatever Origin is sent (a partner hard-coded
 * in a config): one well-formed origin answered to at least two other origins. Malformed values are
 * invalid-allow-origin's, `null` and echoes the origin probes'; the target's own origin and the
 * trusted ones are what the user meant.
 */
export function checkFixedOrigins(context: TargetContext): void {
  const own = new URL(context.url).origin;
  const byValue = new Map<string, Answered>();
  for (const exchange of context.exchanges) {
    const sent = exchange.request.headers.origin;
    const value = allowOrigin(exchange);
    if (exchange.request.method !== 'GET' || sent === undefined || value === null || value === sent) continue;
    if (
      value === '*' ||
      value === 'null' ||
      value === own ||
      context.trusted.includes(value) ||
      allowOriginProblem(value) !== undefined
    )
      continue;
    const answered = byValue.get(value) ?? { requestOrigins: new Set<string>(), exchanges: [] };
    answered.requestOrigins.add(sent);
    answered.exchanges.push(exchange);
    byValue.set(value, answered);
  }
  const fixed = [...byValue].filter(([, answered]) => answered.requestOrigins.size >= 2);
  const [first] = fixed;
  if (first === undefined) return;
  const origins = fixed.map(([value]) => value);
  // The strongest evidence: an answer that also allows credentials, when there is one.
  const all = fixed.flatMap(([, answered]) => answered.exchanges);
  const exchange = all.find(allowsCredentials) ?? first[1].exchanges[0];
  if (exchange === undefined) return;
  context.findings.add({
    id: 'fixed-origin-trusted',
    exchange,
    origin: allowOrigin(exchange) ?? first[0],
    credentials: allowsCredentials(exchange),
    title: `Allowed whatever Origin is sent: ${origins.join(', ')}`,
    fingerprintKey: [...origins].sort().join(' '),
  });
}
