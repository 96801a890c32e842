// The simulator's predictions for the cookie matrix: the same fetches as measure.ts, through
// simulateFetch with an engine's model, against the suite's routes (routes.ts) as a Transport.
// A cookie a setter's answer stored is held by the later requests as set by that page's fetch.
import { simulateFetch, type BrowserModel, type SimulatedCookie, type Transport } from '../../../src/simulate/index.ts';
import { COOKIES, REQUESTS, SETTERS, requestOf, type PageKey } from './matrix.ts';
import { cookieAnswer, stageOf } from './routes.ts';
import type { Arrival } from './server.ts';

export interface Hosts {
  readonly api: string;
  readonly pages: Readonly<Record<PageKey, string>>;
}

const transport: Transport = async (request) => {
  const url = new URL(request.url);
  const answer = cookieAnswer(request.method, url, request.headers.get('origin'));
  const headers = new Headers();
  for (const [name, value] of answer?.headers ?? []) headers.append(name, value);
  return { status: answer?.status ?? 404, headers };
};

function fromSetCookie(line: string): Omit<SimulatedCookie, 'setBy' | 'setFrom' | 'setOn'> {
  const spec = COOKIES.find((cookie) => line.startsWith(`${cookie.name}=`))!;
  return {
    name: spec.name,
    value: '1',
    ...(spec.sameSite === 'unset' ? {} : { sameSite: spec.sameSite }),
    ...(spec.domain ? { domain: spec.domain } : {}),
    secure: spec.secure,
    partitioned: spec.partitioned,
  };
}

export async function predictCookies(model: BrowserModel, hosts: Hosts): Promise<Map<string, Arrival[]>> {
  const held: SimulatedCookie[] = COOKIES.filter((cookie) => cookie.setBy === 'visit').map((cookie) => ({
    ...fromSetCookie(`${cookie.name}=`),
    setBy: 'visit',
    setOn: `${hosts.api}/set?by=visit`,
  }));
  for (const setter of SETTERS) {
    const origin = hosts.pages[setter.page];
    const url = `${hosts.api}/set?by=${setter.by}`;
    const verdict = await simulateFetch({ url, origin, credentials: setter.credentials, cookies: [] }, transport, {
      model,
    });
    for (const set of verdict.cookies?.set ?? [])
      if (set.stored) held.push({ ...fromSetCookie(set.line!), setBy: 'response', setFrom: origin, setOn: url });
  }
  const arrivals = new Map<string, Arrival[]>();
  for (const spec of REQUESTS) {
    const request = requestOf(hosts.api, spec);
    const verdict = await simulateFetch({ ...request, origin: hosts.pages[spec.page], cookies: held }, transport, {
      model,
    });
    arrivals.set(
      spec.id,
      (verdict.cookies?.exchanges ?? []).map((exchange) => ({
        at: stageOf(exchange.method, new URL(exchange.url)),
        cookies: [...exchange.sent].sort(),
      })),
    );
  }
  return arrivals;
}
