// A response reduced to what the front must reproduce, normalised only where HTTP says two forms
// are equivalent: header-name case, whitespace in lists, empty list elements, several Vary fields
// (one list), a Vary naming '*' (whatever else it names: https://www.rfc-editor.org/rfc/rfc9110#section-12.5.5),
// the case of header names listed in Access-Control-Allow-Headers/-Expose-Headers.
import { request } from 'undici';

export interface Answer {
  readonly status: number;
  readonly handlerRan: boolean;
  /** Every access-control-* response header, normalised. */
  readonly cors: Record<string, string>;
  /** Vary's names, lower-cased, sorted (duplicates kept: a duplicate is a difference); ['*'] when it names '*'. */
  readonly vary: readonly string[];
}

export interface Probe {
  readonly method: string;
  readonly path?: string;
  readonly headers: Record<string, string | string[]>;
}

const HEADER_NAME_LISTS = new Set(['access-control-allow-headers', 'access-control-expose-headers']);
const LISTS = new Set([...HEADER_NAME_LISTS, 'access-control-allow-methods']);

function list(value: string, lower: boolean): string {
  return value
    .split(',')
    .map((item) => (lower ? item.trim().toLowerCase() : item.trim()))
    .filter((item) => item !== '')
    .join(',');
}

/**
 * Vary names as compared: lower-cased and sorted, duplicates kept. A Vary naming '*' means the
 * response is never reused from a cache whatever else it names, so it is compared as '*' alone.
 */
export function varyNames(lines: readonly string[]): string[] {
  const names = lines
    .flatMap((line) => line.split(','))
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  return names.includes('*') ? ['*'] : names.sort();
}

export async function probe(base: string, row: Probe): Promise<Answer> {
  const response = await request(`${base}${row.path ?? '/resource'}`, {
    method: row.method,
    headers: row.headers,
    body: row.method === 'POST' || row.method === 'PUT' ? 'x' : undefined,
  });
  await response.body.text();
  return answerOf(response.statusCode, response.headers);
}

/** A response's status and headers (lower-case names, an array for repeated lines) as compared. */
export function answerOf(status: number, headers: Record<string, string | string[] | undefined>): Answer {
  const cors: Record<string, string> = {};
  let vary: readonly string[] = [];
  for (const [name, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
    if (name === 'vary') vary = varyNames([value]);
    else if (name.startsWith('access-control-'))
      cors[name] = LISTS.has(name) ? list(value, HEADER_NAME_LISTS.has(name)) : value;
  }
  return { status, handlerRan: headers['x-handler'] === 'ran', cors, vary };
}
