// The generated cookie cases in a browser and in the simulator. Both return, per case, the
// stages of its request ('preflight', 'hop', 'echo') on which its cookie reached the server.
// In the browser: every visit, then every setting fetch, then every request, so that each
// case's cookie is set (or refused) before its request; cookies have unique names, so the
// fetches of one phase may run side by side.
import { simulateFetch, type BrowserModel, type SimulatedCookie, type Transport } from '../../../src/simulate/index.ts';
import type { BrowserDriver } from '../support/driver.ts';
import type { ProbeRequest } from '../support/probe.ts';
import { generatedAnswer, groupHosts, setterKey, type GeneratedCase } from './generated.ts';
import { requestOf } from './matrix.ts';
import { stageOf } from './routes.ts';
import type { Arrival } from './server.ts';

const requestFor = (port: number, item: GeneratedCase) =>
  requestOf(groupHosts(port, item.group).api, { id: String(item.id), ...item.request });
const setterUrl = (port: number, item: GeneratedCase) =>
  `${groupHosts(port, item.group).api}/gset?g=${item.group}&k=${setterKey(item.setter)}`;

/** Each case's cookie's stages, from the arrivals the server logged under the case's id. */
export function stagesFrom(
  cases: readonly GeneratedCase[],
  arrivals: ReadonlyMap<string, readonly Arrival[]>,
): Map<number, string[]> {
  return new Map(
    cases.map((item) => [
      item.id,
      (arrivals.get(String(item.id)) ?? [])
        .filter((arrival) => arrival.cookies.includes(item.cookie.name))
        .map((arrival) => arrival.at),
    ]),
  );
}

export async function runGeneratedInBrowser(
  driver: BrowserDriver,
  port: number,
  cases: readonly GeneratedCase[],
): Promise<void> {
  const distinct = <T>(items: readonly T[]) => [...new Set(items)];
  for (const group of distinct(cases.filter((item) => item.setter.kind === 'visit').map((item) => item.group))) {
    await driver.visit(`${groupHosts(port, group).api}/gset?g=${group}&k=visit`);
  }
  // Pages: the same-site page of each group, and the one cross-site page.
  const pageOf = (item: GeneratedCase, page: 'same-site' | 'cross-site') => groupHosts(port, item.group).pages[page];
  const fromPages = async (work: ReadonlyArray<readonly [string, ProbeRequest]>) => {
    const byPage = new Map<string, ProbeRequest[]>();
    for (const [page, request] of work) byPage.set(page, [...(byPage.get(page) ?? []), request]);
    for (const [page, requests] of byPage) {
      const opened = await driver.open(`${page}/page`);
      try {
        await opened.fetch(requests.map((request) => [request]));
      } finally {
        await opened.close();
      }
    }
  };
  const setters = new Map<string, readonly [string, ProbeRequest]>();
  for (const item of cases) {
    if (item.setter.kind === 'visit') continue;
    const url = setterUrl(port, item);
    setters.set(url, [pageOf(item, item.setter.page), { url, credentials: item.setter.credentials }]);
  }
  await fromPages([...setters.values()]);
  await fromPages(cases.map((item) => [pageOf(item, item.request.page), requestFor(port, item)] as const));
}

export async function runGeneratedInSimulator(
  model: BrowserModel,
  port: number,
  cases: readonly GeneratedCase[],
): Promise<Map<number, string[]>> {
  const answer = generatedAnswer(cases);
  const transport: Transport = async (request) => {
    const found = answer(request.method, new URL(request.url), request.headers.get('origin'));
    const headers = new Headers();
    for (const [name, value] of found?.headers ?? []) headers.append(name, value);
    return { status: found?.status ?? 404, headers };
  };
  const stages = new Map<number, string[]>();
  for (const item of cases) {
    const { name, sameSite, secure, partitioned, domain } = item.cookie;
    const cookie: SimulatedCookie = {
      name,
      value: '1',
      ...(sameSite === 'unset' ? {} : { sameSite }),
      secure,
      partitioned,
      ...(domain ? { domain } : {}),
    };
    const setOn = setterUrl(port, item);
    let held: SimulatedCookie | undefined;
    if (item.setter.kind === 'visit') held = { ...cookie, setBy: 'visit', setOn };
    else {
      const setFrom = groupHosts(port, item.group).pages[item.setter.page];
      const verdict = await simulateFetch(
        { url: setOn, origin: setFrom, credentials: item.setter.credentials, cookies: [] },
        transport,
        { model },
      );
      if (verdict.cookies?.set.some((set) => set.name === name && set.stored))
        held = { ...cookie, setBy: 'response', setFrom, setOn };
    }
    const request = requestFor(port, item);
    const verdict = await simulateFetch(
      { ...request, origin: groupHosts(port, item.group).pages[item.request.page], cookies: held ? [held] : [] },
      transport,
      { model },
    );
    stages.set(
      item.id,
      (verdict.cookies?.exchanges ?? [])
        .filter((exchange) => exchange.sent.includes(name))
        .map((exchange) => stageOf(exchange.method, new URL(exchange.url))),
    );
  }
  return stages;
}
