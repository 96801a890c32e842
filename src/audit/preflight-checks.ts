import { probe, settleAll, type TargetContext } from './context.ts';
import { allowOrigin, allowsCredentials, grantsOrigin, isOk, type Exchange } from './exchange.ts';
import { unrelatedOrigin } from './lookalikes.ts';

const PROBE_METHOD = 'CORSGUARDPROBE';
const PROBE_HEADER = 'x-corsguard-probe';

const entries = (value: string | null): string[] => (value ?? '').split(',').map((entry) => entry.trim().toLowerCase());
const listed = (value: string | null, item: string): boolean => entries(value).includes(item.toLowerCase());

/**
 * A preflight asking for a method and a header nobody configures: an answer listing both echoes
 * whatever is asked, and `*` allows any of them to requests without credentials
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch). Sent from a trusted origin (or an
 * unrelated one when none is given), and judged only when that origin is granted: otherwise the
 * browser stops before reading the lists.
 */
export async function checkPreflightReflection(context: TargetContext): Promise<void> {
  const origin = context.trusted[0] ?? unrelatedOrigin(context.nonce);
  const exchange = await probe(context, 'OPTIONS', {
    origin,
    'access-control-request-method': PROBE_METHOD,
    'access-control-request-headers': PROBE_HEADER,
  });
  if (!isOk(exchange.response.status) || !grantsOrigin(exchange, origin)) return;
  const headers = exchange.response.headers;
  const methods = headers.get('access-control-allow-methods');
  const names = headers.get('access-control-allow-headers');
  if (listed(methods, PROBE_METHOD)) context.findings.add({ id: 'preflight-reflects-methods', exchange, origin });
  else if (listed(methods, '*'))
    context.findings.add({
      id: 'preflight-reflects-methods',
      exchange,
      origin,
      title: 'The preflight allows any method (Access-Control-Allow-Methods: *)',
    });
  if (listed(names, PROBE_HEADER)) context.findings.add({ id: 'preflight-reflects-headers', exchange, origin });
  else if (listed(names, '*'))
    context.findings.add({
      id: 'preflight-reflects-headers',
      exchange,
      origin,
      title: 'The preflight allows any request header (Access-Control-Allow-Headers: *)',
    });
}

/** A Private Network Access preflight (https://wicg.github.io/private-network-access/) from an unrelated origin. */
export async function checkPrivateNetwork(context: TargetContext): Promise<void> {
  const origin = unrelatedOrigin(context.nonce);
  const exchange = await probe(context, 'OPTIONS', {
    origin,
    'access-control-request-method': 'GET',
    'access-control-request-private-network': 'true',
  });
  if (!isOk(exchange.response.status) || !grantsOrigin(exchange, origin)) return;
  if (exchange.response.headers.get('access-control-allow-private-network') === 'true') {
    context.findings.add({ id: 'private-network-any-origin', exchange, origin });
  }
}

/** Methods a page can never ask for (https://fetch.spec.whatwg.org/#forbidden-method), and those that need no preflight. */
const NO_PREFLIGHT = new Set(['CONNECT', 'TRACE', 'TRACK', 'GET', 'HEAD']);

/**
 * A preflight for a PUT with a JSON body from the unrelated origin, and one for each of the URL's
 * operation methods (DELETE, PATCH…). Some servers reflect any Origin on OPTIONS only, or only for
 * some methods: the browser then sends the actual request, with the user's cookies when
 * Access-Control-Allow-Credentials is true, whatever the actual answer lets script read.
 * Returns the first exchange whose preflight echoes that origin (`*` is the public-API case: wildcard-origin).
 */
export async function probeUnrelatedPreflight(context: TargetContext): Promise<Exchange | undefined> {
  const origin = unrelatedOrigin(context.nonce);
  const methods = [
    ...new Set([
      'PUT',
      ...context.preflightMethods.map((method) => method.toUpperCase()).filter((method) => !NO_PREFLIGHT.has(method)),
    ]),
  ];
  const exchanges: (Exchange | undefined)[] = new Array(methods.length);
  await settleAll(
    methods.map(async (method, index) => {
      exchanges[index] = await probe(context, 'OPTIONS', {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'content-type',
      });
    }),
  );
  return exchanges.find(
    (exchange) => exchange !== undefined && isOk(exchange.response.status) && allowOrigin(exchange) === origin,
  );
}

/** preflight-any-origin, unless reflects-any-origin already shows the same origin is allowed everywhere. */
export function reportUnrelatedPreflight(context: TargetContext, granted: Exchange | undefined): void {
  if (granted === undefined || context.findings.has('reflects-any-origin')) return;
  context.findings.add({
    id: 'preflight-any-origin',
    exchange: granted,
    origin: unrelatedOrigin(context.nonce),
    credentials: allowsCredentials(granted),
  });
}
