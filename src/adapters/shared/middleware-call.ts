// NestJS's `app.enableCors()` takes the options of the `cors` package (Express platform) or of
// @fastify/cors (Fastify platform), and type-checks with corsguard's middleware in their place.
// Both then call it as an options function: `(request, callback)` or `(request)`. Without this
// check every request would fail with a TypeError from deep inside the adapter.

/** `code` of the TypeError thrown when the Node middleware is called the way an options function is. */
export const MIDDLEWARE_CALL_ERROR = 'ERR_CORSGUARD_MIDDLEWARE_CALL';

/**
 * Called only when `next` is not a function: throws when `response` is not a response either,
 * naming the fix. A real response without `next` is left to the caller, as before.
 */
export function checkMiddlewareCall(response: unknown): void {
  if (response !== null && typeof response === 'object') return;
  const shape = typeof response === 'function' ? '(request, callback)' : '(request)';
  const message =
    `corsguard's middleware was called as ${shape}, the way a CORS options function is called: NestJS's app.enableCors(cors(…)) does this. ` +
    "corsguard is middleware, not options for another CORS package: use app.use(cors(…)) with corsguard/express on Nest's Express platform, " +
    'or app.register(cors, options) with corsguard/fastify on its Fastify platform, and drop enableCors().';
  throw Object.assign(new TypeError(message), { code: MIDDLEWARE_CALL_ERROR });
}
