// The cookie lines of the wire diagram: per request, what the API received next to what the
// simulator predicts for this engine; per Set-Cookie, whether the simulator says it is stored, why
// and the fix.
import { sameCookies } from './cookie-jar.ts';
import { h } from './dom.ts';
import type { Outcome } from './send.ts';

export function cookieNotes(outcome: Outcome): HTMLLIElement[] {
  const report = outcome.verdict.cookies;
  if (report === undefined) return [];
  const { browser, simulator } = outcome.cookies;
  const request = report.exchanges.find((exchange) => exchange.kind === 'request');
  const withheld = (request?.withheld ?? []).map(
    (cookie) =>
      `${cookie.name} withheld (${cookie.reason}): ${cookie.message}${cookie.fix ? ` Fix: ${cookie.fix}` : ''}`,
  );
  const items: HTMLLIElement[] = [];
  if (request !== undefined || browser.length > 0)
    items.push(
      line(
        'cookie-sent',
        { agree: String(sameCookies(browser, simulator)), browser: browser.join(' '), simulator: simulator.join(' ') },
        `Cookies sent: the API received ${names(browser)}; the simulator predicts ${names(simulator)}.`,
        withheld,
      ),
    );
  for (const set of report.set)
    items.push(
      line(
        'cookie-set',
        { name: set.name, stored: String(set.stored), reason: set.reason ?? 'none' },
        `Set-Cookie ${set.name}: the simulator says ${set.stored ? `stored${set.partition ? ` (partitioned under ${set.partition})` : ''}` : 'not stored'}.`,
        [set.message, ...(set.fix ? [`Fix: ${set.fix}`] : [])],
      ),
    );
  return items;
}

function names(list: readonly string[]): string {
  return list.length === 0 ? 'no cookie' : list.join(', ');
}

function line(kind: string, data: Record<string, string>, text: string, details: readonly string[]): HTMLLIElement {
  const attributes: Record<string, string> = { class: `msg note-on-browser ${kind}` };
  for (const [name, value] of Object.entries(data)) attributes[`data-${name}`] = value;
  return h(
    'li',
    attributes,
    h('div', { class: 'label' }, h('em', {}, text), ...details.map((detail) => h('p', { class: 'note' }, detail))),
  );
}
