// Runs differential cases through simulateFetch with an in-memory transport that answers
// exactly as the HTTP server does (same respond()).
import { PreflightCache, simulateFetch, type BrowserModel } from '../../../src/simulate/index.ts';
import type { DifferentialCase } from './cases.ts';
import { fromVerdict, type CaseOutcome } from './outcome.ts';
import { arrivalSignature, respond, type Hosts } from './respond.ts';

export async function runInSimulator(
  item: DifferentialCase,
  url: string,
  hosts: Hosts,
  model: BrowserModel = 'chromium',
): Promise<CaseOutcome> {
  const arrivals: string[] = [];
  const outcome: CaseOutcome = { fetches: [], arrivals };
  // A browser sends the fetches of one case milliseconds apart: a frozen clock is faithful.
  const cache = new PreflightCache({ model, now: () => 0 });
  for (const spec of item.fetches) {
    const verdict = await simulateFetch(
      {
        url,
        origin: hosts.page,
        method: spec.method,
        headers: spec.headers,
        credentials: spec.credentials,
        ...(spec.cache ? { cache: spec.cache } : {}),
      },
      async (request) => {
        const target = new URL(request.url);
        arrivals.push(arrivalSignature(target, request.method, request.headers));
        const answer = respond(target, request.method, request.headers, hosts);
        if (!answer) throw new Error(`no route for ${request.url}`);
        const headers = new Headers();
        for (const [name, value] of answer.headers) headers.append(name, value);
        return { status: answer.status, headers };
      },
      { model, cache },
    );
    outcome.fetches.push(fromVerdict(verdict));
  }
  return outcome;
}
