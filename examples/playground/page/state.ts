// The playground's whole state: the policy being edited and the request being composed. It is
// what a shared link carries.
import type { CredentialsMode } from '../../../src/simulate/index.ts';
import type { ApiName, PolicyJson } from '../wire.ts';

export type BodyType = 'none' | 'text' | 'json' | 'form';

/** The request composer's fields, as text (so a link restores exactly what was typed). */
export interface ComposedRequest {
  readonly target: ApiName;
  readonly path: string;
  /** Sent exactly as typed: fetch() upper-cases only DELETE GET HEAD OPTIONS POST PUT. */
  readonly method: string;
  /** One `Name: value` per line. */
  readonly headers: string;
  readonly credentials: CredentialsMode;
  readonly body: BodyType;
  /** Response header names the script reads, comma-separated. */
  readonly readHeaders: string;
}

export interface PlaygroundState {
  readonly policy: PolicyJson;
  readonly request: ComposedRequest;
  /** The preset the state came from, if any. */
  readonly preset?: string;
}

/** The body fetch() is given for each type, and the Content-Type it sends with it. */
export const BODIES: Readonly<
  Record<Exclude<BodyType, 'none'>, { readonly contentType: string; readonly text: string }>
> = {
  text: { contentType: 'text/plain;charset=UTF-8', text: 'amount=100&to=mallory' },
  json: { contentType: 'application/json', text: '{"name":"playground"}' },
  form: { contentType: 'application/x-www-form-urlencoded;charset=UTF-8', text: 'amount=100&to=mallory' },
};

export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `Name: value` lines as pairs; a line without a colon is reported by its number. */
export function parseHeaderLines(text: string): { pairs: Array<[string, string]> } | { badLine: number } {
  const pairs: Array<[string, string]> = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { badLine: index + 1 };
    pairs.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { pairs };
}
