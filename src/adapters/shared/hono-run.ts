// What Hono's middleware does with a decision; shared by `cors` with corsguard's options (hono.ts)
// and with hono/cors's (peers/hono.ts). Preflights and CSRF rejections are answered with a
// Response; for other requests the headers go onto the final response after the handler (c.res may
// have been replaced).
import type { Context } from 'hono';
import type { CorsDecision } from '../../core/decision.ts';
import type { RequestReader } from '../../core/request.ts';
import { fetchHeaderAccess, withDecisionHeaders } from '../../http/fetch-response.ts';
import { applyDecisionHeaders } from '../../http/header-access.ts';

export const honoReader: RequestReader<Context> = {
  method: (c) => c.req.method,
  header: (c, name) => c.req.raw.headers.get(name) ?? undefined,
  path: (c) => c.req.path,
};

export async function run(
  decision: CorsDecision,
  c: Context,
  next: () => Promise<void>,
): Promise<Response | undefined> {
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
}
