// Hono 4 on any runtime. Preflights and CSRF rejections are answered with a Response; for other
// requests the headers go onto the final response after the handler (c.res may have been replaced).
import type { Context, MiddlewareHandler } from 'hono';
import { createCors, type Reconfiguration } from '../core/cors.ts';
import type { CorsDecision } from '../core/decision.ts';
import type { CorsOptions } from '../core/options.ts';
import type { RequestReader } from '../core/request.ts';
import { fetchHeaderAccess, withDecisionHeaders } from './shared/fetch-response.ts';
import { applyDecisionHeaders } from './shared/header-access.ts';
import { withReconfigure } from './shared/reconfigurable.ts';
import { rejectWith, runDecision } from './shared/run-decision.ts';

export interface HonoCorsMiddleware extends MiddlewareHandler {
  /** Validates new options and swaps them in atomically; the new options replace the whole set (or pass a function of the current ones). */
  reconfigure(options: Reconfiguration<Context>): void;
}

const honoReader: RequestReader<Context> = {
  method: (c) => c.req.method,
  header: (c, name) => c.req.raw.headers.get(name) ?? undefined,
  path: (c) => c.req.path,
};

/** `app.use('*', cors({ origin: 'https://app.example.com' }))`. The origin predicate receives Hono's context. */
export function cors(options: CorsOptions<Context>): HonoCorsMiddleware {
  const engine = createCors<Context>(options);
  const run = async (decision: CorsDecision, c: Context, next: () => Promise<void>): Promise<Response | void> => {
    if (decision.status !== 0) {
      // Through Hono's context, so headers earlier middleware set (a request id) are kept, as on Node.
      const answer = c.body(null, decision.status as 204);
      applyDecisionHeaders(answer.headers, fetchHeaderAccess, decision);
      return answer;
    }
    await next();
    const response = withDecisionHeaders(c.res, decision);
    if (response !== c.res) {
      // Re-wrapped because its headers were immutable. Hono's setter would copy the old headers
      // over the new ones (losing the appended Vary), unless the old response is cleared first.
      c.res = undefined;
      c.res = response;
    }
  };
  const middleware: MiddlewareHandler = (c, next) => runDecision(engine, c, honoReader, run, rejectWith, c, next);
  return withReconfigure(middleware, engine);
}
