import { exchangeWarnings, type ExchangeWarning } from '../../audit/exchange-warnings.ts';
import { CATALOGUE } from '../../audit/index.ts';
import { docsUrl } from '../../core/docs-url.ts';
import type { Transport, TransportRequest, TransportResponse } from '../../simulate/index.ts';
import type { Palette } from '../shared/colors.ts';

export interface ExchangeRecorder {
  /** The transport to hand the simulator: it records each exchange. */
  readonly transport: Transport;
  /** What the last actual (non-OPTIONS) exchange shows, from its request and its full response headers. */
  warnings(): DocumentedWarning[];
}

/** `docs`: the audit finding's page; absent for `origin-allowed-with-credentials`, which is no finding. */
export type DocumentedWarning = ExchangeWarning & { readonly docs?: string };

const documented = (warning: ExchangeWarning): DocumentedWarning =>
  Object.hasOwn(CATALOGUE, warning.id) ? { ...warning, docs: docsUrl('audit', warning.id) } : warning;

/**
 * Wraps a transport so that `corsguard check` can say what its one exchange already shows
 * (missing Vary, * with credentials, a malformed or credentialed echo) instead of a bare "Allowed.".
 * The simulator's steps keep only the headers its decision needed; Vary is not among them.
 */
export function recordLastExchange(transport: Transport): ExchangeRecorder {
  let last: { request: TransportRequest; response: TransportResponse } | undefined;
  return {
    transport: async (request) => {
      const response = await transport(request);
      if (request.method !== 'OPTIONS') last = { request, response };
      return response;
    },
    warnings: () => (last === undefined ? [] : exchangeWarnings(last.request, last.response).map(documented)),
  };
}

/** One line a warning, indented under the verdict line it qualifies. */
export function renderExchangeWarnings(warnings: readonly ExchangeWarning[], colors: Palette): string {
  return warnings.map((warning) => `  ${colors.bad('⚠')} ${warning.message} (${warning.id})\n`).join('');
}
