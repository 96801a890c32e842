// HAProxy: request rules classify the request and keep what the answer needs in txn variables;
// `http-request return` answers preflights and CSRF refusals; `http-after-response` sets the
// CORS headers on every answer (the upstream's, its error pages, HAProxy's own) and removes the
// upstream's. req.fhdr reads a whole header line (req.hdr would split it on commas), and a
// header sent on several lines, which the engine reads joined, is never an allowed value here.
import { backslashQuoted, fileHeader } from './header.ts';
import { CORS_RESPONSE_HEADERS, pcreOriginDeny, type ExportPlan } from './plan.ts';
import type { ExportFile } from './settings.ts';

const SNIPPET = 'corsguard-frontend.cfg';

export function renderHaproxy(plan: ExportPlan): ExportFile[] {
  const rules = frontendRules(plan);
  return [
    {
      name: SNIPPET,
      role: 'snippet',
      text: `${fileHeader('haproxy', SNIPPET, [
        'HAProxy cannot include a file inside a section: paste these lines into the frontend that',
        'serves the API, before its other http-request rules (so preflights are answered first) and',
        'before use_backend/default_backend. Needs tune.bufsize 32768 or more in global if clients',
        'may send long headers (HAProxy answers 400 when the request head does not fit the buffer).',
      ])}${rules}`,
    },
    { name: 'haproxy.cfg', role: 'complete', text: completeConfig(plan, rules) },
  ];
}

/** Double-quoted for HAProxy, where `$` would start an environment variable. */
const q = (text: string) => backslashQuoted(text).replace(/\$/g, '\\$');
const regexes = (sources: readonly string[]) => sources.map(q).join(' ');

function frontendRules(plan: ExportPlan): string {
  const granted = '{ var(txn.cg_kind) -m str granted }';
  const lines = [
    '# A CORS preflight is OPTIONS with Origin and Access-Control-Request-Method (https://fetch.spec.whatwg.org/#cors-preflight-request).',
    'acl cg_options method -m str OPTIONS',
    'acl cg_has_origin req.fhdr_cnt(origin) gt 0',
    'acl cg_one_origin req.fhdr_cnt(origin) eq 1',
    'http-request set-var(txn.cg_preflight) bool(true) if cg_options cg_has_origin { req.fhdr_cnt(access-control-request-method) gt 0 }',
    '# The Origin, compared byte for byte (-m reg is case-sensitive).',
  ];
  if (plan.anyOrigin) {
    lines.push('http-request set-var(txn.cg_acao) str(*)');
  } else {
    lines.push(`acl cg_origin_listed req.fhdr(origin) -m reg ${regexes(plan.originAllow)}`);
    const deny = pcreOriginDeny(plan);
    if (deny.length > 0) lines.push(`acl cg_origin_denied req.fhdr(origin) -m reg ${regexes(deny)}`);
    lines.push(
      `http-request set-var(txn.cg_acao) req.fhdr(origin) if cg_one_origin cg_origin_listed${deny.length > 0 ? ' !cg_origin_denied' : ''}`,
    );
  }
  lines.push(
    '# The requested method (case-sensitive) and every requested header (ignoring case), within the',
    "# engine's bounds; none of these regexes can backtrack on a hostile 16 kB header.",
    `acl cg_method_ok req.fhdr(access-control-request-method) -m reg ${q(plan.methodAllow)}`,
    'acl cg_one_acrm req.fhdr_cnt(access-control-request-method) eq 1',
    'acl cg_no_acrh req.fhdr_cnt(access-control-request-headers) eq 0',
    'acl cg_one_acrh req.fhdr_cnt(access-control-request-headers) eq 1',
    'acl cg_acrh_empty req.fhdr(access-control-request-headers) -m len 0',
    `acl cg_acrh_listed req.fhdr(access-control-request-headers) -m reg -i ${q(plan.headersAllow)}`,
    `acl cg_acrh_denied req.fhdr(access-control-request-headers) -m reg ${regexes(plan.headersDeny)}`,
    'acl cg_pna req.fhdr(access-control-request-private-network) -m str true',
    'acl cg_one_pna req.fhdr_cnt(access-control-request-private-network) eq 1',
    'http-request set-var(txn.cg_headers_ok) bool(true) if cg_no_acrh or cg_one_acrh cg_acrh_empty or cg_one_acrh !cg_acrh_denied cg_acrh_listed',
    `http-request set-var(txn.cg_kind) str(granted) if { var(txn.cg_preflight) -m bool } { var(txn.cg_acao) -m found } cg_one_acrm cg_method_ok { var(txn.cg_headers_ok) -m bool }${plan.privateNetwork ? '' : ' !cg_pna or { var(txn.cg_preflight) -m bool } { var(txn.cg_acao) -m found } cg_one_acrm cg_method_ok { var(txn.cg_headers_ok) -m bool } !cg_one_pna'}`,
    'http-request set-var(txn.cg_kind) str(refused) if { var(txn.cg_preflight) -m bool } !{ var(txn.cg_kind) -m found }',
    `http-request set-var(txn.cg_acrm) req.fhdr(access-control-request-method) if ${granted}`,
    `http-request set-var(txn.cg_acrh) req.fhdr(access-control-request-headers) if ${granted} !cg_no_acrh`,
  );
  if (plan.privateNetwork) lines.push(`http-request set-var(txn.cg_pna) bool(true) if ${granted} cg_pna cg_one_pna`);
  lines.push(
    `http-request return status ${plan.preflightStatus} if ${granted}`,
    'http-request return status 403 if { var(txn.cg_kind) -m str refused }',
  );
  if (plan.csrf) lines.push(...csrfRules(plan.csrf.exemptPaths));
  lines.push(...responseRules(plan, granted));
  return `${lines.join('\n')}\n`;
}

/** The CSRF guard: state-changing, cross-origin, from an origin the policy refuses, on a path not exempt. */
function csrfRules(exemptPaths: readonly string[]): string[] {
  const refused =
    '!{ var(txn.cg_preflight) -m bool } !{ var(txn.cg_acao) -m found } !cg_safe_method' +
    (exemptPaths.length > 0 ? ' !cg_exempt' : '');
  return [
    "# csrf: cross-origin by Sec-Fetch-Site, else by Origin against Host (Go's CrossOriginProtection).",
    'acl cg_safe_method method -m str GET HEAD OPTIONS',
    // `path` is the request target's path, raw, without its query (an absolute-form target's too).
    ...(exemptPaths.length > 0 ? [`acl cg_exempt path -m str ${exemptPaths.map(q).join(' ')}`] : []),
    // The engine reads an absolute-form target without a path (http://host) as the path /.
    ...(exemptPaths.includes('/') ? [`acl cg_exempt url -m reg ${q('^[A-Za-z][A-Za-z0-9+.-]*://[^/?]*$')}`] : []),
    'acl cg_has_sfs req.fhdr_cnt(sec-fetch-site) gt 0',
    'http-request set-var(txn.cg_sfs_same) bool(true) if { req.fhdr_cnt(sec-fetch-site) eq 1 } { req.fhdr(sec-fetch-site) -m str same-origin none }',
    'http-request set-var(txn.cg_host) req.fhdr(host),lower if { req.fhdr_cnt(host) eq 1 }',
    'http-request set-var(txn.cg_same_host) bool(true) if cg_one_origin { req.fhdr(origin) -m sub :// } { req.fhdr(origin),regsub(^.*?://,),strcmp(txn.cg_host) eq 0 }',
    `http-request return status 403 if ${refused} cg_has_sfs !{ var(txn.cg_sfs_same) -m bool }`,
    `http-request return status 403 if ${refused} !cg_has_sfs cg_has_origin !{ var(txn.cg_same_host) -m bool }`,
  ];
}

function responseRules(plan: ExportPlan, granted: string): string[] {
  const allowed = '{ var(txn.cg_acao) -m found } !{ var(txn.cg_kind) -m str refused }';
  const lines = [
    "# On every answer: the upstream's CORS headers removed (the front is the only voice), then ours.",
    ...CORS_RESPONSE_HEADERS.map((name) => `http-after-response del-header ${name}`),
    `http-after-response set-header Access-Control-Allow-Origin %[var(txn.cg_acao)] if ${allowed}`,
  ];
  if (plan.credentials)
    lines.push(`http-after-response set-header Access-Control-Allow-Credentials true if ${allowed}`);
  if (plan.exposeHeaders !== '') {
    lines.push(
      `http-after-response set-header Access-Control-Expose-Headers ${q(plan.exposeHeaders)} if { var(txn.cg_acao) -m found } !{ var(txn.cg_kind) -m found }`,
    );
  }
  lines.push(
    `http-after-response set-header Access-Control-Allow-Methods %[var(txn.cg_acrm)] if ${granted}`,
    `http-after-response set-header Access-Control-Allow-Headers %[var(txn.cg_acrh)] if ${granted} { var(txn.cg_acrh),length gt 0 }`,
  );
  if (plan.maxAge !== undefined)
    lines.push(`http-after-response set-header Access-Control-Max-Age ${plan.maxAge} if ${granted}`);
  if (plan.privateNetwork)
    lines.push(
      `http-after-response set-header Access-Control-Allow-Private-Network true if ${granted} { var(txn.cg_pna) -m bool }`,
    );
  lines.push(`http-after-response add-header Vary ${q(plan.preflightVary)} if { var(txn.cg_kind) -m found }`);
  if (plan.actualVary !== '') {
    lines.push(
      "# Vary: Origin, unless the upstream's Vary has it (or '*') already.",
      `http-after-response add-header Vary ${q(plan.actualVary)} if !{ var(txn.cg_kind) -m found } !{ res.hdr(vary) -m reg -i ${q('^[ \\t]*(?:origin|\\*)[ \\t]*$')} }`,
    );
  }
  return lines;
}

function completeConfig(plan: ExportPlan, rules: string): string {
  const upstream = new URL(plan.upstreamOrigin);
  const port = upstream.port || (plan.upstreamSecure ? '443' : '80');
  const indented = rules
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n');
  return [
    fileHeader('haproxy', 'haproxy.cfg', [
      `Listens on ${plan.host}:${plan.port} and proxies to ${plan.upstreamOrigin}${plan.upstreamBasePath}. Run it in the foreground:`,
      '    haproxy -f DIR/haproxy.cfg -db',
      `The frontend holds ${SNIPPET} pasted as its comment says.`,
    ]),
    'global',
    '    # A long Access-Control-Request-Headers is refused by the policy (403), not by HAProxy (400).',
    '    tune.bufsize 32768',
    '',
    'defaults',
    '    mode http',
    '    timeout connect 5s',
    '    timeout client 60s',
    `    timeout server ${plan.timeoutSeconds}s`,
    '',
    'frontend corsguard',
    `    bind ${plan.host}:${plan.port}`,
    indented.trimEnd(),
    '    default_backend corsguard_upstream',
    '',
    'backend corsguard_upstream',
    ...(plan.upstreamBasePath === '' ? [] : [`    http-request set-path ${plan.upstreamBasePath}%[path]`]),
    `    server upstream ${upstream.hostname}:${port}${plan.upstreamSecure ? ` ssl verify required ca-file @system-ca sni str(${upstream.hostname})` : ''}`,
    '',
  ].join('\n');
}
