import { nodeTransport, type NodeTransportOptions } from '../../transport/node-transport.ts';
import type { Transport } from '../../simulate/index.ts';

export type HttpTransportOptions = Pick<NodeTransportOptions, 'timeout' | 'insecure' | 'extraHeaders' | 'proxy'>;

/**
 * One real HTTP exchange per call and connection, never following redirects (the simulator does
 * that): `corsguard check`'s transport. Judged on the head alone: a streamed body is never read.
 */
export function httpTransport(options: HttpTransportOptions = {}): Transport {
  return nodeTransport({ ...options, keepAlive: false });
}
