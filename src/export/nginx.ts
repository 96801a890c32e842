// nginx: maps in the http block decide (lazily, only when a header needs them), one snippet per
// location answers. Every regex is `~` (case-sensitive) except the header list's `~*`: nginx
// compares plain map strings ignoring case, and origins and methods are compared byte for byte.
import { backslashQuoted as q, fileHeader, indentLines } from './header.ts';
import { CORS_RESPONSE_HEADERS, pcreOriginDeny, type ExportPlan } from './plan.ts';
import type { ExportFile } from './settings.ts';

const HTTP_FILE = 'corsguard-http.conf';
const LOCATION_FILE = 'corsguard-location.conf';

export function renderNginx(plan: ExportPlan): ExportFile[] {
  return [
    { name: HTTP_FILE, role: 'snippet', text: httpSnippet(plan) },
    { name: LOCATION_FILE, role: 'snippet', text: locationSnippet(plan) },
    { name: 'nginx.conf', role: 'complete', text: completeConfig(plan) },
  ];
}

type MapEntry = readonly [string, string];

function map(source: string, variable: string, entries: readonly MapEntry[], fallback: string): string {
  const lines = entries.map(([key, value]) => `    ${key} ${value};`);
  return [`map ${source} $${variable} {`, `    default ${fallback};`, ...lines, '}'].join('\n');
}

const regex = (source: string) => q(`~${source}`);
const caseless = (source: string) => q(`~*${source}`);
const when = <T>(condition: boolean, ...items: T[]): T[] => (condition ? items : []);

const HTTP_FILE_NOTES = [
  'Include it once inside http { }:   include /etc/nginx/corsguard/corsguard-http.conf;',
  `Then include ${LOCATION_FILE} in every location that serves the API.`,
  'Maps cost nothing until a header uses them. Raise large_client_header_buffers to 4 32k if',
  'clients may send long headers (nginx answers 400 above 8 kB per line).',
];

function httpSnippet(plan: ExportPlan): string {
  const maps = [
    ...originMaps(plan),
    ...preflightDetectionMaps(),
    ...preflightCheckMaps(plan),
    ...responseHeaderMaps(plan),
    ...(plan.csrf ? csrfMaps(plan.csrf.exemptPaths, plan.csrf.exemptPath) : []),
  ];
  return [fileHeader('nginx', HTTP_FILE, HTTP_FILE_NOTES), joinMaps(maps), ''].join('\n');
}

/** Blank lines between maps; a comment line stays with the map below it. */
function joinMaps(maps: readonly string[]): string {
  return maps.join('\n\n').replace(/^(#.*)\n\n/gm, '$1\n');
}

function originMaps(plan: ExportPlan): string[] {
  const origin = plan.anyOrigin
    ? map('$http_origin', 'corsguard_allowed_origin', [], '"*"')
    : map('$http_origin', 'corsguard_allowed_origin', originEntries(plan), '""');
  return [
    '# The Origin when the policy allows it ("*" for a public API), else empty.',
    origin,
    map('$corsguard_allowed_origin', 'corsguard_origin_ok', [['""', '""']], '1'),
  ];
}

/** Refusals first: the first matching regex wins. */
function originEntries(plan: ExportPlan): MapEntry[] {
  return [
    ...pcreOriginDeny(plan).map((r) => [regex(r), '""'] as const),
    ...plan.originAllow.map((r) => [regex(r), '$http_origin'] as const),
  ];
}

function preflightDetectionMaps(): string[] {
  return [
    '# A CORS preflight is OPTIONS with Origin and Access-Control-Request-Method; any other OPTIONS',
    '# goes to the upstream (https://fetch.spec.whatwg.org/#cors-preflight-request).',
    map('$request_method', 'corsguard_options', [[regex('^OPTIONS$'), '1']], '""'),
    map('$http_origin', 'corsguard_has_origin', [['""', '""']], '1'),
    map('$http_access_control_request_method', 'corsguard_has_acrm', [['""', '""']], '1'),
    map(
      '"$corsguard_options:$corsguard_has_origin:$corsguard_has_acrm"',
      'corsguard_is_preflight',
      [['"1:1:1"', '1']],
      '""',
    ),
  ];
}

/** Each requested feature checked on its own, then combined into granted / refused / not a preflight. */
function preflightCheckMaps(plan: ExportPlan): string[] {
  return [
    map('$http_access_control_request_method', 'corsguard_method_ok', [[regex(plan.methodAllow), '1']], '""'),
    '# Every requested header allowed; lists longer than the engine scans, or with too many empty',
    '# elements, refused first. No regex here can backtrack on a hostile 16 kB header.',
    map('$http_access_control_request_headers', 'corsguard_headers_ok', requestHeadersEntries(plan), '""'),
    map(
      '$http_access_control_request_private_network',
      'corsguard_pna_ok',
      [[regex('^true$'), plan.privateNetwork ? '1' : '""']],
      '1',
    ),
    map(
      '"$corsguard_is_preflight:$corsguard_origin_ok:$corsguard_method_ok:$corsguard_headers_ok:$corsguard_pna_ok"',
      'corsguard_preflight',
      [
        ['"1:1:1:1:1"', 'granted'],
        [regex('^1:'), 'refused'],
      ],
      '""',
    ),
  ];
}

function requestHeadersEntries(plan: ExportPlan): MapEntry[] {
  return [['""', '1'], ...plan.headersDeny.map((r) => [regex(r), '""'] as const), [caseless(plan.headersAllow), '1']];
}

function responseHeaderMaps(plan: ExportPlan): string[] {
  return [
    '# The response headers: each empty (so not sent) unless it applies.',
    ...responseHeaders(plan).flatMap((header) => header.maps),
  ];
}

interface ResponseHeader {
  name: string;
  /** The map variable that holds the value; empty means the header is not sent. */
  variable: string;
  /** The maps that compute it, with their comments. */
  maps: string[];
}

/** The headers the policy can send, in the order both snippets list them. */
function responseHeaders(plan: ExportPlan): ResponseHeader[] {
  return [
    ...allowedOriginHeaders(plan),
    ...grantedPreflightHeaders(plan),
    { name: 'Vary', variable: 'corsguard_vary', maps: varyMaps(plan) },
  ];
}

/** Sent whenever the origin is allowed, except on a refused preflight. */
function allowedOriginHeaders(plan: ExportPlan): ResponseHeader[] {
  return [
    header(
      'Access-Control-Allow-Origin',
      'corsguard_acao',
      '$corsguard_preflight',
      [['refused', '""']],
      '$corsguard_allowed_origin',
    ),
    ...when(
      plan.credentials,
      header('Access-Control-Allow-Credentials', 'corsguard_acac', '$corsguard_acao', [['""', '""']], 'true'),
    ),
    ...when(
      plan.exposeHeaders !== '',
      header(
        'Access-Control-Expose-Headers',
        'corsguard_aceh',
        '"$corsguard_preflight:$corsguard_acao"',
        [[regex('^:.'), q(plan.exposeHeaders)]],
        '""',
      ),
    ),
  ];
}

/** Sent only on a granted preflight. */
function grantedPreflightHeaders(plan: ExportPlan): ResponseHeader[] {
  const preflight = '$corsguard_preflight';
  return [
    header(
      'Access-Control-Allow-Methods',
      'corsguard_acam',
      preflight,
      [['granted', '$http_access_control_request_method']],
      '""',
    ),
    header(
      'Access-Control-Allow-Headers',
      'corsguard_acah',
      preflight,
      [['granted', '$http_access_control_request_headers']],
      '""',
    ),
    ...(plan.maxAge === undefined
      ? []
      : [header('Access-Control-Max-Age', 'corsguard_acma', preflight, [['granted', q(plan.maxAge)]], '""')]),
    ...when(
      plan.privateNetwork,
      header(
        'Access-Control-Allow-Private-Network',
        'corsguard_acapn',
        '"$corsguard_preflight:$http_access_control_request_private_network"',
        [[regex('^granted:true$'), 'true']],
        '""',
      ),
    ),
  ];
}

/** A header whose value one map computes. */
function header(
  name: string,
  variable: string,
  source: string,
  entries: readonly MapEntry[],
  fallback: string,
): ResponseHeader {
  return { name, variable, maps: [map(source, variable, entries, fallback)] };
}

function varyMaps(plan: ExportPlan): string[] {
  return [
    "# Vary: the preflight's names, or Origin unless the upstream's Vary has it (or '*') already.",
    map(
      '$upstream_http_vary',
      'corsguard_upstream_varies',
      [[caseless('(?:^|,)[ \\t]*(?:origin|\\*)[ \\t]*(?:,|$)'), '1']],
      '""',
    ),
    map(
      '"$corsguard_preflight:$corsguard_upstream_varies"',
      'corsguard_vary',
      [
        [regex('^(?:granted|refused):'), q(plan.preflightVary)],
        ...when(plan.actualVary !== '', [q(':'), q(plan.actualVary)] as const),
      ],
      '""',
    ),
  ];
}

/** The CSRF guard: state-changing, cross-origin, from an origin the policy refuses, on a path not exempt. */
function csrfMaps(exemptPaths: readonly string[], exemptPath: string | undefined): string[] {
  return [
    "# csrf: cross-origin by Sec-Fetch-Site, else by Origin against Host (Go's CrossOriginProtection).",
    map('$request_method', 'corsguard_state_changing', [[regex('^(?:GET|HEAD|OPTIONS)$'), '""']], '1'),
    ...crossOriginMaps(),
    map('$request_uri', 'corsguard_exempt', exemptEntries(exemptPaths, exemptPath), '""'),
    map(
      '"$corsguard_is_preflight:$corsguard_origin_ok:$corsguard_state_changing:$corsguard_cross:$corsguard_exempt"',
      'corsguard_csrf',
      [['"::1:1:"', 'reject']],
      '""',
    ),
  ];
}

function crossOriginMaps(): string[] {
  return [
    map(
      '"$http_origin\\n$http_host"',
      'corsguard_cross_by_host',
      [
        [regex('^\\n'), '""'],
        [regex('^(?>[^\\n]*?://)([^\\nA-Z]*)\\n(?i)\\1$'), '""'],
      ],
      '1',
    ),
    map(
      '$http_sec_fetch_site',
      'corsguard_cross',
      [
        [regex('^(?:same-origin|none)$'), '""'],
        ['""', '$corsguard_cross_by_host'],
      ],
      '1',
    ),
  ];
}

function exemptEntries(exemptPaths: readonly string[], exemptPath: string | undefined): MapEntry[] {
  return [
    // nginx's $request_uri of an absolute-form target without a path (http://host?q) is just ?q:
    // the engine reads that path as /.
    ...when(exemptPaths.includes('/'), [regex('^[?#]'), '1'] as const),
    ...(exemptPath === undefined ? [] : [[regex(exemptPath), '1'] as const]),
  ];
}

const LOCATION_FILE_NOTES = [
  'Include it in every location that serves the API, next to proxy_pass (or root/try_files):',
  '    location /api/ { include /etc/nginx/corsguard/corsguard-location.conf; proxy_pass …; }',
  `Needs ${HTTP_FILE} in the http block. Include it in every location: nginx drops the`,
  "enclosing level's add_header lines in a location that has any of its own.",
];

function locationSnippet(plan: ExportPlan): string {
  const lines = [
    fileHeader('nginx', LOCATION_FILE, LOCATION_FILE_NOTES),
    "# The front is the only voice: the upstream's own CORS headers are dropped.",
    ...CORS_RESPONSE_HEADERS.map((name) => `proxy_hide_header ${name};`),
    '# always: on error pages too (401, 404, 500 from the upstream), or browsers report a CORS error.',
    ...responseHeaders(plan).map(({ name, variable }) => `add_header ${name} $${variable} always;`),
    ...preflightReturns(plan),
  ];
  return `${lines.join('\n')}\n`;
}

function preflightReturns(plan: ExportPlan): string[] {
  const grantedBody = plan.preflightStatus === 204 ? '' : ' ""';
  return [
    `if ($corsguard_preflight = granted) { return ${plan.preflightStatus}${grantedBody}; }`,
    'if ($corsguard_preflight = refused) { return 403 ""; }',
    ...when(plan.csrf !== undefined, 'if ($corsguard_csrf = reject) { return 403 ""; }'),
  ];
}

/** Foreground, one worker, every path relative to the prefix directory (-p DIR). */
const MAIN_CONTEXT = [
  'daemon off;',
  'worker_processes 1;',
  'pid nginx.pid;',
  'error_log stderr warn;',
  "# Compiles the maps' regexes to machine code (nginx leaves PCRE JIT off by default).",
  'pcre_jit on;',
  'events { worker_connections 1024; }',
];

const HTTP_CONTEXT = [
  'access_log off;',
  'client_body_temp_path client_body_temp;',
  'proxy_temp_path proxy_temp;',
  'fastcgi_temp_path fastcgi_temp;',
  'uwsgi_temp_path uwsgi_temp;',
  'scgi_temp_path scgi_temp;',
  '# A long Access-Control-Request-Headers is refused by the policy (403), not by nginx (400).',
  'large_client_header_buffers 4 32k;',
  `include ${HTTP_FILE};`,
];

const indent = (depth: number, lines: readonly string[]) => indentLines(lines, '    '.repeat(depth));

function completeConfig(plan: ExportPlan): string {
  return [
    fileHeader('nginx', 'nginx.conf', completeConfigNotes(plan)),
    ...MAIN_CONTEXT,
    'http {',
    ...indent(1, HTTP_CONTEXT),
    '    server {',
    `        listen ${plan.host}:${plan.port};`,
    '        location / {',
    ...indent(3, [`include ${LOCATION_FILE};`, ...proxyDirectives(plan)]),
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
}

function completeConfigNotes(plan: ExportPlan): string[] {
  return [
    `Listens on ${plan.host}:${plan.port} and proxies to ${plan.upstreamOrigin}${plan.upstreamBasePath}. Run it in the foreground,`,
    'writing only under DIR (the directory holding this file):',
    '    nginx -p DIR -c DIR/nginx.conf -e stderr',
  ];
}

function proxyDirectives(plan: ExportPlan): string[] {
  const upstream = `${plan.upstreamOrigin}${plan.upstreamBasePath === '' ? '' : `${plan.upstreamBasePath}/`}`;
  return [
    `proxy_pass ${upstream};`,
    'proxy_http_version 1.1;',
    'proxy_set_header Connection "";',
    ...when(plan.upstreamSecure, 'proxy_ssl_server_name on;'),
    `proxy_read_timeout ${plan.timeoutSeconds}s;`,
    `proxy_send_timeout ${plan.timeoutSeconds}s;`,
  ];
}
