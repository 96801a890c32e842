import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCors, type Reconfiguration } from '../core/cors.ts';
import type { CorsOptions } from '../core/options.ts';
import type { RequestReader } from '../core/request.ts';
import { checkMiddlewareCall } from './shared/middleware-call.ts';
import { nodeRequestReader } from '../http/node-request.ts';
import { applyDecision, failWith, type NextFunction } from './shared/node-middleware.ts';
import { withReconfigure } from './shared/reconfigurable.ts';
import { runDecision } from '../http/run-decision.ts';

export type { NextFunction };

/** A Connect/Express-style middleware that also carries `reconfigure`. */
export interface NodeCorsMiddleware<Req extends IncomingMessage = IncomingMessage> {
  (request: Req, response: ServerResponse, next: NextFunction): void;
  /**
   * Validates new options and swaps them in atomically; throws CorsConfigError and keeps the old
   * ones on bad input. The new options replace the whole set: pass a function of the current
   * options to change one of them.
   */
  reconfigure(options: Reconfiguration<Req>): void;
}

/**
 * CORS for node:http, Connect and Express: `app.use(cors({ origin: 'https://app.example.com' }))`,
 * or with plain node:http `cors(options)(req, res, () => handler(req, res))`.
 * Synchronous unless the origin option is an async predicate; `next(error)` only when that
 * predicate throws or rejects.
 */
export function cors<Req extends IncomingMessage = IncomingMessage>(
  options: CorsOptions<Req>,
): NodeCorsMiddleware<Req> {
  const engine = createCors<Req>(options);
  const reader = nodeRequestReader as RequestReader<Req>;
  const middleware = (request: Req, response: ServerResponse, next: NextFunction): void => {
    if (typeof next !== 'function') checkMiddlewareCall(response);
    runDecision(engine, request, reader, applyDecision, failWith, response, next);
  };
  return withReconfigure(middleware, engine);
}

// The default export speaks expressjs/cors's options (what `import cors from 'cors'` users have).
export { expressCors as default } from './peers/express.ts';
