// A configuration a user already has, per target, with its own header lines, including the
// generated snippets exactly as each snippet's comment says. Paths are absolute, as a user's are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportTarget } from '../../src/export/index.ts';

export interface ExistingConfig {
  readonly file: string;
  readonly text: string;
}

/** Headers every existing configuration sets itself, which must survive next to the snippet's. */
export const OWN_HEADERS = ['x-frame-options', 'x-location-own'];

export function existingConfig(
  target: ExportTarget,
  dir: string,
  port: number,
  upstream: string,
): ExistingConfig | undefined {
  switch (target) {
    case 'nginx':
      return {
        file: 'existing-nginx.conf',
        text: `daemon off;
worker_processes 1;
pid ${dir}/existing.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path ${dir}/client_body_temp;
    proxy_temp_path ${dir}/proxy_temp;
    fastcgi_temp_path ${dir}/fastcgi_temp;
    uwsgi_temp_path ${dir}/uwsgi_temp;
    scgi_temp_path ${dir}/scgi_temp;
    include ${dir}/corsguard-http.conf;
    server {
        listen 127.0.0.1:${port};
        add_header X-Frame-Options DENY always;
        location / {
            add_header X-Location-Own yes always;
            add_header X-Frame-Options DENY always;
            include ${dir}/corsguard-location.conf;
            proxy_pass ${upstream};
        }
    }
}
`,
      };
    case 'haproxy': {
      // Pasted into the frontend after the configuration's own rules, one of them the wide-open
      // ACAO the tutorials give: the snippet's rules run last and are the only voice.
      const snippet = readFileSync(join(dir, 'corsguard-frontend.cfg'), 'utf8');
      const { hostname, port: upstreamPort } = new URL(upstream);
      return {
        file: 'existing-haproxy.cfg',
        text: `global
    tune.bufsize 32768
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend api
    bind 127.0.0.1:${port}
    http-response set-header Access-Control-Allow-Origin *
    http-after-response set-header X-Frame-Options DENY
    http-after-response set-header X-Location-Own yes
${snippet
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
    default_backend app
backend app
    server app ${hostname}:${upstreamPort}
`,
      };
    }
    case 'apache': {
      // The modules and paths of the generated httpd.conf, then a VirtualHost of the user's own,
      // with the wide-open ACAO the tutorials give, including the snippet as its comment says.
      const generated = readFileSync(join(dir, 'httpd.conf'), 'utf8');
      const globals = generated
        .slice(0, generated.indexOf('Listen '))
        .replace('PidFile httpd.pid', 'PidFile existing.pid');
      return {
        file: 'existing-httpd.conf',
        text: `${globals}Listen 127.0.0.1:${port}
Header always set X-Frame-Options DENY
<VirtualHost 127.0.0.1:${port}>
    Header set Access-Control-Allow-Origin "*"
    Header always set X-Location-Own yes
    Include ${join(dir, 'corsguard.conf')}
    ProxyPass / ${upstream}/
</VirtualHost>
`,
      };
    }
    case 'caddy':
      // The site's own header lines, one of them the wide-open ACAO the tutorials give.
      return {
        file: 'existing.Caddyfile',
        text: `{
\tadmin off
\tauto_https off
}
import ${join(dir, 'corsguard.caddy')}
http://:${port} {
\tbind 127.0.0.1
\theader X-Frame-Options DENY
\theader Access-Control-Allow-Origin *
\theader X-Location-Own yes
\timport corsguard
\treverse_proxy ${new URL(upstream).host}
}
`,
      };
    default:
      return undefined;
  }
}
