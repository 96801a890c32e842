// Express 4 and 5 run Connect-style middleware, so the Node middleware serves them unchanged.
// Typed structurally (node:http types), so users without @types/express compile too; an Express
// `Request` can be named for the predicate's request: `cors<Request>({ origin: (o, req) => … })`.
export { cors, cors as default, type NextFunction, type NodeCorsMiddleware as ExpressCorsMiddleware } from './node.ts';
