// The comparable outcome of one fetch, from Chromium or from the simulator.
import type { SimulationVerdict } from '../../../src/simulate/index.ts';

export type FetchOutcome =
  | { readonly ok: true; readonly status: number; readonly readable: readonly string[]; readonly redirected: boolean }
  | { readonly ok: false };

export interface CaseOutcome {
  readonly fetches: FetchOutcome[];
  /** Requests that reached the server, as arrivalSignature lines. */
  readonly arrivals: string[];
  /** Reason family of each failed fetch, in order. */
  readonly reasons: string[];
}

export function fromVerdict(verdict: SimulationVerdict): FetchOutcome {
  if (!verdict.response) return { ok: false };
  return { ok: true, status: verdict.response.status, readable: [...verdict.exposedHeaders].sort(), redirected: verdict.response.redirected };
}

/** Chromium's console sentence → the simulator's reason family. */
const CHROMIUM_MESSAGES: [RegExp, string][] = [
  [/No 'Access-Control-Allow-Origin' header is present/, 'missing-allow-origin'],
  [/contains multiple values/, 'multiple-allow-origin'],
  [/contains the invalid value/, 'invalid-allow-origin'],
  [/that is not equal to the supplied origin/, 'allow-origin-mismatch'],
  [/must not be the wildcard '\*'/, 'wildcard-origin-with-credentials'],
  [/'Access-Control-Allow-Credentials' header in the response is/, 'invalid-allow-credentials'],
  [/does not have HTTP ok status/, 'preflight-invalid-status'],
  [/Redirect is not allowed for a preflight request/, 'preflight-redirect'],
  [/Cannot parse Access-Control-Allow-Methods/, 'invalid-allow-methods'],
  [/Cannot parse Access-Control-Allow-Headers/, 'invalid-allow-headers'],
  [/is not allowed by Access-Control-Allow-Methods/, 'method-not-allowed'],
  [/is not allowed by Access-Control-Allow-Headers/, 'header-not-allowed'],
];

export function chromiumReason(message: string): string {
  const stage = /Response to preflight request doesn't pass/.test(message) ? 'preflight:' : '';
  for (const [pattern, reason] of CHROMIUM_MESSAGES) if (pattern.test(message)) return stage + reason;
  return `unknown:${message}`;
}

export function simulatorReason(verdict: SimulationVerdict): string {
  const reason = verdict.reason === 'authorization-not-covered-by-wildcard' ? 'header-not-allowed' : (verdict.reason ?? 'none');
  return verdict.stage === 'preflight' && PREFIXED.has(reason) ? `preflight:${reason}` : reason;
}

/** Chromium prefixes "Response to preflight request doesn't pass access control check" to these only. */
const PREFIXED = new Set([
  'missing-allow-origin',
  'multiple-allow-origin',
  'invalid-allow-origin',
  'allow-origin-mismatch',
  'wildcard-origin-with-credentials',
  'invalid-allow-credentials',
  'preflight-invalid-status',
  'preflight-redirect',
]);
