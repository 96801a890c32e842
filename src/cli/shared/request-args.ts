// Parsers for the request options `corsguard check` and `corsguard audit` share (-H, -X, --timeout).

import { DEFAULT_TIMEOUT_MS } from '../../audit/options.ts';
import { MAX_TIMER_MS } from '../../core/limits.ts';
import { isToken } from '../../core/tokens.ts';
import { UsageError } from './usage.ts';

export { DEFAULT_TIMEOUT_MS, UsageError };

export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const ms = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms >= 1 && ms <= MAX_TIMER_MS))
    throw new UsageError(`--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, not '${value}'`);
  return ms;
}

// What Node sends in a header value (what a field value may hold: tab, space, visible and obs-text
// bytes; https://www.rfc-editor.org/rfc/rfc9110#name-field-values): it refuses to send anything else.
const NOT_IN_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** `-H 'Name: value'`: the name a token, the value without control characters. */
export function parseHeader(line: string): [string, string] {
  const colon = line.indexOf(':');
  if (colon <= 0) throw new UsageError(`-H '${line}' is not 'Name: value'`);
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  if (!isToken(name))
    throw new UsageError(`-H '${line}': '${name}' is not a header name (letters, digits and !#$%&'*+.^_\`|~- only)`);
  if (NOT_IN_HEADER_VALUE.test(value))
    throw new UsageError(
      `-H '${JSON.stringify(line).slice(1, -1)}': a header value holds no control character (line break, NUL, …) and no character past U+00FF`,
    );
  return [name, value];
}

/** `-X METHOD`: a token (a browser refuses others before sending anything). */
export function parseMethod(value: string): string {
  if (!isToken(value))
    throw new UsageError(`-X '${value}' is not a method (letters, digits and !#$%&'*+.^_\`|~- only)`);
  return value;
}

/** Each --cookie is 'name=value' (or several joined by '; '); together they make one Cookie header. */
export function parseCookies(values: readonly string[] | undefined): string | undefined {
  if (!values?.length) return undefined;
  for (const value of values) {
    const pairs = value
      .split(';')
      .map((pair) => pair.trim())
      .filter(Boolean);
    if (pairs.length === 0 || pairs.some((pair) => pair.indexOf('=') <= 0) || NOT_IN_HEADER_VALUE.test(value)) {
      throw new UsageError(`--cookie '${value}' is not 'name=value' (several: 'a=1; b=2')`);
    }
  }
  return values.map((value) => value.trim().replace(/;\s*$/, '')).join('; ');
}
