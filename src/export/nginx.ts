// nginx: maps in the http block decide (lazily, only when a header needs them), one snippet per
// location answers. Every regex is `~` (case-sensitive) except the header list's `~*`: nginx
// compares plain map strings ignoring case, and origins and methods are compared byte for byte.
import { backslashQuoted as q, fileHeader } from './header.ts';
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

function map(
  source: string,
  variable: string,
  entries: ReadonlyArray<readonly [string, string]>,
  fallback: string,
): string {
  const lines = entries.map(([key, value]) => `    ${key} ${value};`);
  return [`map ${source} $${variable} {`, `    default ${fallback};`, ...lines, '}'].join('\n');
}

const regex = (source: string) => q(`~${source}`);
const caseless = (source: string) => q(`~*${source}`);

function httpSnippet(plan: ExportPlan): string {
  const maps: string[] = [];
  const origin = plan.anyOrigin
    ? map('$http_origin', 'corsguard_allowed_origin', [], '"*"')
    : map(
        '$http_origin',
        'corsguard_allowed_origin',
        [
          ...pcreOriginDeny(plan).map((r) => [regex(r), '""'] as const),
          ...plan.originAllow.map((r) => [regex(r), '$http_origin'] as const),
        ],
        '""',
      );
  maps.push(
    '# The Origin when the policy allows it ("*" for a public API), else empty.',
    origin,
    map('$corsguard_allowed_origin', 'corsguard_origin_ok', [['""', '""']], '1'),
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
    map('$http_access_control_request_method', 'corsguard_method_ok', [[regex(plan.methodAllow), '1']], '""'),
    '# Every requested header allowed; lists longer than the engine scans, or with too many empty',
    '# elements, refused first. No regex here can backtrack on a hostile 16 kB header.',
    map(
      '$http_access_control_request_headers',
      'corsguard_headers_ok',
      [['""', '1'], ...plan.headersDeny.map((r) => [regex(r), '""'] as const), [caseless(plan.headersAllow), '1']],
      '""',
    ),
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
    '# The response headers: each empty (so not sent) unless it applies.',
    map('$corsguard_preflight', 'corsguard_acao', [['refused', '""']], '$corsguard_allowed_origin'),
  );
  if (plan.credentials) maps.push(map('$corsguard_acao', 'corsguard_acac', [['""', '""']], 'true'));
  if (plan.exposeHeaders !== '')
    maps.push(
      map('"$corsguard_preflight:$corsguard_acao"', 'corsguard_aceh', [[regex('^:.'), q(plan.exposeHeaders)]], '""'),
    );
  maps.push(
    map('$corsguard_preflight', 'corsguard_acam', [['granted', '$http_access_control_request_method']], '""'),
    map('$corsguard_preflight', 'corsguard_acah', [['granted', '$http_access_control_request_headers']], '""'),
  );
  if (plan.maxAge !== undefined)
    maps.push(map('$corsguard_preflight', 'corsguard_acma', [['granted', q(plan.maxAge)]], '""'));
  if (plan.privateNetwork) {
    maps.push(
      map(
        '"$corsguard_preflight:$http_access_control_request_private_network"',
        'corsguard_acapn',
        [[regex('^granted:true$'), 'true']],
        '""',
      ),
    );
  }
  maps.push(
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
        ...(plan.actualVary === '' ? [] : [[q(':'), q(plan.actualVary)] as const]),
      ],
      '""',
    ),
  );
  if (plan.csrf) maps.push(...csrfMaps(plan.csrf.exemptPaths, plan.csrf.exemptPath));
  return [
    fileHeader('nginx', HTTP_FILE, [
      'Include it once inside http { }:   include /etc/nginx/corsguard/corsguard-http.conf;',
      `Then include ${LOCATION_FILE} in every location that serves the API.`,
      'Maps cost nothing until a header uses them. Raise large_client_header_buffers to 4 32k if',
      'clients may send long headers (nginx answers 400 above 8 kB per line).',
    ]),
    // A comment line stays with the map below it.
    maps.join('\n\n').replace(/^(#.*)\n\n/gm, '$1\n'),
    '',
  ].join('\n');
}

/** The CSRF guard: state-changing, cross-origin, from an origin the policy refuses, on a path not exempt. */
function csrfMaps(exemptPaths: readonly string[], exemptPath: string | undefined): string[] {
  return [
    "# csrf: cross-origin by Sec-Fetch-Site, else by Origin against Host (Go's CrossOriginProtection).",
    map('$request_method', 'corsguard_state_changing', [[regex('^(?:GET|HEAD|OPTIONS)$'), '""']], '1'),
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
    // nginx's $request_uri of an absolute-form target without a path (http://host?q) is just ?q:
    // the engine reads that path as /.
    map(
      '$request_uri',
      'corsguard_exempt',
      [
        ...(exemptPaths.includes('/') ? [[regex('^[?#]'), '1'] as const] : []),
        ...(exemptPath === undefined ? [] : [[regex(exemptPath), '1'] as const]),
      ],
      '""',
    ),
    map(
      '"$corsguard_is_preflight:$corsguard_origin_ok:$corsguard_state_changing:$corsguard_cross:$corsguard_exempt"',
      'corsguard_csrf',
      [['"::1:1:"', 'reject']],
      '""',
    ),
  ];
}

function locationSnippet(plan: ExportPlan): string {
  const header = (name: string, variable: string) => `add_header ${name} $${variable} always;`;
  const lines = [
    fileHeader('nginx', LOCATION_FILE, [
      'Include it in every location that serves the API, next to proxy_pass (or root/try_files):',
      '    location /api/ { include /etc/nginx/corsguard/corsguard-location.conf; proxy_pass …; }',
      `Needs ${HTTP_FILE} in the http block. Include it in every location: nginx drops the`,
      "enclosing level's add_header lines in a location that has any of its own.",
    ]),
    "# The front is the only voice: the upstream's own CORS headers are dropped.",
    ...CORS_RESPONSE_HEADERS.map((name) => `proxy_hide_header ${name};`),
    '# always: on error pages too (401, 404, 500 from the upstream), or browsers report a CORS error.',
    header('Access-Control-Allow-Origin', 'corsguard_acao'),
  ];
  if (plan.credentials) lines.push(header('Access-Control-Allow-Credentials', 'corsguard_acac'));
  if (plan.exposeHeaders !== '') lines.push(header('Access-Control-Expose-Headers', 'corsguard_aceh'));
  lines.push(
    header('Access-Control-Allow-Methods', 'corsguard_acam'),
    header('Access-Control-Allow-Headers', 'corsguard_acah'),
  );
  if (plan.maxAge !== undefined) lines.push(header('Access-Control-Max-Age', 'corsguard_acma'));
  if (plan.privateNetwork) lines.push(header('Access-Control-Allow-Private-Network', 'corsguard_acapn'));
  lines.push(
    header('Vary', 'corsguard_vary'),
    `if ($corsguard_preflight = granted) { return ${plan.preflightStatus}${plan.preflightStatus === 204 ? '' : ' ""'}; }`,
    'if ($corsguard_preflight = refused) { return 403 ""; }',
  );
  if (plan.csrf) lines.push('if ($corsguard_csrf = reject) { return 403 ""; }');
  return `${lines.join('\n')}\n`;
}

function completeConfig(plan: ExportPlan): string {
  const upstream = `${plan.upstreamOrigin}${plan.upstreamBasePath === '' ? '' : `${plan.upstreamBasePath}/`}`;
  return [
    fileHeader('nginx', 'nginx.conf', [
      `Listens on ${plan.host}:${plan.port} and proxies to ${plan.upstreamOrigin}${plan.upstreamBasePath}. Run it in the foreground,`,
      'writing only under DIR (the directory holding this file):',
      '    nginx -p DIR -c DIR/nginx.conf -e stderr',
    ]),
    'daemon off;',
    'worker_processes 1;',
    'pid nginx.pid;',
    'error_log stderr warn;',
    "# Compiles the maps' regexes to machine code (nginx leaves PCRE JIT off by default).",
    'pcre_jit on;',
    'events { worker_connections 1024; }',
    'http {',
    '    access_log off;',
    '    client_body_temp_path client_body_temp;',
    '    proxy_temp_path proxy_temp;',
    '    fastcgi_temp_path fastcgi_temp;',
    '    uwsgi_temp_path uwsgi_temp;',
    '    scgi_temp_path scgi_temp;',
    '    # A long Access-Control-Request-Headers is refused by the policy (403), not by nginx (400).',
    '    large_client_header_buffers 4 32k;',
    `    include ${HTTP_FILE};`,
    '    server {',
    `        listen ${plan.host}:${plan.port};`,
    '        location / {',
    `            include ${LOCATION_FILE};`,
    `            proxy_pass ${upstream};`,
    '            proxy_http_version 1.1;',
    '            proxy_set_header Connection "";',
    ...(plan.upstreamSecure ? ['            proxy_ssl_server_name on;'] : []),
    `            proxy_read_timeout ${plan.timeoutSeconds}s;`,
    `            proxy_send_timeout ${plan.timeoutSeconds}s;`,
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
}
