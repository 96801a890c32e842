// The sequence diagram: page, browser and server as lanes, one arrow per message, each with the
// CORS headers it carried. An ordered list underneath, so a screen reader reads it in order.
import type { HeaderPairs, WireRecord } from '../wire.ts';
import { cookieNotes } from './cookie-notes.ts';
import { h } from './dom.ts';
import { isPreflight, type Outcome } from './send.ts';

type Lane = 'page' | 'browser' | 'server';

const SHOWN_REQUEST = /^(origin|access-control-request-.*|cookie|content-type|sec-fetch-(site|mode))$/;
const SHOWN_RESPONSE = /^(access-control-.*|vary|set-cookie|x-request-id)$/;

function message(
  from: Lane,
  to: Lane,
  title: string,
  headers: HeaderPairs,
  note?: string,
  tone?: 'ok' | 'bad',
): HTMLLIElement {
  return h(
    'li',
    { class: `msg from-${from} to-${to}${tone ? ` ${tone}` : ''}` },
    h('span', { class: 'visually-hidden' }, `${from} to ${to}: `),
    h('div', { class: 'arrow', 'aria-hidden': 'true' }),
    h(
      'div',
      { class: 'label' },
      h('strong', {}, title),
      headers.length > 0 &&
        h(
          'ul',
          { class: 'headers' },
          ...headers.map(([name, value]) => h('li', {}, h('code', {}, `${name}: ${value}`))),
        ),
      note !== undefined && h('p', { class: 'note' }, note),
    ),
  );
}

function note(lane: Lane, text: string): HTMLLIElement {
  return h('li', { class: `msg note-on-${lane}` }, h('div', { class: 'label' }, h('em', {}, text)));
}

function requestHeaders(record: WireRecord, custom: ReadonlySet<string>): HeaderPairs {
  return record.requestHeaders.filter(([name]) => SHOWN_REQUEST.test(name) || custom.has(name));
}

function responseHeaders(record: WireRecord): HeaderPairs {
  return record.responseHeaders.filter(([name]) => SHOWN_RESPONSE.test(name));
}

function path(record: WireRecord): string {
  return record.target;
}

export function renderDiagram(outcome: Outcome, serverOrigin: string): HTMLElement {
  const custom = new Set(outcome.headers.map(([name]) => name.toLowerCase()));
  const items: HTMLLIElement[] = [];
  const init = [`method: '${outcome.method}'`, ...outcome.headers.map(([name, value]) => `${name}: ${value}`)];
  items.push(message('page', 'browser', `fetch(${outcome.url})`, [], init.join(', ')));
  const preflight = outcome.wire.find(isPreflight);
  if (preflight) {
    items.push(
      message('browser', 'server', `preflight: OPTIONS ${path(preflight)}`, requestHeaders(preflight, custom)),
    );
    items.push(
      message(
        'server',
        'browser',
        `${preflight.status}`,
        responseHeaders(preflight),
        decisionNote(preflight),
        preflight.status < 300 && preflight.decision?.allowed !== false ? 'ok' : 'bad',
      ),
    );
  } else if (outcome.verdict.preflight?.cached) {
    items.push(note('browser', 'Preflight needed, served from the preflight cache: no OPTIONS on the wire.'));
  }
  const actual = outcome.wire.find((record) => !isPreflight(record));
  if (actual) {
    items.push(message('browser', 'server', `${actual.method} ${path(actual)}`, requestHeaders(actual, custom)));
    const handled = actual.handled ? 'The handler ran.' : 'The handler did not run.';
    items.push(
      message(
        'server',
        'browser',
        `${actual.status}`,
        responseHeaders(actual),
        `${decisionNote(actual) ?? ''} ${handled}`.trim(),
        outcome.browserAllowed ? 'ok' : 'bad',
      ),
    );
  } else {
    items.push(note('browser', 'The actual request was never sent.'));
  }
  items.push(...cookieNotes(outcome));
  const { browser } = outcome;
  items.push(
    browser.resolved
      ? message(
          'browser',
          'page',
          `resolved: ${browser.status}`,
          [],
          readSummary(outcome),
          outcome.browserAllowed ? 'ok' : 'bad',
        )
      : message(
          'browser',
          'page',
          `rejected: ${browser.error}`,
          [],
          'The script learns nothing more; the console says why.',
          'bad',
        ),
  );
  return h(
    'div',
    { class: 'sequence' },
    h(
      'div',
      { class: 'lanes', 'aria-hidden': 'true' },
      h('span', {}, 'page (script)'),
      h('span', {}, 'browser'),
      h('span', {}, `server ${serverOrigin}`),
    ),
    h('ol', { class: 'messages', 'aria-label': 'Messages in order' }, ...items),
  );
}

function decisionNote(record: WireRecord): string | undefined {
  if (record.parserError !== undefined) return parserNote(record);
  return record.decision ? `corsguard: ${record.decision.message}` : undefined;
}

const PARSER_CAUSES: Readonly<Record<string, string>> = {
  HPE_INVALID_METHOD: `node:http knows methods only in upper case (and only the ones it lists), so it refuses the method as sent`,
  HPE_HEADER_OVERFLOW: `the request's headers are larger than Node's limit (16 KiB)`,
};

/** What a request refused by Node's HTTP parser means for the page. */
export function parserNote(record: WireRecord): string {
  const cause = PARSER_CAUSES[record.parserError ?? ''];
  return `Node's HTTP parser refused this request (${record.parserError}) and answered ${record.status} itself, before corsguard or any route ran${cause ? `: ${cause}` : ''}. The answer carries no CORS headers, so the browser blocks it.`;
}

export function readSummary(outcome: Outcome): string {
  const { read } = outcome.browser;
  if (read.length === 0) return 'The script can read the response.';
  return read
    .map(([name, value]) => (value === null ? `headers.get('${name}') → null` : `headers.get('${name}') → '${value}'`))
    .join('; ');
}
