// The result panels: this browser's outcome, the simulator's verdict (with its fix), and the
// server's explanation of each decision.
import { h, type Child } from './dom.ts';
import { parserNote, readSummary } from './diagram.ts';
import { applicable, type FixChoice } from './fix-choice.ts';
import type { Outcome, Readability } from './send.ts';

const HEADLINES: Readonly<Record<Readability, string>> = {
  allowed: '✔ Allowed',
  // fetch() resolved and the body is readable: only a header the script asked for reads as null.
  'header-hidden': '✔ Response readable, ✘ header hidden',
  blocked: '✘ Blocked',
};

/** A verdict panel: the headline, then what explains it. */
function verdictBox(result: Readability, ...details: Child[]): HTMLElement {
  return h(
    'div',
    { class: `verdict ${result}`, 'data-verdict': result },
    h('p', { class: 'headline' }, HEADLINES[result]),
    ...details,
  );
}

export function renderBrowser(outcome: Outcome): HTMLElement {
  const { browser } = outcome;
  return verdictBox(
    outcome.browserResult,
    browser.resolved
      ? h('p', {}, `fetch() resolved with status ${browser.status}. ${readSummary(outcome)}`)
      : h('p', {}, `fetch() rejected: ${browser.error}`),
    browser.resolved && h('p', {}, 'Headers script can see: ', h('code', {}, browser.visible.join(', ') || '(none)')),
    browser.body !== undefined && browser.body !== '' && h('pre', { class: 'code small' }, browser.body.slice(0, 400)),
  );
}

export function renderSimulator(
  outcome: Outcome,
  choice: FixChoice | undefined,
  applyFix: (choice: FixChoice) => void,
): HTMLElement {
  const { verdict } = outcome;
  return verdictBox(
    outcome.simulatorResult,
    verdict.reason !== undefined &&
      h(
        'p',
        {},
        'Reason: ',
        h('code', { class: 'reason' }, verdict.reason),
        verdict.stage ? ` (at the ${verdict.stage})` : '',
      ),
    verdict.message !== undefined && h('p', { class: 'console' }, verdict.message),
    choice !== undefined && renderFix(choice, applyFix),
    verdict.warnings.length > 0 &&
      h('ul', { class: 'warnings' }, ...verdict.warnings.map((warning) => h('li', {}, warning))),
    h(
      'details',
      {},
      h('summary', {}, 'Steps the simulator took'),
      h(
        'ol',
        {},
        ...verdict.steps.map((step) =>
          h('li', { class: step.ok ? 'ok' : 'bad' }, `${step.ok ? '✔' : '✘'} ${step.summary}`),
        ),
      ),
    ),
  );
}

function renderFix(choice: FixChoice, applyFix: (choice: FixChoice) => void): HTMLElement {
  const label =
    choice.code === 'untrusted-page-refused'
      ? 'Nothing to fix: '
      : choice.code === 'fix-changes-nothing'
        ? 'No option to apply: '
        : choice.side === 'server'
          ? 'Fix (server): '
          : 'Fix (calling code): ';
  return h(
    'div',
    { class: 'fix', 'data-fix': choice.code },
    h('p', {}, h('strong', {}, label), choice.text),
    choice.request !== undefined &&
      h(
        'p',
        {},
        'In the fetch call: ',
        h(
          'code',
          {},
          Object.entries(choice.request)
            .map(([name, value]) => `${name}: '${String(value)}'`)
            .join(', '),
        ),
      ),
    choice.changes !== undefined && h('p', {}, 'As options: ', h('code', {}, JSON.stringify(choice.changes))),
    applicable(choice) &&
      (() => {
        const button = h(
          'button',
          { type: 'button', id: 'apply-fix', class: 'primary' },
          'Apply the fix and send again',
        );
        button.addEventListener('click', () => applyFix(choice));
        return button;
      })(),
  );
}

export function renderServer(outcome: Outcome): HTMLElement {
  if (outcome.wire.length === 0) return h('p', {}, 'Nothing reached the server.');
  return h(
    'ol',
    { class: 'decisions' },
    ...outcome.wire.map((record) =>
      h(
        'li',
        { class: record.decision?.allowed === false ? 'bad' : 'ok' },
        h('strong', {}, `${record.decision?.kind ?? 'request'} ${record.method} ${record.target} → ${record.status}`),
        record.decision &&
          h('p', {}, h('code', { class: 'reason' }, record.decision.reason), ` ${record.decision.message}`),
        record.parserError !== undefined &&
          h(
            'p',
            { 'data-parser-error': record.parserError },
            h('code', { class: 'reason' }, record.parserError),
            ` ${parserNote(record)}`,
          ),
        h('p', { class: 'hint' }, record.handled ? 'The route handler ran.' : 'The route handler did not run.'),
      ),
    ),
  );
}
