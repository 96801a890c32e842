import type { Transport, TransportRequest, TransportResponse } from '../simulate/index.ts';
import type { Exchange } from './exchange.ts';
import type { Limiter } from './limiter.ts';
import { USER_AGENT } from './version.ts';
import { DeadlineError, RequestTimeoutError } from './audit-error.ts';
import { sentRequest, sessionHeaders, type Session } from './session.ts';

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request for a URL other than the audited one (a redirect's target): never sent. */
export class OffTargetError extends Error {
  constructor(readonly url: string) {
    super(`not sent: ${url} is not the audited URL (redirects are not followed)`);
  }
}

const withoutFragment = (url: string): string => url.replace(/#.*$/, '');

export interface SenderOptions {
  readonly transport: Transport;
  readonly limiter: Limiter;
  /** Per-request timeout, ms. */
  readonly timeout: number;
  /**
   * Milliseconds this URL's requests may take in all: the clock runs only while one of them is in
   * flight, so time queued for a --concurrency or --rate slot does not count.
   */
  readonly budget: number;
  /** Any method may be sent (--unsafe); otherwise only GET, HEAD and OPTIONS reach the network. */
  readonly unsafe: boolean;
  /** -H and --cookie: added to every request but preflights (all go to the audited URL only). */
  readonly session: Session;
}

export type Send = (method: string, url: string, headers: Record<string, string>) => Promise<Exchange>;

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Time spent with at least one of a URL's requests in flight. */
class InFlightClock {
  #spent = 0;
  #active = 0;
  #since = 0;

  start(): void {
    if (this.#active++ === 0) this.#since = Date.now();
  }

  stop(): void {
    if (--this.#active === 0) this.#spent += Date.now() - this.#since;
  }

  spent(): number {
    return this.#spent + (this.#active > 0 ? Date.now() - this.#since : 0);
  }
}

/** A transport guarded by the audit's rules: User-Agent, allowed methods, the audited URL only, rate, timeout and deadline. */
export function guardedTransport(targetUrl: string, options: SenderOptions): Transport {
  const target = withoutFragment(new URL(targetUrl).href);
  const clock = new InFlightClock();
  return async (request: TransportRequest): Promise<TransportResponse> => {
    if (!options.unsafe && !SAFE_METHODS.has(request.method))
      throw new Error(`${request.method} not sent: only GET, HEAD and OPTIONS without --unsafe`);
    // Not even another path of the same host: a followed redirect would send (with --unsafe, POST) where nobody asked.
    if (withoutFragment(new URL(request.url).href) !== target) throw new OffTargetError(request.url);
    const headers = new Headers(request.headers);
    // Checked above: the request is for the audited URL, so the session goes nowhere else.
    for (const [name, value] of sessionHeaders(options.session, request)) headers.set(name, value);
    if (!headers.has('user-agent')) headers.set('user-agent', USER_AGENT);
    return options.limiter.run(async () => {
      const left = options.budget - clock.spent();
      if (left <= 0) throw new DeadlineError('the deadline for this URL passed');
      const deadlineFirst = left < options.timeout;
      clock.start();
      try {
        return await withTimeout(options.transport({ ...request, headers }), Math.min(left, options.timeout), () =>
          deadlineFirst
            ? new DeadlineError('the deadline for this URL passed')
            : new RequestTimeoutError(`no answer within ${options.timeout} ms`),
        );
      } finally {
        clock.stop();
      }
    });
  };
}

/** Sends one probe through the guarded transport and records it as evidence. */
export function sender(transport: Transport, session: Session): Send {
  return async (method, url, headers) => {
    // An attacker's page asks for credentials: the probe carries the user's session (--cookie), if any.
    const request = { method, url, headers: new Headers(headers), includeCredentials: true };
    const response = await transport(request);
    return { ...sentRequest(session, request), response: { status: response.status, headers: response.headers } };
  };
}
