// The playground page: wires the policy editor, the request composer, Send, the presets, code out
// and the shareable URL together.
import { DOCS_BASE_URL } from '../../../src/core/docs-url.ts';
import type { ConfigIssue } from '../../../src/core/errors.ts';
import type { PageError, PlaygroundConfig, PolicyJson } from '../wire.ts';
import { CODE_TARGETS, codeFor, type CodeTarget } from './code-out.ts';
import { pathWithCookie, showCookieControls } from './cookie-controls.ts';
import { renderDiagram } from './diagram.ts';
import { byId, field, h } from './dom.ts';
import { chooseFix, type FixChoice } from './fix-choice.ts';
import {
  BOOLEAN_OPTIONS,
  fieldsFromPolicy,
  optionOf,
  policyFromFields,
  validatePolicy,
  type PolicyFields,
} from './policy-form.ts';
import { PRESETS } from './presets.ts';
import { renderBrowser, renderServer, renderSimulator } from './results.ts';
import { originOf, prepare, send, type Readability } from './send.ts';
import { stateFromHash, stateToHash } from './share.ts';
import type { ComposedRequest, PlaygroundState } from './state.ts';

const config = JSON.parse(byId('config').textContent ?? '{}') as PlaygroundConfig;
let state: PlaygroundState;
/** The policy the API runs, as JSON text. */
let applied = '';
let sends = 0;
/** A shared link's policy waits for the person to say whether the API should run it. */
let sharedPending = false;

const TEXT_FIELDS = [
  'origins',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'maxAge',
  'optionsSuccessStatus',
  'csrfExemptPaths',
] as const;
const ISSUE_SLOTS = [
  'origin',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'maxAge',
  'optionsSuccessStatus',
  'credentials',
  'csrf',
  'debug',
  'dangerouslyAllowNullOrigin',
];
const LIVE: Readonly<Record<Readability, string>> = {
  allowed: 'Allowed',
  'header-hidden': 'Response readable, a header hidden',
  blocked: 'Blocked',
};
const REQUEST_FIELDS = ['target', 'path', 'method', 'headers', 'credentials', 'body', 'readHeaders'] as const;

// ---- policy editor ---------------------------------------------------------------------------

function readFields(): PolicyFields {
  const fields = { originMode: field('p-originMode-any').checked ? 'any' : 'list' } as PolicyFields;
  for (const name of TEXT_FIELDS) fields[name] = field(`p-${name}`).value;
  fields.csrf = field('p-csrf').checked;
  for (const name of BOOLEAN_OPTIONS) fields[name] = field(`p-${name}`).checked;
  return fields;
}

function writeFields(policy: PolicyJson): void {
  const fields = fieldsFromPolicy(policy);
  field(`p-originMode-${fields.originMode}`).checked = true;
  for (const name of TEXT_FIELDS) field(`p-${name}`).value = fields[name];
  field('p-csrf').checked = fields.csrf;
  for (const name of BOOLEAN_OPTIONS) field(`p-${name}`).checked = fields[name];
  field('p-origins').disabled = fields.originMode === 'any';
}

function writeJson(policy: PolicyJson): void {
  byId<HTMLTextAreaElement>('p-json').value = JSON.stringify(policy, null, 2);
}

/** Shows each issue next to its field (the JSON view lists them all) and returns them. */
function showIssues(issues: readonly ConfigIssue[], jsonError?: string): readonly ConfigIssue[] {
  for (const slot of [...ISSUE_SLOTS, 'json']) byId(`issues-${slot}`).replaceChildren();
  const render = (issue: ConfigIssue) =>
    h('p', { class: 'issue', 'data-code': issue.code }, h('code', {}, issue.path || '(options)'), ' ', issue.message);
  for (const issue of issues) {
    const slot = ISSUE_SLOTS.includes(optionOf(issue)) ? optionOf(issue) : undefined;
    if (slot) byId(`issues-${slot}`).append(render(issue));
    byId('issues-json').append(render(issue));
  }
  if (jsonError) byId('issues-json').append(h('p', { class: 'issue', 'data-code': 'json-syntax' }, jsonError));
  const applyButton = byId<HTMLButtonElement>('apply');
  applyButton.disabled = sharedPending || issues.length > 0 || jsonError !== undefined;
  updatePolicyStatus(issues.length + (jsonError ? 1 : 0));
  return issues;
}

function updatePolicyStatus(problems = validatePolicy(state.policy).length): void {
  const status = byId('policy-status');
  if (problems > 0)
    status.textContent = `${problems} problem${problems > 1 ? 's' : ''}: fix ${problems > 1 ? 'them' : 'it'} to apply (the API keeps its current policy).`;
  else
    status.textContent =
      JSON.stringify(state.policy) === applied
        ? 'The API runs this policy.'
        : 'Edited: Apply (or Send) to run it on the API.';
  byId('policy').dataset.applied = String(problems === 0 && JSON.stringify(state.policy) === applied);
}

function policyEdited(policy: PolicyJson): void {
  state = { ...state, policy };
  showIssues(validatePolicy(policy));
  changed();
}

async function applyPolicy(): Promise<boolean> {
  if (sharedPending) return false;
  const issues = showIssues(validatePolicy(state.policy));
  if (issues.length > 0) return false;
  const response = await fetch('/policy', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(state.policy),
  });
  if (!response.ok) {
    // 400 with the CorsConfigError issues, or a refusal of the request itself ({ code, error }).
    const refusal = (await response.json()) as { issues?: ConfigIssue[] } & Partial<PageError>;
    showIssues(refusal.issues ?? [], refusal.issues ? undefined : `${refusal.code}: ${refusal.error}`);
    return false;
  }
  applied = JSON.stringify(state.policy);
  updatePolicyStatus(0);
  return true;
}

// ---- request composer ------------------------------------------------------------------------

function readRequest(): ComposedRequest {
  const value = (name: string) => byId<HTMLInputElement>(`r-${name}`).value;
  return {
    target: value('target') === 'site' ? 'site' : 'api',
    path: value('path'),
    method: value('method'),
    headers: value('headers'),
    credentials: value('credentials') as ComposedRequest['credentials'],
    body: value('body') as ComposedRequest['body'],
    readHeaders: value('readHeaders'),
  };
}

function writeRequest(request: ComposedRequest): void {
  for (const name of REQUEST_FIELDS) byId<HTMLInputElement>(`r-${name}`).value = String(request[name]);
  showCookieControls(request.path);
}

function showFetchCall(): void {
  const prepared = prepare(config, state.request);
  byId('request-problem').textContent = 'error' in prepared ? prepared.error : '';
  if ('error' in prepared) return;
  const init = prepared.init;
  const lines = [
    `method: '${init.method}'`,
    prepared.headers.length > 0 &&
      `headers: { ${prepared.headers.map(([name, value]) => `'${name}': '${value}'`).join(', ')} }`,
    `credentials: '${init.credentials}'`,
    init.body !== undefined && `body: '${String(init.body)}'`,
  ].filter(Boolean);
  byId('fetch-call').textContent = `await fetch('${prepared.url}', {\n  ${lines.join(',\n  ')},\n});`;
}

// ---- send and results ------------------------------------------------------------------------

async function sendRequest(): Promise<void> {
  if (sharedPending) {
    byId('request-problem').textContent = "First say whether the API should run the link's policy.";
    return;
  }
  const prepared = prepare(config, state.request);
  if ('error' in prepared) {
    byId('request-problem').textContent = prepared.error;
    return;
  }
  const results = byId('results');
  const sendButton = byId<HTMLButtonElement>('send');
  sendButton.disabled = true;
  results.setAttribute('aria-busy', 'true');
  try {
    if (JSON.stringify(state.policy) !== applied) await applyPolicy();
    const outcome = await send(config, state.request, prepared);
    sends += 1;
    byId('panels').hidden = false;
    byId('results-empty').hidden = true;
    byId('diagram').replaceChildren(renderDiagram(outcome, originOf(config, state.request)));
    byId('browser-result').replaceChildren(renderBrowser(outcome));
    const preset = PRESETS.find((candidate) => candidate.id === state.preset);
    const choice = chooseFix(outcome.verdict, {
      policy: state.policy,
      request: state.request,
      untrustedPage: preset?.untrustedPage === true,
    });
    byId('sim-result').replaceChildren(renderSimulator(outcome, choice, (fix) => void applyFix(fix)));
    byId('server-result').replaceChildren(renderServer(outcome));
    const badge = byId('agreement');
    badge.hidden = false;
    badge.className = `badge ${outcome.agree ? 'ok' : 'bad'}`;
    badge.textContent = outcome.agree ? 'simulator and browser agree' : '⚠ SIMULATOR AND BROWSER DISAGREE';
    const preflight = outcome.preflightOnWire ? 'wire' : outcome.verdict.preflight?.cached ? 'cache' : 'none';
    Object.assign(results.dataset, {
      sends: String(sends),
      browser: outcome.browserResult,
      simulator: outcome.simulatorResult,
      fix: choice?.code ?? 'none',
      agree: String(outcome.agree),
      preflight,
    });
    byId('result-live').textContent =
      `${LIVE[outcome.browserResult]} by this browser; the simulator ${outcome.agree ? 'agrees' : 'disagrees'}.${outcome.verdict.reason ? ` Reason: ${outcome.verdict.reason}.` : ''}`;
  } finally {
    sendButton.disabled = false;
    results.removeAttribute('aria-busy');
  }
}

async function applyFix(choice: FixChoice): Promise<void> {
  if (choice.request) {
    state = { ...state, request: { ...state.request, ...choice.request } };
    writeRequest(state.request);
    showFetchCall();
  }
  if (choice.policy) {
    writeFields(choice.policy);
    writeJson(choice.policy);
    policyEdited(choice.policy);
  } else changed();
  if (await applyPolicy()) await sendRequest();
  byId('send').focus();
}

// ---- presets, code out, sharing --------------------------------------------------------------

/** A preset's guide on the documentation site. */
const docsUrlOf = (guide: string): string => DOCS_BASE_URL + guide;

/**
 * Shows `next` in the editor and the composer. A preset's policy is applied at once; a shared link's
 * (`ask`) only once the person agrees: a link is anyone's, and the API's policy is the developer's.
 */
async function loadState(next: PlaygroundState, { ask = false } = {}): Promise<void> {
  setSharedPending(false);
  state = next;
  writeFields(state.policy);
  writeJson(state.policy);
  writeRequest(state.request);
  showFetchCall();
  const preset = PRESETS.find((candidate) => candidate.id === state.preset);
  byId('lesson').replaceChildren(
    ...(preset
      ? [
          `${preset.title}: ${preset.lesson} `,
          h('a', { href: docsUrlOf(preset.guide), target: '_blank', rel: 'noopener' }, 'Read the guide'),
        ]
      : []),
  );
  for (const button of document.querySelectorAll<HTMLButtonElement>('#preset-list button')) {
    button.setAttribute('aria-pressed', String(button.dataset.preset === state.preset));
  }
  byId('panels').hidden = true;
  byId('results-empty').hidden = false;
  byId('agreement').hidden = true;
  delete byId('results').dataset.sends;
  changed();
  if (!ask) {
    await applyPolicy();
    return;
  }
  applied = JSON.stringify(await runningPolicy());
  setSharedPending(true);
  showIssues(validatePolicy(state.policy));
}

async function runningPolicy(): Promise<PolicyJson> {
  return (await fetch('/policy')).json() as Promise<PolicyJson>;
}

function setSharedPending(pending: boolean): void {
  sharedPending = pending;
  byId('shared-question').hidden = !pending;
  byId<HTMLButtonElement>('send').disabled = pending;
  byId<HTMLButtonElement>('apply').disabled = pending || validatePolicy(state?.policy ?? {}).length > 0;
  if (!pending) byId('request-problem').textContent = '';
}

async function answerShared(apply: boolean): Promise<void> {
  if (!apply) {
    const policy = await runningPolicy();
    state = { ...state, policy };
    writeFields(policy);
    writeJson(policy);
  }
  setSharedPending(false);
  showIssues(validatePolicy(state.policy));
  changed();
  await applyPolicy();
  byId('send').focus();
}

function changed(): void {
  history.replaceState(null, '', stateToHash(state));
  renderCode();
  updatePolicyStatus();
}

function renderCode(): void {
  const target = byId<HTMLSelectElement>('code-target').value as CodeTarget;
  byId('code-out').textContent = codeFor(target, state.policy);
}

async function copy(text: string, status: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    status.textContent = 'Copy blocked by the browser: select the text instead.';
  }
}

function presetState(id: string): PlaygroundState {
  const preset = PRESETS.find((candidate) => candidate.id === id) ?? PRESETS[0]!;
  return { policy: preset.policy(config), request: preset.request, preset: preset.id };
}

function start(): void {
  // The server redirects GET / to the canonical origin; this covers a page reached any other way.
  if (location.origin !== config.pageOrigin) {
    location.replace(`${config.pageOrigin}${location.pathname}${location.search}${location.hash}`);
    return;
  }
  byId('origin-page').textContent = config.pageOrigin;
  byId('origin-api').textContent = config.apiOrigin;
  byId('origin-site').textContent = config.siteOrigin;
  byId('preset-list').append(
    ...PRESETS.map((preset) => {
      const button = h('button', { type: 'button', 'data-preset': preset.id, 'aria-pressed': 'false' }, preset.title);
      button.addEventListener('click', () => void loadState(presetState(preset.id)));
      return h('li', {}, button);
    }),
  );
  byId('code-target').append(...CODE_TARGETS.map((target) => h('option', { value: target.id }, target.label)));

  const policyForm = byId<HTMLFormElement>('policy-form');
  policyForm.addEventListener('input', (event) => {
    if ((event.target as HTMLElement).id === 'p-json') return;
    const fields = readFields();
    field('p-origins').disabled = fields.originMode === 'any';
    const policy = policyFromFields(fields, state.policy);
    writeJson(policy);
    policyEdited(policy);
  });
  byId('p-json').addEventListener('input', () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(byId<HTMLTextAreaElement>('p-json').value);
    } catch (error) {
      showIssues([], `JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      showIssues(validatePolicy(parsed));
      return;
    }
    writeFields(parsed as PolicyJson);
    policyEdited(parsed as PolicyJson);
  });
  policyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void applyPolicy();
  });

  const requestForm = byId<HTMLFormElement>('request-form');
  requestForm.addEventListener('input', (event) => {
    const path = field('r-path');
    if (byId('cookie-controls').contains(event.target as Node)) path.value = pathWithCookie(path.value);
    else showCookieControls(path.value);
    state = { ...state, request: readRequest() };
    showFetchCall();
    changed();
  });
  requestForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendRequest();
  });
  byId('share').addEventListener('click', () => void copy(location.href, byId('request-problem')));
  byId('code-target').addEventListener('change', renderCode);
  byId('copy-code').addEventListener('click', () => void copy(byId('code-out').textContent ?? '', byId('code-status')));

  const shared = stateFromHash(location.hash);
  const initial = shared
    ? { ...shared, request: { ...presetState('simple-get').request, ...shared.request } }
    : presetState('simple-get');
  byId('shared-apply').addEventListener('click', () => void answerShared(true));
  byId('shared-keep').addEventListener('click', () => void answerShared(false));
  void loadState(initial, { ask: shared !== undefined }).then(() => {
    document.body.dataset.ready = 'true';
  });
}

start();
