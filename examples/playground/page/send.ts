// Send: the request for real from this page (fetch), the API's record of what reached it, and
// corsguard's simulator verdict for the same exchange, compared.
import {
  PreflightCache,
  normalizeMethod,
  simulateFetch,
  type SimulatedRequest,
  type SimulationVerdict,
  type Transport,
} from '../../../src/simulate/index.ts';
import type { ExchangeResponse, PlaygroundConfig, WireLog, WireRecord } from '../wire.ts';
import { browserSent, heldCookies, keepStored, sameCookies, simulatedSent } from './cookie-jar.ts';
import { BODIES, parseHeaderLines, splitList, type ComposedRequest } from './state.ts';

export interface BrowserOutcome {
  /** fetch() resolved. */
  readonly resolved: boolean;
  readonly status?: number;
  /** The rejection, when it did not resolve (always "TypeError: Failed to fetch" for CORS). */
  readonly error?: string;
  /** Each header the script asked for and what `response.headers.get()` returned. */
  readonly read: ReadonlyArray<readonly [string, string | null]>;
  /** Every response header name the script can see. */
  readonly visible: readonly string[];
  readonly body?: string;
}

export interface Outcome {
  readonly url: string;
  readonly method: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly browser: BrowserOutcome;
  /** The script got its response and every header it asked for that the server sent. */
  readonly browserAllowed: boolean;
  /** What this browser let the script have. */
  readonly browserResult: Readability;
  /** What the simulator predicts the script gets. */
  readonly simulatorResult: Readability;
  /** What the API saw, in order (the browser's exchanges only). */
  readonly wire: readonly WireRecord[];
  readonly preflightOnWire: boolean;
  readonly verdict: SimulationVerdict;
  /** The cookie names the API received with the actual request, and the ones the simulator predicts. */
  readonly cookies: { readonly browser: readonly string[]; readonly simulator: readonly string[] };
  /** The simulator and the browser reached the same result, the same preflight traffic and the same cookies. */
  readonly agree: boolean;
}

/**
 * The script's side of a request: everything readable; the response readable but a header it asked
 * for hidden (fetch() resolved); or nothing (fetch() rejected).
 */
export type Readability = 'allowed' | 'header-hidden' | 'blocked';

export function simulatorReadability(verdict: SimulationVerdict): Readability {
  return verdict.allowed ? 'allowed' : verdict.response !== undefined ? 'header-hidden' : 'blocked';
}

export type Prepared =
  | { readonly error: string }
  | {
      readonly url: string;
      readonly init: RequestInit;
      readonly headers: Array<[string, string]>;
      readonly method: string;
    };

export function originOf(config: PlaygroundConfig, request: ComposedRequest): string {
  return request.target === 'site' ? config.siteOrigin : config.apiOrigin;
}

/** The fetch() call the composer describes, or what is wrong with it. */
export function prepare(config: PlaygroundConfig, request: ComposedRequest): Prepared {
  const parsed = parseHeaderLines(request.headers);
  if ('badLine' in parsed) return { error: `Header line ${parsed.badLine} needs the form Name: value.` };
  const headers = parsed.pairs;
  const method = request.method.trim() || 'GET';
  const bodyless = ['GET', 'HEAD'].includes(normalizeMethod(method));
  const body = request.body === 'none' || bodyless ? undefined : BODIES[request.body];
  if (body && !headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.push(['Content-Type', body.contentType]);
  const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
  const url = `${originOf(config, request)}${path}`;
  // No `cache: 'no-store'`: in Chromium it also bypasses the preflight cache, which the max-age preset shows.
  const init: RequestInit = {
    method,
    headers,
    credentials: request.credentials,
    mode: 'cors',
    ...(body ? { body: body.text } : {}),
  };
  return { url, init, headers, method };
}

/** One simulator exchange, carried by the page server to the API (marked, so it changes nothing). */
const transport: Transport = async (request) => {
  const response = await fetch('/exchange', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: request.method, url: request.url, headers: [...request.headers] }),
  });
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  const answer = (await response.json()) as ExchangeResponse;
  return { status: answer.status, headers: new Headers(answer.headers as Array<[string, string]>) };
};

async function wireAfter(after: number): Promise<WireLog> {
  return (await fetch(`/wire?after=${after}`)).json() as Promise<WireLog>;
}

/** The simulator's preflight cache lives as long as the page, as the browser's does. */
const cache = new PreflightCache({ model: 'chromium' });

/** The fetch() call `prepared` describes, as the simulator takes it. */
export function simulatedRequest(
  config: PlaygroundConfig,
  request: ComposedRequest,
  prepared: Extract<Prepared, { url: string }>,
): SimulatedRequest {
  return {
    url: prepared.url,
    origin: config.pageOrigin,
    method: prepared.method,
    headers: prepared.headers,
    credentials: request.credentials,
    readHeaders: splitList(request.readHeaders),
    cookies: heldCookies(),
  };
}

export async function send(
  config: PlaygroundConfig,
  request: ComposedRequest,
  prepared: Extract<Prepared, { url: string }>,
): Promise<Outcome> {
  const readHeaders = splitList(request.readHeaders);
  const { last } = await wireAfter(Number.MAX_SAFE_INTEGER);
  const browser = await realFetch(prepared, readHeaders);
  const wire = (await wireAfter(last)).records.filter((record) => !record.simulator);
  const verdict = await simulateFetch(simulatedRequest(config, request, prepared), transport, {
    model: 'chromium',
    cache,
  });
  keepStored(verdict.cookies, config.pageOrigin);
  const actual = [...wire].reverse().find((record) => !isPreflight(record));
  const cookies = { browser: browserSent(actual), simulator: simulatedSent(verdict.cookies) };
  const sent = new Set(actual?.responseHeaders.map(([name]) => name) ?? []);
  // A header the server never sent blocks nothing (the simulator says the same: unsentHeaders).
  const browserAllowed =
    browser.resolved &&
    browser.read.every(([name, value]) => value !== null || (actual !== undefined && !sent.has(name.toLowerCase())));
  const browserResult: Readability = browserAllowed ? 'allowed' : browser.resolved ? 'header-hidden' : 'blocked';
  const simulatorResult = simulatorReadability(verdict);
  const preflightOnWire = wire.some(isPreflight);
  const simulatedPreflightOnWire = verdict.preflight !== undefined && !verdict.preflight.cached;
  return {
    url: prepared.url,
    method: prepared.method,
    headers: prepared.headers,
    browser,
    browserAllowed,
    browserResult,
    simulatorResult,
    wire,
    preflightOnWire,
    verdict,
    cookies,
    agree:
      simulatorResult === browserResult &&
      simulatedPreflightOnWire === preflightOnWire &&
      sameCookies(cookies.browser, cookies.simulator),
  };
}

export function isPreflight(record: WireRecord): boolean {
  return (
    record.method === 'OPTIONS' && record.requestHeaders.some(([name]) => name === 'access-control-request-method')
  );
}

async function realFetch(
  prepared: Extract<Prepared, { url: string }>,
  readHeaders: readonly string[],
): Promise<BrowserOutcome> {
  try {
    const response = await fetch(prepared.url, prepared.init);
    const body = await response.text();
    return {
      resolved: true,
      status: response.status,
      read: readHeaders.map((name) => [name, response.headers.get(name)] as const),
      visible: [...response.headers.keys()],
      body,
    };
  } catch (error) {
    return { resolved: false, error: String(error), read: [], visible: [] };
  }
}
