// The result panels: this browser's outcome, the simulator's verdict (with its fix), and the
// server's explanation of each decision.
import type { Fix, FixOptions } from '../../../src/simulate/index.ts';
import { h, type Child } from './dom.ts';
import { readSummary } from './diagram.ts';
import type { Outcome } from './send.ts';

/** A verdict panel: the headline, then what explains it. */
function verdictBox(allowed: boolean, ...details: Child[]): HTMLElement {
  const verdict = allowed ? 'allowed' : 'blocked';
  return h('div', { class: `verdict ${verdict}`, 'data-verdict': verdict }, h('p', { class: 'headline' }, allowed ? '✔ Allowed' : '✘ Blocked'), ...details);
}

export function renderBrowser(outcome: Outcome): HTMLElement {
  const { browser } = outcome;
  return verdictBox(
    outcome.browserAllowed,
    browser.resolved
      ? h('p', {}, `fetch() resolved with status ${browser.status}. ${readSummary(outcome)}`)
      : h('p', {}, `fetch() rejected: ${browser.error}`),
    browser.resolved && h('p', {}, 'Headers script can see: ', h('code', {}, browser.visible.join(', ') || '(none)')),
    browser.body !== undefined && browser.body !== '' && h('pre', { class: 'code small' }, browser.body.slice(0, 400)),
  );
}

export function renderSimulator(outcome: Outcome, applyFix: (options: FixOptions) => void): HTMLElement {
  const { verdict } = outcome;
  return verdictBox(
    verdict.allowed,
    verdict.reason !== undefined && h('p', {}, 'Reason: ', h('code', { class: 'reason' }, verdict.reason), verdict.stage ? ` (at the ${verdict.stage})` : ''),
    verdict.message !== undefined && h('p', { class: 'console' }, verdict.message),
    verdict.fix !== undefined && renderFix(verdict.fix, applyFix),
    verdict.warnings.length > 0 && h('ul', { class: 'warnings' }, ...verdict.warnings.map((warning) => h('li', {}, warning))),
    h('details', {}, h('summary', {}, 'Steps the simulator took'), h('ol', {}, ...verdict.steps.map((step) => h('li', { class: step.ok ? 'ok' : 'bad' }, `${step.ok ? '✔' : '✘'} ${step.summary}`)))),
  );
}

function renderFix(fix: Fix, applyFix: (options: FixOptions) => void): HTMLElement {
  const options = fix.options;
  return h(
    'div',
    { class: 'fix' },
    h('p', {}, h('strong', {}, fix.side === 'server' ? 'Fix (server): ' : 'Fix (calling code): '), fix.text),
    options !== undefined && h('p', {}, 'As options: ', h('code', {}, JSON.stringify(options))),
    options !== undefined &&
      (() => {
        const button = h('button', { type: 'button', id: 'apply-fix', class: 'primary' }, 'Apply the fix and send again');
        button.addEventListener('click', () => applyFix(options));
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
        record.decision && h('p', {}, h('code', { class: 'reason' }, record.decision.reason), ` ${record.decision.message}`),
        h('p', { class: 'hint' }, record.handled ? 'The route handler ran.' : 'The route handler did not run.'),
      ),
    ),
  );
}
