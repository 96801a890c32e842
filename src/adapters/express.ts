// Express 4 and 5 run Connect-style middleware, so the Node middleware serves them unchanged.
// Typed structurally (node:http types), so users without @types/express compile too; an Express
// `Request` can be named for the predicate's request: `cors<Request>({ origin: (o, req) => … })`.
// The default export speaks expressjs/cors's options (see peers/express.ts); the named one corsguard's.
export { cors, type NextFunction, type NodeCorsMiddleware as ExpressCorsMiddleware } from './node.ts';
export {
  expressCors as default,
  type ExpressCorsOptions,
  type ExpressOptionsDelegate,
  type ExpressOriginFunction,
  type ExpressPeerMiddleware,
} from './peers/express.ts';
