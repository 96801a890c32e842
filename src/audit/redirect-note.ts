import type { Exchange } from './exchange.ts';

/** The status and Location of a redirect (https://fetch.spec.whatwg.org/#redirect-status), or undefined. */
export function redirectOf(exchange: Exchange): { status: number; location: string } | undefined {
  const { status, headers } = exchange.response;
  const location = headers.get('location');
  if (![301, 302, 303, 307, 308].includes(status) || location === null) return undefined;
  return { status, location };
}
