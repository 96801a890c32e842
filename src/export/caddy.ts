// Caddy 2.6: named matchers with CEL expressions decide (placeholders read a header sent on several
// lines joined, as the engine does; matches() is Go's RE2, case-sensitive unless (?i)). A route for
// preflights answers them at once (one expression decides); the route of every other request sets
// deferred header blocks (applied when the response is written, the upstream's error pages too),
// the upstream's CORS headers removed first, then the CSRF answer. Caddyfile backtick tokens
// cannot hold a backtick: the regexes spell it \x60.
import { fileHeader, indentLines } from './header.ts';
import { CORS_RESPONSE_HEADERS, type ExportPlan } from './plan.ts';
import type { ExportFile } from './settings.ts';

const SNIPPET = 'corsguard.caddy';

export function renderCaddy(plan: ExportPlan): ExportFile[] {
  return [
    { name: SNIPPET, role: 'snippet', text: snippet(plan) },
    { name: 'Caddyfile', role: 'complete', text: completeConfig(plan) },
  ];
}

const header = (name: string) => `{http.request.header.${name}}`;
const O = header('Origin');
const M = header('Access-Control-Request-Method');
const H = header('Access-Control-Request-Headers');
const P = header('Access-Control-Request-Private-Network');
const S = header('Sec-Fetch-Site');
const re = (source: string) => `r"${source.replace(/`/g, '\\x60')}"`;
const any = (subject: string, sources: readonly string[]) =>
  `(${sources.map((s) => `${subject}.matches(${re(s)})`).join(' || ')})`;
const none = (subject: string, sources: readonly string[]) =>
  sources.map((s) => ` && !${subject}.matches(${re(s)})`).join('');

function conditions(plan: ExportPlan) {
  const originOk = `(${any(O, plan.originAllow)}${none(O, plan.originDeny)}${plan.originMaxLength === undefined ? '' : ` && size(${O}) <= ${plan.originMaxLength}`})`;
  // The deny regexes first: they match a hostile list within its first names, and && stops there.
  const headersOk = `(${H} == "" || ${plan.headersDeny.map((s) => `!${H}.matches(${re(s)})`).join(' && ')} && ${H}.matches(${re(`(?i)${plan.headersAllow}`)}))`;
  const pnaOk = plan.privateNetwork ? '' : ` && ${P} != "true"`;
  // Read inside the preflight route: OPTIONS with both headers present (empty ones are refused).
  const granted = `${O} != "" && ${M} != ""${plan.anyOrigin ? '' : ` && ${originOk}`} && ${M}.matches(${re(plan.methodAllow)}) && ${headersOk}${pnaOk}`;
  return { originOk, granted };
}

function snippet(plan: ExportPlan): string {
  return [
    fileHeader('caddy', SNIPPET, USAGE),
    '(corsguard) {',
    ...indent(matchers(plan), 1),
    '\troute @cg_is_preflight {',
    ...indent(preflightRoute(plan), 2),
    '\t}',
    '\troute {',
    ...indent(actualRoute(plan), 2),
    '\t}',
    '}',
    '',
  ].join('\n');
}

const USAGE = [
  'Import it at the top of your Caddyfile, then `import corsguard` in the site block that serves',
  'the API, next to reverse_proxy or file_server:',
  '    import /etc/caddy/corsguard.caddy',
  '    api.example.com {',
  '        import corsguard',
  '        reverse_proxy 127.0.0.1:3000',
  '    }',
];

/** Each line of each entry prefixed with `depth` tabs. */
const indent = (entries: readonly string[], depth: number): string[] => indentLines(entries, '\t'.repeat(depth));

function matchers(plan: ExportPlan): string[] {
  const { originOk, granted } = conditions(plan);
  return [
    // Native matchers where they read as the engine does (method is case-sensitive; header NAME *
    // is any value, empty too): a CEL expression costs more per request.
    '@cg_is_preflight {\n\tmethod OPTIONS\n\theader Origin *\n\theader Access-Control-Request-Method *\n}',
    `@cg_grant expression \`${granted}\``,
    // cg_pf: refused, granted, or granted with Access-Control-Allow-Headers (some were requested).
    '@cg_granted vars cg_pf granted granted_acah',
    '@cg_pf_granted vars cg_pf granted',
    '@cg_pf_acah vars cg_pf granted_acah',
    '@cg_pf_refused vars cg_pf refused',
    `@cg_acah expression \`{http.vars.cg_pf} == "granted" && ${H} != ""\``,
    ...(plan.privateNetwork ? [`@cg_acapn expression \`{http.vars.cg_pf} != "refused" && ${P} == "true"\``] : []),
    ...(plan.anyOrigin ? [] : [`@cg_origin_ok expression \`${originOk}\``]),
    '@cg_origin_yes vars cg_origin yes',
    ...(plan.csrf
      ? ['@cg_has_origin header Origin *', `@cg_csrf expression \`${csrfCondition(plan.csrf.exemptPath)}\``]
      : []),
  ];
}

/** The fields of every allowed response, preflight or actual. */
function allowedFields(plan: ExportPlan): string[] {
  return [
    `Access-Control-Allow-Origin "${plan.anyOrigin ? '*' : O}"`,
    ...(plan.credentials ? ['Access-Control-Allow-Credentials "true"'] : []),
  ];
}

/** The fields of a granted preflight, Access-Control-Allow-Headers aside. */
function grantedFields(plan: ExportPlan): string[] {
  return [
    ...allowedFields(plan),
    `Access-Control-Allow-Methods "${M}"`,
    ...(plan.maxAge === undefined ? [] : [`Access-Control-Max-Age "${plan.maxAge}"`]),
  ];
}

// Preflights are answered here and never reach the upstream: one expression decides, and an
// actual request skips all of it. Caddy defers a header block that removes fields, so each answer
// is one deferred block setting ours and removing the other CORS fields (the site's own lines:
// the front is the only voice), Access-Control-Allow-Private-Network's written first, applied last.
function preflightRoute(plan: ExportPlan): string[] {
  const granted = grantedFields(plan);
  return [
    'vars cg_pf refused',
    'vars @cg_grant cg_pf granted',
    'vars @cg_acah cg_pf granted_acah',
    ...(plan.privateNetwork ? [block('@cg_acapn', ['Access-Control-Allow-Private-Network "true"'])] : []),
    preflightAnswer('@cg_pf_granted', granted),
    preflightAnswer('@cg_pf_acah', [...granted, `Access-Control-Allow-Headers "${H}"`]),
    preflightAnswer('@cg_pf_refused', []),
    `header Vary "${plan.preflightVary}"`,
    `respond @cg_granted ${plan.preflightStatus}`,
    'respond 403',
  ];
}

/** One deferred block: the given fields set, every other CORS response header removed. */
function preflightAnswer(matcher: string, fields: readonly string[]): string {
  const set = new Set(fields.map((field) => field.slice(0, field.indexOf(' '))));
  return block(matcher, [...fields, ...removals(CORS_RESPONSE_HEADERS.filter((name) => !set.has(name)))]);
}

const removals = (names: readonly string[]) => names.map((name) => `-${name}`);

function actualRoute(plan: ExportPlan): string[] {
  return [
    ...(plan.anyOrigin ? ['vars cg_origin yes'] : ['vars cg_origin no', 'vars @cg_origin_ok cg_origin yes']),
    ...(plan.csrf ? ['vars cg_has_origin no', 'vars @cg_has_origin cg_has_origin yes'] : []),
    '# Deferred: applied when the response is written, in the reverse of the order written here, so',
    "# the upstream's CORS headers (last block) are removed before ours are set.",
    block('@cg_origin_yes', [
      ...allowedFields(plan),
      ...(plan.exposeHeaders === '' ? [] : [`Access-Control-Expose-Headers "${plan.exposeHeaders}"`]),
    ]),
    ...(plan.actualVary === '' ? [] : varyBlocks(plan.actualVary)),
    block('', removals(CORS_RESPONSE_HEADERS)),
    ...(plan.csrf ? ['respond @cg_csrf 403'] : []),
  ];
}

function block(matcher: string, fields: readonly string[]): string {
  return [
    `header ${matcher === '' ? '' : `${matcher} `}{`,
    '\tdefer',
    ...fields.map((field) => `\t${field}`),
    '}',
  ].join('\n');
}

/**
 * Vary: Origin merged with the upstream's. Replacements work line by line, so the upstream's Vary
 * lines are first set as one (the placeholder joins them); ", Origin" is appended, taken back off
 * a list that already names origin or '*', and a Vary left empty (none upstream) becomes Origin.
 */
function varyBlocks(vary: string): string[] {
  return [
    block('', [
      'Vary "{http.response.header.Vary}"',
      `Vary "^(.+)$" "$1, ${vary}"`,
      `Vary "(?i)^(.*(?:^|,)[ \\t]*(?:origin|\\*)[ \\t]*(?:,.*)?), ${vary}$" "$1"`,
      `Vary "^$" "${vary}"`,
    ]),
  ];
}

/** The CSRF guard: state-changing, cross-origin, from an origin the policy refuses, on a path not exempt. */
function csrfCondition(exemptPath: string | undefined): string {
  const stateChanging = '!({http.request.method} in ["GET", "HEAD", "OPTIONS"])';
  // Origin + "://" always holds the separator, so substring() never fails, even on an empty Origin
  // (CEL evaluates both sides of &&); the padding is compared on both sides.
  const padded = `(${O} + "://")`;
  const sameHost = `(${O}.indexOf("://") >= 0 && ${padded}.substring(${padded}.indexOf("://") + 3) == {http.request.hostport}.lowerAscii() + "://")`;
  const cross = `((${S} != "" && !(${S} in ["same-origin", "none"])) || (${S} == "" && {http.vars.cg_has_origin} == "yes" && !${sameHost}))`;
  const exempt = exemptPath === undefined ? '' : ` && !{http.request.orig_uri}.matches(${re(exemptPath)})`;
  // Read in the route of actual requests: preflights are answered before it.
  return `{http.vars.cg_origin} != "yes" && ${stateChanging} && ${cross}${exempt}`;
}

function completeConfig(plan: ExportPlan): string {
  const upstream = `${plan.upstreamOrigin}`;
  return [
    fileHeader('caddy', 'Caddyfile', [
      `Listens on ${plan.host}:${plan.port} and proxies to ${plan.upstreamOrigin}${plan.upstreamBasePath}. Run it in the foreground`,
      '(Caddy keeps its state under $HOME or $XDG_DATA_HOME: point them into DIR to write only there):',
      '    caddy run --config DIR/Caddyfile --adapter caddyfile',
    ]),
    '{',
    '\tadmin off',
    '\tauto_https off',
    '}',
    '',
    `import ${SNIPPET}`,
    '',
    '# Every Host: the site is the API whatever name clients use for it.',
    `http://:${plan.port} {`,
    `\tbind ${plan.host.replace(/^\[|\]$/g, '')}`,
    '\timport corsguard',
    ...(plan.upstreamBasePath === '' ? [] : [`\trewrite * ${plan.upstreamBasePath}{uri}`]),
    `\treverse_proxy ${upstream} {`,
    ...(plan.upstreamSecure ? ['\t\theader_up Host {upstream_hostport}'] : []),
    `\t\ttransport http {`,
    `\t\t\tresponse_header_timeout ${plan.timeoutSeconds}s`,
    '\t\t}',
    '\t}',
    '}',
    '',
  ].join('\n');
}
