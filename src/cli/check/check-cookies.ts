// `corsguard check --cookie 'sid=abc; SameSite=Lax; Secure' [--cookie-set-by first-party|cross-site]`:
// the cookies the browser holds for <url>, with the attributes they were set with, and what
// each engine does with them and with every Set-Cookie of the server's answers.
import type { CookieReport, SimulatedCookie, SimulationVerdict } from '../../simulate/index.ts';
import type { Palette } from '../shared/colors.ts';
import { UsageError } from '../shared/request-args.ts';

export type CookieSetBy = 'first-party' | 'cross-site';
export const COOKIE_SET_BY: readonly CookieSetBy[] = ['first-party', 'cross-site'];

/** Set-Cookie attributes: after a name=value pair, these belong to it; any other pair is another cookie. */
const ATTRIBUTES = new Set(['samesite', 'secure', 'partitioned', 'domain', 'path', 'httponly', 'max-age', 'expires']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function applyAttribute(cookie: Mutable<SimulatedCookie>, name: string, value: string, given: string): void {
  const lower = name.toLowerCase();
  if (lower === 'secure') cookie.secure = true;
  else if (lower === 'partitioned') cookie.partitioned = true;
  else if (lower === 'domain') cookie.domain = value.replace(/^\./, '').toLowerCase();
  else if (lower === 'path') cookie.path = value;
  else if (lower === 'samesite') {
    const sameSite = ({ strict: 'Strict', lax: 'Lax', none: 'None' } as const)[value.toLowerCase() as 'strict'];
    if (sameSite === undefined)
      throw new UsageError(`--cookie '${given}': SameSite must be Strict, Lax or None, not '${value}'`);
    cookie.sameSite = sameSite;
  }
}

/**
 * Each --cookie is 'name=value' with optional Set-Cookie attributes ('sid=abc; SameSite=None;
 * Secure'), or several pairs ('a=1; b=2'). How they were set: by visiting <url>'s site
 * (first-party, the default) or by the answer to a credentialed fetch() from the --origin page.
 */
export function parseCookieSpecs(
  values: readonly string[] | undefined,
  setBy: string | undefined,
  origin: string,
): SimulatedCookie[] {
  if (setBy !== undefined && !(COOKIE_SET_BY as readonly string[]).includes(setBy))
    throw new UsageError(`--cookie-set-by must be ${COOKIE_SET_BY.join(' or ')}, not '${setBy}'`);
  if (setBy !== undefined && !values?.length)
    throw new UsageError('--cookie-set-by says how the --cookie cookies were set: give --cookie too');
  const how = setBy === 'cross-site' ? { setBy: 'response' as const, setFrom: origin } : { setBy: 'visit' as const };
  const cookies: Array<Mutable<SimulatedCookie>> = [];
  for (const value of values ?? []) {
    const parts = value
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean);
    if (parts.length === 0 || /[\0\r\n]/.test(value))
      throw new UsageError(
        `--cookie '${value}' is not 'name=value' (several: 'a=1; b=2'; attributes: 'sid=1; SameSite=None; Secure')`,
      );
    let current: Mutable<SimulatedCookie> | undefined;
    for (const part of parts) {
      const equals = part.indexOf('=');
      const name = (equals === -1 ? part : part.slice(0, equals)).trim();
      const attributeValue = equals === -1 ? '' : part.slice(equals + 1).trim();
      if (current !== undefined && ATTRIBUTES.has(name.toLowerCase())) {
        applyAttribute(current, name, attributeValue, value);
      } else if (equals > 0) {
        current = { name, value: attributeValue, ...how };
        cookies.push(current);
      } else {
        throw new UsageError(
          `--cookie '${value}' is not 'name=value' (several: 'a=1; b=2'; attributes: 'sid=1; SameSite=None; Secure')`,
        );
      }
    }
  }
  return cookies;
}

/** The Cookie header the given cookies make, as a credentialed request would carry them all. */
export function cookieHeader(cookies: readonly SimulatedCookie[]): string | undefined {
  return cookies.length ? cookies.map((cookie) => `${cookie.name}=${cookie.value ?? ''}`).join('; ') : undefined;
}

/** The request's own exchange (its last one), where the cookies matter. */
function finalExchange(report: CookieReport) {
  return report.exchanges.filter((exchange) => exchange.kind === 'request').at(-1);
}

/** One line per engine for --browser all: which cookies the request carries. */
export function cookieSummary(verdict: SimulationVerdict): string | undefined {
  const report = verdict.cookies;
  if (report === undefined || (report.held.length === 0 && report.set.length === 0)) return undefined;
  const exchange = finalExchange(report);
  const parts = [
    ...(report.held.length ? [exchange?.sent.length ? `sends ${exchange.sent.join(', ')}` : 'sends no cookie'] : []),
    ...(exchange?.withheld ?? []).map((entry) => `${entry.name}: ${entry.reason}`),
    ...report.set.map(
      (set) =>
        `Set-Cookie ${set.name}: ${set.stored ? `stored${set.partition ? ` (partition ${set.partition})` : ''}` : `not stored (${set.reason})`}`,
    ),
  ];
  return parts.join('; ');
}

/** A Set-Cookie line with its value left out (a session token has no place in a terminal's scrollback). */
function withoutValue(line: string): string {
  return line.replace(/^([^=;]*)=[^;]*/, '$1=…');
}

/** The cookies section of a verdict: what the browser holds, what the request carries, what each Set-Cookie becomes. */
export function renderCookies(report: CookieReport | undefined, colors: Palette): string[] {
  if (report === undefined || (report.held.length === 0 && report.set.length === 0)) return [];
  const lines = [colors.bold('Cookies:')];
  const fix = (text: string | undefined) => (text ? [`    ${colors.bold('Fix:')} ${text}`] : []);
  for (const held of report.held) if (!held.stored) lines.push(`${colors.bad('✘')} ${held.message}`, ...fix(held.fix));
  if (report.exchanges.some((exchange) => exchange.kind === 'preflight') && report.held.length)
    lines.push(`${colors.dim('·')} The preflight carries no cookies (it never does).`);
  const exchange = finalExchange(report);
  if (exchange && report.held.length) {
    if (exchange.sent.length)
      lines.push(`${colors.ok('✔')} ${exchange.method} ${exchange.url} carries ${exchange.sent.join(', ')}.`);
    for (const entry of exchange.withheld)
      if (entry.reason !== 'not-stored') lines.push(`${colors.bad('✘')} ${entry.message}`, ...fix(entry.fix));
  }
  for (const set of report.set) {
    lines.push(
      `${set.stored ? colors.ok('✔') : colors.bad('✘')} Set-Cookie: ${withoutValue(set.line ?? set.name)} — ${set.message}`,
      ...fix(set.fix),
    );
  }
  return lines;
}
