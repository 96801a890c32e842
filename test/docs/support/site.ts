// The built site (docs/.vitepress/dist): built by `npm run docs:build`, served under its base path
// as GitHub Pages serves it (clean URLs: /guides/csrf is guides/csrf.html), and read as HTML for
// its links and anchors.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';

export const DIST = new URL('../../../docs/.vitepress/dist/', import.meta.url).pathname;
/** The base path the site is built for by default (docs/.vitepress/config.ts). */
export const BASE = '/corsguard/';

/** Runs `npm run docs:build`; resolves with its output, rejects when it fails or takes longer than `limit`. */
export function buildSite(limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'docs:build'], {
      cwd: new URL('../../../', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DOCS_BASE: BASE, NODE_TEST_CONTEXT: undefined },
      // Its own process group, so a build past its limit is stopped whole (npm, typedoc, vitepress).
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limit);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`npm run docs:build exited with ${code} (limit ${limit} ms):\n${output.slice(-4000)}`));
    });
  });
}

/** The file a site path (without the base, without query or hash) is served from, if any. */
export function fileFor(path: string): string | undefined {
  const decoded = decodeURIComponent(path).replace(/^\/+/, '');
  const candidates =
    decoded === '' || decoded.endsWith('/')
      ? [`${decoded}index.html`]
      : [decoded, `${decoded}.html`, `${decoded}/index.html`];
  return candidates
    .map((candidate) => join(DIST, candidate))
    .find((file) => file.startsWith(DIST) && existsSync(file) && statSync(file).isFile());
}

export function htmlFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : [],
    );
  return walk(DIST).filter((file) => !file.endsWith('404.html'));
}

/** The site path of a built HTML file: dist/guides/csrf.html → /guides/csrf. */
export function pathOf(file: string): string {
  return `/${relative(DIST, file)
    .replace(/(^|\/)index\.html$/, '$1')
    .replace(/\.html$/, '')}`;
}

export interface PageLinks {
  /** Internal link targets as site paths without the base: '/guides/csrf#csrf-true'. */
  readonly links: string[];
  readonly ids: Set<string>;
}

const decodeEntities = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** Internal links (`href` and `src` under the base, or relative) and element ids of one page. */
export function linksOf(file: string): PageLinks {
  const html = readFileSync(file, 'utf8');
  const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((match) => decodeEntities(match[1]!)));
  const page = pathOf(file);
  const links: string[] = [];
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const target = decodeEntities(match[1]!);
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    if (target.startsWith('#')) links.push(`${page}${target}`);
    else if (target.startsWith(BASE)) links.push(`/${target.slice(BASE.length)}`);
    else if (target.startsWith('/')) links.push(`${target} (outside the base ${BASE})`);
    else links.push(new URL(target, `http://site${page}`).pathname);
  }
  return { links, ids };
}

/** The site paths the sidebar of a built page links to. */
export function sidebarLinks(file: string): Set<string> {
  const html = readFileSync(file, 'utf8');
  const start = html.indexOf('<aside class="VPSidebar');
  if (start === -1) return new Set();
  const aside = html.slice(start, html.indexOf('</aside>', start));
  return new Set([...aside.matchAll(/\shref="([^"#]*)/g)].map((match) => `/${match[1]!.slice(BASE.length)}`));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Serves the built site under BASE on 127.0.0.1, as a static host with clean URLs would. */
export async function serveSite(): Promise<{ readonly origin: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    const file = path.startsWith(BASE) ? fileFor(path.slice(BASE.length - 1)) : undefined;
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/html' }).end(readFileSync(join(DIST, '404.html')));
      return;
    }
    response
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
