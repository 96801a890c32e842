import { probe, type TargetContext } from './context.ts';
import { grantsOrigin, isOk } from './exchange.ts';

const PROBE_METHOD = 'CORSGUARDPROBE';
const PROBE_HEADER = 'x-corsguard-probe';

const listed = (value: string | null, item: string): boolean =>
  (value ?? '').split(',').some((entry) => entry.trim().toLowerCase() === item.toLowerCase());

/**
 * A preflight asking for a method and a header nobody configures: an answer listing both echoes
 * whatever is asked. Sent from a trusted origin (or an unrelated one when none is given), and
 * judged only when that origin is granted: otherwise the browser stops before reading the lists.
 */
export async function checkPreflightReflection(context: TargetContext): Promise<void> {
  const origin = context.trusted[0] ?? `https://${context.nonce}.com`;
  const exchange = await probe(context, 'OPTIONS', { origin, 'access-control-request-method': PROBE_METHOD, 'access-control-request-headers': PROBE_HEADER });
  if (!isOk(exchange.response.status) || !grantsOrigin(exchange, origin)) return;
  const headers = exchange.response.headers;
  if (listed(headers.get('access-control-allow-methods'), PROBE_METHOD)) context.findings.add({ id: 'preflight-reflects-methods', exchange, origin });
  if (listed(headers.get('access-control-allow-headers'), PROBE_HEADER)) context.findings.add({ id: 'preflight-reflects-headers', exchange, origin });
}

/** A Private Network Access preflight (https://wicg.github.io/private-network-access/) from an unrelated origin. */
export async function checkPrivateNetwork(context: TargetContext): Promise<void> {
  const origin = `https://${context.nonce}.com`;
  const exchange = await probe(context, 'OPTIONS', { origin, 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' });
  if (!isOk(exchange.response.status) || !grantsOrigin(exchange, origin)) return;
  if (exchange.response.headers.get('access-control-allow-private-network') === 'true') {
    context.findings.add({ id: 'private-network-any-origin', exchange, origin });
  }
}
