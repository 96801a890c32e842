// The comparable outcome of one fetch, from a browser or from the simulator: what script saw and
// what reached the server (never a console message: its text differs per engine).
import type { SimulationVerdict } from '../../../src/simulate/index.ts';

export type FetchOutcome =
  | { readonly ok: true; readonly status: number; readonly readable: readonly string[]; readonly redirected: boolean }
  | { readonly ok: false };

export interface CaseOutcome {
  readonly fetches: FetchOutcome[];
  /** Requests that reached the server, as arrivalSignature lines. */
  readonly arrivals: string[];
}

/** The same outcome with its fields in one order (WebKit's driver returns objects' keys sorted), for comparing as JSON. */
export function canonical(outcome: FetchOutcome): FetchOutcome {
  return outcome.ok
    ? { ok: true, status: outcome.status, readable: outcome.readable, redirected: outcome.redirected }
    : { ok: false };
}

export function fromVerdict(verdict: SimulationVerdict): FetchOutcome {
  if (!verdict.response) return { ok: false };
  return {
    ok: true,
    status: verdict.response.status,
    readable: [...verdict.exposedHeaders].sort(),
    redirected: verdict.response.redirected,
  };
}
