// A configuration a user already has, per target, with its own header lines, including the
// generated snippets exactly as each snippet's comment says. Paths are absolute, as a user's are.
import type { ExportTarget } from '../../src/export/index.ts';

export interface ExistingConfig {
  readonly file: string;
  readonly text: string;
}

/** Headers every existing configuration sets itself, which must survive next to the snippet's. */
export const OWN_HEADERS = ['x-frame-options', 'x-location-own'];

export function existingConfig(target: ExportTarget, dir: string, port: number, upstream: string): ExistingConfig | undefined {
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
    default:
      return undefined;
  }
}
