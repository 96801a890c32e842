import { allowOriginProblem } from './allow-origin-syntax.ts';
import { variesOnOrigin } from './exchange.ts';
import type { FindingId } from './types.ts';

export type ExchangeWarningId =
  | Extract<
      FindingId,
      'missing-vary-origin' | 'wildcard-with-credentials' | 'invalid-allow-origin' | 'allows-null-origin'
    >
  | 'origin-allowed-with-credentials';

export interface ExchangeWarning {
  readonly id: ExchangeWarningId;
  readonly message: string;
}

type HeaderSource = Headers | Iterable<readonly [string, string]> | Record<string, string>;

const toHeaders = (source: HeaderSource): Headers =>
  source instanceof Headers
    ? source
    : new Headers(
        Symbol.iterator in source
          ? [...(source as Iterable<readonly [string, string]>)].map(([n, v]) => [n, v] as [string, string])
          : (source as Record<string, string>),
      );

/**
 * What a single CORS exchange already shows, without probing further: for `corsguard check`, which
 * sees one request from one origin. A full picture needs `corsguard audit`.
 */
export function exchangeWarnings(
  request: { readonly headers: HeaderSource },
  response: { readonly headers: HeaderSource },
): ExchangeWarning[] {
  const sent = toHeaders(request.headers);
  const received = toHeaders(response.headers);
  const origin = sent.get('origin');
  const allow = received.get('access-control-allow-origin');
  if (allow === null) return [];
  const credentials = received.get('access-control-allow-credentials') === 'true';
  const warnings: ExchangeWarning[] = [];
  const problem = allowOriginProblem(allow);
  if (problem !== undefined)
    warnings.push({
      id: 'invalid-allow-origin',
      message: `Access-Control-Allow-Origin '${allow}' is malformed: ${problem}.`,
    });
  if (allow === '*' && credentials) {
    warnings.push({
      id: 'wildcard-with-credentials',
      message:
        'Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true: browsers refuse every credentialed read.',
    });
  }
  const reflected = origin !== null && allow === origin;
  if (reflected && !variesOnOrigin(received)) {
    warnings.push({
      id: 'missing-vary-origin',
      message:
        'The allowed origin is echoed but Vary: Origin is missing: a cache can replay this answer to other origins.',
    });
  }
  if (reflected && credentials && origin === 'null') {
    warnings.push({
      id: 'allows-null-origin',
      message:
        "Origin 'null' is allowed with credentials: any site can send it (from a sandboxed iframe or a data: URL) and read these answers with the user's cookies.",
    });
  } else if (reflected && credentials) {
    warnings.push({
      id: 'origin-allowed-with-credentials',
      message:
        'This origin is allowed with credentials: run corsguard audit to check that look-alike origins are refused.',
    });
  }
  return warnings;
}
