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

function snippet(plan: ExportPlan, directory: string): string {
  const lines = [
    fileHeader('apache', SNIPPET, [
      'Include it inside the <VirtualHost> that serves the API, before its ProxyPass/RewriteRule lines:',
      `    Include ${join(directory, SNIPPET)}`,
      'Needs mod_setenvif, mod_rewrite and mod_headers (a2enmod setenvif rewrite headers). Raise',
      'LimitRequestFieldSize to 32768 if clients may send long headers (Apache answers 400 above 8 kB).',
    ]),
    '# A CORS preflight is OPTIONS with Origin and Access-Control-Request-Method (https://fetch.spec.whatwg.org/#cors-preflight-request).',
    `SetEnvIfExpr "%{REQUEST_METHOD} == 'OPTIONS' && -n req_novary('Origin') && -n req_novary('Access-Control-Request-Method')" CG_PREFLIGHT`,
    '# The Origin, compared byte for byte.',
  ];
  if (plan.anyOrigin) lines.push('SetEnvIf Request_Method "^" CG_ORIGIN_OK');
  for (const regex of plan.originAllow) lines.push(`SetEnvIf Origin ${q(regex)} CG_ORIGIN_OK`);
  for (const regex of pcreOriginDeny(plan)) lines.push(`SetEnvIf Origin ${q(regex)} !CG_ORIGIN_OK`);
  lines.push(
    '# The requested method (case-sensitive) and every requested header (ignoring case), within the',
    "# engine's bounds; none of these regexes can backtrack on a hostile 16 kB header.",
    `SetEnvIf Access-Control-Request-Method ${q(plan.methodAllow)} CG_METHOD_OK`,
    // One expression, so that only preflights are checked and && stops at the first deny regex
    // that matches (a hostile list is matched within its first names).
    `SetEnvIfExpr "${env('CG_PREFLIGHT')} && (-z ${ACRH} || ${plan.headersDeny.map((r) => `!(${ACRH} =~ /${r}/)`).join(' && ')} && ${ACRH} =~ /${plan.headersAllow}/i)" CG_HEADERS_OK`,
    'SetEnvIf Access-Control-Request-Private-Network "^true$" CG_PNA',
    `SetEnvIfExpr "${[env('CG_PREFLIGHT'), env('CG_ORIGIN_OK'), env('CG_METHOD_OK'), env('CG_HEADERS_OK'), ...(plan.privateNetwork ? [] : [notEnv('CG_PNA')])].join(' && ')}" CG_GRANTED`,
    `SetEnvIfExpr "${env('CG_PREFLIGHT')} && ${notEnv('CG_GRANTED')}" CG_REFUSED`,
    `SetEnvIfExpr "${env('CG_ORIGIN_OK')} && ${notEnv('CG_REFUSED')}" CG_ALLOW`,
    `SetEnvIfExpr "${env('CG_ALLOW')} && ${notEnv('CG_PREFLIGHT')}" CG_ALLOW_ACTUAL`,
    `SetEnvIfExpr "${env('CG_GRANTED')} && -n req_novary('Access-Control-Request-Headers')" CG_ACAH`,
  );
  if (plan.privateNetwork) lines.push(`SetEnvIfExpr "${env('CG_GRANTED')} && ${env('CG_PNA')}" CG_ACAPN`);
  if (plan.csrf) lines.push(...csrfLines(plan.csrf.exemptPaths));
  lines.push(
    "# The front is the only voice: the upstream's CORS headers go (they sit in the success table).",
    ...CORS_RESPONSE_HEADERS.map((name) => `Header unset ${name}`),
    '# always: on error pages too (401, 404, 500 from the upstream), or browsers report a CORS error.',
    plan.anyOrigin
      ? 'Header always set Access-Control-Allow-Origin "*" env=CG_ALLOW'
      : 'Header always set Access-Control-Allow-Origin "expr=%{req:Origin}" env=CG_ALLOW',
  );
  if (plan.credentials) lines.push('Header always set Access-Control-Allow-Credentials "true" env=CG_ALLOW');
  if (plan.exposeHeaders !== '')
    lines.push(`Header always set Access-Control-Expose-Headers ${q(plan.exposeHeaders)} env=CG_ALLOW_ACTUAL`);
  lines.push(
    'Header always set Access-Control-Allow-Methods "expr=%{req:Access-Control-Request-Method}" env=CG_GRANTED',
    'Header always set Access-Control-Allow-Headers "expr=%{req:Access-Control-Request-Headers}" env=CG_ACAH',
  );
  if (plan.maxAge !== undefined) lines.push(`Header always set Access-Control-Max-Age "${plan.maxAge}" env=CG_GRANTED`);
  if (plan.privateNetwork) lines.push('Header always set Access-Control-Allow-Private-Network "true" env=CG_ACAPN');
  lines.push(`Header always set Vary ${q(plan.preflightVary)} env=CG_PREFLIGHT`);
  if (plan.actualVary !== '') {
    lines.push(
      "# Vary: Origin, unless the upstream's Vary has it (or '*') already. resp() reads the first Vary",
      "# line only; Apache's header filter then joins the lines and drops a name repeated on another.",
      `Header always add Vary ${q(plan.actualVary)} "expr=${notEnv('CG_PREFLIGHT')} && !(resp('Vary') =~ /(?:^|,)[ \\t]*(?:origin|\\*)[ \\t]*(?:,|$)/i)"`,
    );
  }
  lines.push(
    '# Preflights and CSRF refusals are answered here, before the upstream.',
    'RewriteEngine On',
    'RewriteCond %{ENV:CG_GRANTED} =1',
    `RewriteRule ^ - [R=${plan.preflightStatus},L]`,
    'RewriteCond %{ENV:CG_REFUSED} =1',
    'RewriteRule ^ - [R=403,L]',
  );
  if (plan.csrf) lines.push('RewriteCond %{ENV:CG_CSRF} =1', 'RewriteRule ^ - [R=403,L]');
  return `${lines.join('\n')}\n`;
}

/** The CSRF guard: state-changing, cross-origin, from an origin the policy refuses, on a path not exempt. */
function csrfLines(exemptPaths: readonly string[]): string[] {
  const lines = [
    "# csrf: cross-origin by Sec-Fetch-Site, else by Origin against Host (Go's CrossOriginProtection).",
    `SetEnvIfExpr "!(%{REQUEST_METHOD} in {'GET', 'HEAD', 'OPTIONS'})" CG_STATE_CHANGING`,
    `SetEnvIfExpr "-n req_novary('Sec-Fetch-Site') && !(req_novary('Sec-Fetch-Site') in {'same-origin', 'none'})" CG_CROSS`,
    `SetEnvIfExpr "-z req_novary('Sec-Fetch-Site') && -n req_novary('Origin') && !(req_novary('Origin') =~ m#^.*?://(.*)$# && '$1' == tolower(req_novary('Host')))" CG_CROSS`,
  ];
  if (exemptPaths.length > 0) {
    // THE_REQUEST is the raw request line (the method, the target as sent, the protocol); the
    // regex is delimited by '#', so the '#' it looks for is written \x23.
    const target = exemptPathRegex(exemptPaths, { end: ' ', hash: '\\x23' })!.slice(1);
    lines.push(`SetEnvIfExpr "%{THE_REQUEST} =~ m#^[^ ]+ ${target}#" CG_EXEMPT`);
  }
  lines.push(
    `SetEnvIfExpr "${[notEnv('CG_PREFLIGHT'), notEnv('CG_ORIGIN_OK'), env('CG_STATE_CHANGING'), env('CG_CROSS'), notEnv('CG_EXEMPT')].join(' && ')}" CG_CSRF`,
  );
  return lines;
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
