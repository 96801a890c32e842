// The pages the requests come from: one node:http server per port, reached by Chromium under
// several host names, so that one server gives several origins:
//   A  = http://a.example.localhost:P1      (same site as the API, other origin)
//   A2 = http://a.example.localhost:P2      (another port)
//   B  = http://b.example.localhost:P1      (another host, same site)
//   X  = http://evil.localhost:P1           (another site)
//   plus, inside A, a sandboxed iframe whose opaque origin is sent as `Origin: null`.
import { createServer, type Server } from 'node:http';
import { PROBE_SCRIPT } from './probe.ts';
import { listen } from '../../support/servers.ts';

export interface PageOrigins {
  readonly A: string;
  readonly A2: string;
  readonly B: string;
  readonly X: string;
}

export interface PageServers {
  readonly origins: PageOrigins;
  close(): Promise<void>;
}

const BLANK = '<!doctype html><title>page</title><script src="/probe.js"></script>';
const SANDBOX = `<!doctype html><title>sandbox</title><iframe sandbox="allow-scripts" srcdoc="${escapeHtml(BLANK)}"></iframe>`;

function pageServer(): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://page.invalid');
    if (url.pathname === '/probe.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(PROBE_SCRIPT);
    } else if (url.pathname === '/sandbox') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(SANDBOX);
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(BLANK);
    }
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function startPages(): Promise<PageServers> {
  const first = pageServer();
  const second = pageServer();
  const [p1, p2] = await Promise.all([listen(first), listen(second)]);
  return {
    origins: {
      A: `http://a.example.localhost:${p1.port}`,
      A2: `http://a.example.localhost:${p2.port}`,
      B: `http://b.example.localhost:${p1.port}`,
      X: `http://evil.localhost:${p1.port}`,
    },
    close: async () => {
      await Promise.all([p1.close(), p2.close()]);
    },
  };
}
