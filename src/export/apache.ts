// Apache httpd 2.4: mod_setenvif classifies the request into environment variables (SetEnvIf
// regexes are case-sensitive, SetEnvIfNoCase is not), mod_rewrite answers preflights and CSRF
// refusals, mod_headers sets the CORS headers with `always` (error pages too) and removes the
// upstream's from the success table, where a proxied response's headers sit. Apache joins a
// header sent on several lines with ', ', as the engine reads it.
import { isAbsolute, join, resolve } from 'node:path';
import { fileHeader } from './header.ts';
import { CORS_RESPONSE_HEADERS, pcreOriginDeny, type ExportPlan } from './plan.ts';
import { exemptPathRegex } from './regex.ts';
import type { ExportFile, ExportOptions } from './settings.ts';

const SNIPPET = 'corsguard.conf';
export const DEBIAN_APACHE_MODULES = '/usr/lib/apache2/modules';
const MODULES = ['mpm_event', 'authz_core', 'headers', 'setenvif', 'rewrite', 'proxy', 'proxy_http'];

/** Apache reads a backslash in a quoted argument literally (only \" is an escape); the plan holds no quote. */
const q = (text: string) => `"${text}"`;

export function renderApache(plan: ExportPlan, options: ExportOptions): ExportFile[] {
  const directory = resolve(options.directory ?? '.');
  return [
    { name: SNIPPET, role: 'snippet', text: snippet(plan, directory) },
    {
      name: 'httpd.conf',
      role: 'complete',
      text: completeConfig(plan, directory, options.apacheModules ?? DEBIAN_APACHE_MODULES),
    },
  ];
}

const ACRH = "req_novary('Access-Control-Request-Headers')";
const env = (name: string) => `reqenv('${name}') == '1'`;
const notEnv = (name: string) => `reqenv('${name}') != '1'`;
/** Sets `name` when every condition holds. */
const setEnvIfAll = (conditions: readonly string[], name: string) =>
  `SetEnvIfExpr "${conditions.join(' && ')}" ${name}`;
/** Sets a response header, on error pages too, when the environment variable `when` is set. */
const setAlways = (name: string, value: string, when: string) => `Header always set ${name} ${q(value)} env=${when}`;

function snippet(plan: ExportPlan, directory: string): string {
  const lines = [
    fileHeader('apache', SNIPPET, usage(directory)),
    ...preflightDetection(),
    ...originChecks(plan),
    ...requestChecks(plan),
    ...decisions(plan),
    ...(plan.csrf ? csrfLines(plan.csrf.exemptPaths) : []),
    ...responseHeaders(plan),
    ...actualVary(plan.actualVary),
    ...rewrites(plan),
  ];
  return `${lines.join('\n')}\n`;
}

function usage(directory: string): string[] {
  return [
    'Include it inside the <VirtualHost> that serves the API, before its ProxyPass/RewriteRule lines:',
    `    Include ${join(directory, SNIPPET)}`,
    'Needs mod_setenvif, mod_rewrite and mod_headers (a2enmod setenvif rewrite headers). Raise',
    'LimitRequestFieldSize to 32768 if clients may send long headers (Apache answers 400 above 8 kB).',
  ];
}

function preflightDetection(): string[] {
  return [
    '# A CORS preflight is OPTIONS with Origin and Access-Control-Request-Method (https://fetch.spec.whatwg.org/#cors-preflight-request).',
    `SetEnvIfExpr "%{REQUEST_METHOD} == 'OPTIONS' && -n req_novary('Origin') && -n req_novary('Access-Control-Request-Method')" CG_PREFLIGHT`,
  ];
}

function originChecks(plan: ExportPlan): string[] {
  return [
    '# The Origin, compared byte for byte.',
    ...(plan.anyOrigin ? ['SetEnvIf Request_Method "^" CG_ORIGIN_OK'] : []),
    ...plan.originAllow.map((regex) => `SetEnvIf Origin ${q(regex)} CG_ORIGIN_OK`),
    ...pcreOriginDeny(plan).map((regex) => `SetEnvIf Origin ${q(regex)} !CG_ORIGIN_OK`),
  ];
}

function requestChecks(plan: ExportPlan): string[] {
  return [
    '# The requested method (case-sensitive) and every requested header (ignoring case), within the',
    "# engine's bounds; none of these regexes can backtrack on a hostile 16 kB header.",
    `SetEnvIf Access-Control-Request-Method ${q(plan.methodAllow)} CG_METHOD_OK`,
    // One expression, so that only preflights are checked and && stops at the first deny regex
    // that matches (a hostile list is matched within its first names).
    `SetEnvIfExpr "${env('CG_PREFLIGHT')} && (-z ${ACRH} || ${plan.headersDeny.map((r) => `!(${ACRH} =~ /${r}/)`).join(' && ')} && ${ACRH} =~ /${plan.headersAllow}/i)" CG_HEADERS_OK`,
    'SetEnvIf Access-Control-Request-Private-Network "^true$" CG_PNA',
  ];
}

type Rule = readonly [name: string, conditions: readonly string[]];

/** What the checks add up to: each variable with the conditions that set it. */
function decisions(plan: ExportPlan): string[] {
  const pnaOk = plan.privateNetwork ? [] : [notEnv('CG_PNA')];
  const acapn: Rule[] = plan.privateNetwork ? [['CG_ACAPN', [env('CG_GRANTED'), env('CG_PNA')]]] : [];
  const table: Rule[] = [
    ['CG_GRANTED', [env('CG_PREFLIGHT'), env('CG_ORIGIN_OK'), env('CG_METHOD_OK'), env('CG_HEADERS_OK'), ...pnaOk]],
    ['CG_REFUSED', [env('CG_PREFLIGHT'), notEnv('CG_GRANTED')]],
    ['CG_ALLOW', [env('CG_ORIGIN_OK'), notEnv('CG_REFUSED')]],
    ['CG_ALLOW_ACTUAL', [env('CG_ALLOW'), notEnv('CG_PREFLIGHT')]],
    ['CG_ACAH', [env('CG_GRANTED'), `-n ${ACRH}`]],
    ...acapn,
  ];
  return table.map(([name, conditions]) => setEnvIfAll(conditions, name));
}

/** The CSRF guard: state-changing, cross-origin, from an origin the policy refuses, on a path not exempt. */
function csrfLines(exemptPaths: readonly string[]): string[] {
  return [
    "# csrf: cross-origin by Sec-Fetch-Site, else by Origin against Host (Go's CrossOriginProtection).",
    `SetEnvIfExpr "!(%{REQUEST_METHOD} in {'GET', 'HEAD', 'OPTIONS'})" CG_STATE_CHANGING`,
    `SetEnvIfExpr "-n req_novary('Sec-Fetch-Site') && !(req_novary('Sec-Fetch-Site') in {'same-origin', 'none'})" CG_CROSS`,
    `SetEnvIfExpr "-z req_novary('Sec-Fetch-Site') && -n req_novary('Origin') && !(req_novary('Origin') =~ m#^.*?://(.*)$# && '$1' == tolower(req_novary('Host')))" CG_CROSS`,
    ...exemptCheck(exemptPaths),
    setEnvIfAll(
      [notEnv('CG_PREFLIGHT'), notEnv('CG_ORIGIN_OK'), env('CG_STATE_CHANGING'), env('CG_CROSS'), notEnv('CG_EXEMPT')],
      'CG_CSRF',
    ),
  ];
}

function exemptCheck(exemptPaths: readonly string[]): string[] {
  if (exemptPaths.length === 0) return [];
  // THE_REQUEST is the raw request line (the method, the target as sent, the protocol); the
  // regex is delimited by '#', so the '#' it looks for is written \x23.
  const target = exemptPathRegex(exemptPaths, { end: ' ', hash: '\\x23' })!.slice(1);
  return [`SetEnvIfExpr "%{THE_REQUEST} =~ m#^[^ ]+ ${target}#" CG_EXEMPT`];
}

function responseHeaders(plan: ExportPlan): string[] {
  return [
    "# The front is the only voice: the upstream's CORS headers go (they sit in the success table).",
    ...CORS_RESPONSE_HEADERS.map((name) => `Header unset ${name}`),
    '# always: on error pages too (401, 404, 500 from the upstream), or browsers report a CORS error.',
    setAlways('Access-Control-Allow-Origin', plan.anyOrigin ? '*' : 'expr=%{req:Origin}', 'CG_ALLOW'),
    ...(plan.credentials ? [setAlways('Access-Control-Allow-Credentials', 'true', 'CG_ALLOW')] : []),
    ...(plan.exposeHeaders === ''
      ? []
      : [setAlways('Access-Control-Expose-Headers', plan.exposeHeaders, 'CG_ALLOW_ACTUAL')]),
    setAlways('Access-Control-Allow-Methods', 'expr=%{req:Access-Control-Request-Method}', 'CG_GRANTED'),
    setAlways('Access-Control-Allow-Headers', 'expr=%{req:Access-Control-Request-Headers}', 'CG_ACAH'),
    ...(plan.maxAge === undefined ? [] : [setAlways('Access-Control-Max-Age', `${plan.maxAge}`, 'CG_GRANTED')]),
    ...(plan.privateNetwork ? [setAlways('Access-Control-Allow-Private-Network', 'true', 'CG_ACAPN')] : []),
    setAlways('Vary', plan.preflightVary, 'CG_PREFLIGHT'),
  ];
}

function actualVary(vary: string): string[] {
  if (vary === '') return [];
  return [
    "# Vary: Origin, unless the upstream's Vary has it (or '*') already. resp() reads the first Vary",
    "# line only; Apache's header filter then joins the lines and drops a name repeated on another.",
    `Header always add Vary ${q(vary)} "expr=${notEnv('CG_PREFLIGHT')} && !(resp('Vary') =~ /(?:^|,)[ \\t]*(?:origin|\\*)[ \\t]*(?:,|$)/i)"`,
  ];
}

function rewrites(plan: ExportPlan): string[] {
  return [
    '# Preflights and CSRF refusals are answered here, before the upstream.',
    'RewriteEngine On',
    ...answerWhen('CG_GRANTED', plan.preflightStatus),
    ...answerWhen('CG_REFUSED', 403),
    ...(plan.csrf ? answerWhen('CG_CSRF', 403) : []),
  ];
}

/** Answers with `status` at once when the environment variable `name` is set. */
function answerWhen(name: string, status: number): string[] {
  return [`RewriteCond %{ENV:${name}} =1`, `RewriteRule ^ - [R=${status},L]`];
}

function completeConfig(plan: ExportPlan, directory: string, modules: string): string {
  const upstream = `${plan.upstreamOrigin}${plan.upstreamBasePath}/`;
  const moduleDir = isAbsolute(modules) ? modules : resolve(modules);
  return [
    fileHeader('apache', 'httpd.conf', [
      `Listens on ${plan.host}:${plan.port} and proxies to ${plan.upstreamOrigin}${plan.upstreamBasePath}. Run it in the foreground,`,
      `writing only under ${directory}:`,
      `    apache2 -f ${join(directory, 'httpd.conf')} -DFOREGROUND`,
      `Modules from ${moduleDir} (corsguard export apache --apache-modules DIR for another).`,
    ]),
    `ServerRoot ${q(directory)}`,
    ...[...MODULES, ...(plan.upstreamSecure ? ['ssl'] : [])].map(
      (name) => `LoadModule ${name}_module ${q(join(moduleDir, `mod_${name}.so`))}`,
    ),
    'PidFile httpd.pid',
    'ErrorLog error.log',
    'LogLevel warn',
    `Mutex file:${directory} default`,
    'ServerName localhost',
    '# Only used when started as root: the user the workers run as.',
    'User www-data',
    'Group www-data',
    '# A long Access-Control-Request-Headers is refused by the policy (403), not by Apache (400).',
    'LimitRequestFieldSize 32768',
    `Listen ${plan.host}:${plan.port}`,
    `<VirtualHost ${plan.host}:${plan.port}>`,
    `    Include ${join(directory, SNIPPET)}`,
    `    ProxyPass / ${upstream}`,
    `    ProxyTimeout ${plan.timeoutSeconds}`,
    ...(plan.upstreamSecure ? ['    SSLProxyEngine on'] : []),
    '</VirtualHost>',
    '',
  ].join('\n');
}
