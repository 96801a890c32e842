import { probe, settleAll, type TargetContext } from './context.ts';
import { allowOrigin, allowsCredentials, type Exchange } from './exchange.ts';
import { originProbes, type OriginProbe } from './lookalikes.ts';

/**
 * Sends a GET with each attacker origin; an origin echoed byte for byte in
 * Access-Control-Allow-Origin is one a browser lets read the response. When an unrelated origin is
 * allowed, the look-alikes show nothing more (the same hole), so they are not sent.
 */
export async function checkOrigins(context: TargetContext): Promise<void> {
  const [unrelated, ...rest] = originProbes(context.url, context.trusted, context.nonce);
  if (unrelated === undefined) return;
  const allowed: { probe: OriginProbe; exchange: Exchange }[] = [];
  const tryProbe = async (lookalike: OriginProbe): Promise<void> => {
    const exchange = await probe(context, 'GET', { origin: lookalike.origin });
    if (allowOrigin(exchange) === lookalike.origin) allowed.push({ probe: lookalike, exchange });
  };
  await tryProbe(unrelated);
  if (allowed.length === 0) await settleAll(rest.map(tryProbe));
  // `appxexample.com` passes an unescaped dot and an endsWith('example.com') alike: the latter is the one shown.
  const suffixMatched = allowed.some(({ probe }) => probe.id === 'suffix-match');
  for (const { probe, exchange } of allowed) {
    if (probe.suffixShaped && suffixMatched) continue;
    context.findings.add({ id: probe.id, exchange, origin: probe.origin, credentials: allowsCredentials(exchange) });
  }
}

/** A GET from each trusted origin: the baseline that shows what the server grants its own front ends. */
export async function fetchTrusted(context: TargetContext): Promise<void> {
  await settleAll(context.trusted.map((origin) => probe(context, 'GET', { origin })));
}

/** A GET from each origin the user says must never be allowed (--untrusted): one echoed is a finding. */
export async function checkUntrusted(context: TargetContext): Promise<void> {
  const allowed: Exchange[] = [];
  await settleAll(
    context.untrusted.map(async (origin) => {
      const exchange = await probe(context, 'GET', { origin });
      if (allowOrigin(exchange) === origin) allowed.push(exchange);
    }),
  );
  const exchange = allowed.find(allowsCredentials) ?? allowed[0];
  if (exchange === undefined) return;
  const origins = context.untrusted.filter((origin) => allowed.some((each) => each.request.headers.origin === origin));
  context.findings.add({
    id: 'untrusted-origin-allowed',
    exchange,
    origin: exchange.request.headers.origin,
    credentials: allowsCredentials(exchange),
    title: `Origins you listed as untrusted are allowed: ${origins.join(', ')}`,
    fingerprintKey: [...origins].sort().join(' '),
  });
}
