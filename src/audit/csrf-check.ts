import { probe, type TargetContext } from './context.ts';
import { isOk } from './exchange.ts';
import { unrelatedOrigin } from './lookalikes.ts';

/**
 * Only with --unsafe: a cross-site simple POST (text/plain, as a form or a no-cors fetch sends it,
 * with no preflight: https://fetch.spec.whatwg.org/#cors-safelisted-method) from an unrelated origin.
 * A 2xx means the server acted on it, whatever CORS later lets the page read.
 */
export async function checkSimplePost(context: TargetContext): Promise<void> {
  const origin = unrelatedOrigin(context.nonce);
  const exchange = await probe(context, 'POST', {
    origin,
    'content-type': 'text/plain',
    'sec-fetch-site': 'cross-site',
    'sec-fetch-mode': 'no-cors',
    'content-length': '0',
  });
  if (isOk(exchange.response.status)) context.findings.add({ id: 'csrf-simple-request-accepted', exchange, origin });
}
