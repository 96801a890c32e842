// A response reduced to what the front must reproduce, normalised only where HTTP says two forms
// are equivalent: header-name case, whitespace in lists, empty list elements, several Vary fields
// (one list), the case of header names listed in Access-Control-Allow-Headers/-Expose-Headers.
import { request } from 'undici';

export interface Answer {
  readonly status: number;
  readonly handlerRan: boolean;
  /** Every access-control-* response header, normalised. */
  readonly cors: Record<string, string>;
  /** Vary's names, lower-cased, sorted (duplicates kept: a duplicate is a difference). */
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

export async function probe(base: string, row: Probe): Promise<Answer> {
  const response = await request(`${base}${row.path ?? '/resource'}`, {
    method: row.method,
    headers: row.headers,
    body: row.method === 'POST' || row.method === 'PUT' ? 'x' : undefined,
  });
  await response.body.text();
  const cors: Record<string, string> = {};
  let vary: string[] = [];
  for (const [name, raw] of Object.entries(response.headers)) {
    const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
    if (name === 'vary') vary = value.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean).sort();
    else if (name.startsWith('access-control-')) cors[name] = LISTS.has(name) ? list(value, HEADER_NAME_LISTS.has(name)) : value;
  }
  return { status: response.statusCode, handlerRan: response.headers['x-handler'] === 'ran', cors, vary };
}
