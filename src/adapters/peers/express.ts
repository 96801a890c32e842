// The default export of corsguard/express and corsguard/node: expressjs/cors's options and shapes
// (`cors()`, `cors(options)`, `cors((req, callback) => callback(null, options))`), translated at
// start-up into a corsguard policy. The per-request path is the named export's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cors } from '../../core/cors.ts';
import type { CorsOptions } from '../../core/options.ts';
import { PerRequestEngines } from '../../core/peers/per-request.ts';
import { EXPRESS_CORS } from '../../core/peers/spec.ts';
import { createPeerCors } from '../../core/peers/translate.ts';
import type { RequestReader } from '../../core/request.ts';
import { checkMiddlewareCall } from '../shared/middleware-call.ts';
import { nodeRequestReader } from '../../http/node-request.ts';
import { applyDecision, failWith, type NextFunction } from '../shared/node-middleware.ts';
import { runDecision } from '../../http/run-decision.ts';

type StaticOrigin = boolean | string | RegExp | ReadonlyArray<string | RegExp>;

/** expressjs/cors's `origin` function: answers through the callback (or returns a boolean). */
export type ExpressOriginFunction = (
  origin: string,
  callback: (error: Error | null, origin?: StaticOrigin) => void,
) => unknown;

type List = string | readonly string[];

/** expressjs/cors's options, and corsguard's (csrf, debug, privateNetwork, …), which do not collide. */
export interface ExpressCorsOptions
  extends Omit<
    CorsOptions,
    'origin' | 'methods' | 'allowedHeaders' | 'exposedHeaders' | 'maxAge' | 'credentials' | 'preflightContinue'
  > {
  /** Default `'*'`. `false` turns CORS off for this middleware. */
  readonly origin?: StaticOrigin | ExpressOriginFunction;
  /** Default `'GET,HEAD,PUT,PATCH,POST,DELETE'`. */
  readonly methods?: List;
  /** Default: every header a preflight asks for. */
  readonly allowedHeaders?: List;
  /** expressjs/cors's other name for allowedHeaders. */
  readonly headers?: List;
  readonly exposedHeaders?: List;
  readonly credentials?: boolean;
  readonly maxAge?: number | string;
  readonly preflightContinue?: boolean;
}

/** `cors((req, callback) => callback(null, options))`: options chosen per request. */
export type ExpressOptionsDelegate<Req extends IncomingMessage = IncomingMessage> = (
  request: Req,
  callback: (error: Error | null, options?: ExpressCorsOptions) => void,
) => void;

export interface ExpressPeerMiddleware<Req extends IncomingMessage = IncomingMessage> {
  (request: Req, response: ServerResponse, next: NextFunction): void;
  /** Validates new expressjs/cors-style options and swaps them in; throws CorsConfigError and keeps the old ones on bad input. */
  reconfigure(options: ExpressCorsOptions | ((current: ExpressCorsOptions) => ExpressCorsOptions)): void;
}

/**
 * `app.use(cors())` as with expressjs/cors: every option and shape it documents is accepted, what
 * is unsafe (any origin reflected with credentials, `null` or http: origins with credentials,
 * unanchored RegExps) is refused with a CorsConfigError at start-up.
 */
export function expressCors<Req extends IncomingMessage = IncomingMessage>(
  options?: ExpressCorsOptions | ExpressOptionsDelegate<Req>,
): ExpressPeerMiddleware<Req> {
  const reader = nodeRequestReader as RequestReader<Req>;
  if (typeof options === 'function') return delegated(options, reader);
  let current: ExpressCorsOptions = options ?? {};
  let engine: Cors<Req> | undefined = createPeerCors<Req>(current, EXPRESS_CORS);
  const middleware = (request: Req, response: ServerResponse, next: NextFunction): void => {
    if (typeof next !== 'function') checkMiddlewareCall(response);
    if (engine === undefined) next();
    else runDecision(engine, request, reader, applyDecision, failWith, response, next);
  };
  return Object.assign(middleware, {
    reconfigure(next: ExpressCorsOptions | ((current: ExpressCorsOptions) => ExpressCorsOptions)) {
      const options = typeof next === 'function' ? next(Object.freeze({ ...current })) : next;
      engine = createPeerCors<Req>(options, EXPRESS_CORS);
      current = options;
    },
  });
}

function delegated<Req extends IncomingMessage>(
  delegate: ExpressOptionsDelegate<Req>,
  reader: RequestReader<Req>,
): ExpressPeerMiddleware<Req> {
  const engines = new PerRequestEngines<Req>(EXPRESS_CORS);
  const middleware = (request: Req, response: ServerResponse, next: NextFunction): void => {
    if (typeof next !== 'function') checkMiddlewareCall(response);
    delegate(request, (error, options) => {
      if (error) return next(error);
      let engine: Cors<Req> | undefined;
      try {
        engine = engines.engineFor(options ?? {});
      } catch (failure) {
        return next(failure);
      }
      if (engine === undefined) next();
      else runDecision(engine, request, reader, applyDecision, failWith, response, next);
    });
  };
  return Object.assign(middleware, {
    reconfigure() {
      throw new TypeError(
        'This middleware takes its options from a function per request: change what that function returns instead of calling reconfigure().',
      );
    },
  });
}
