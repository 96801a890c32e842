// The client's address for X-Forwarded-For, where a fetch runtime tells it. The Fetch API itself
// has none; each runtime hands it over its own way, and a request header is trusted only where the
// platform sets it (a client can send any header to a gateway that is not behind Cloudflare).

/** Deno.serve's second argument. */
interface DenoInfo {
  readonly remoteAddr?: { readonly hostname?: unknown };
}
/** Bun.serve's second argument (the server). */
interface BunServer {
  readonly requestIP?: (request: Request) => { readonly address?: unknown } | null;
}
/** @hono/node-server's second argument. */
interface NodeBindings {
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: unknown } };
}

/**
 * The peer's address: Cloudflare Workers' CF-Connecting-IP (set by Cloudflare's edge), Deno's
 * `info.remoteAddr`, Bun's `server.requestIP(request)`, or @hono/node-server's socket; undefined
 * anywhere else (the client's X-Forwarded-For then goes on unchanged).
 */
export function peerAddress(request: Request, info: unknown): string | undefined {
  if (onWorkers()) {
    return request.headers.get('cf-connecting-ip') ?? undefined;
  }
  if (info === null || typeof info !== 'object') return undefined;
  const deno = (info as DenoInfo).remoteAddr?.hostname;
  if (typeof deno === 'string') return deno;
  const bun = info as BunServer;
  if (typeof bun.requestIP === 'function') {
    try {
      const address = bun.requestIP(request)?.address;
      return typeof address === 'string' ? address : undefined;
    } catch {
      return undefined;
    }
  }
  const node = (info as NodeBindings).incoming?.socket?.remoteAddress;
  return typeof node === 'string' ? node : undefined;
}

/** Whether this is Cloudflare Workers (workerd), whose edge sets CF-Connecting-IP and builds request.url itself. */
export function onWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent === 'Cloudflare-Workers';
}
