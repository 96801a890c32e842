import { readFileSync } from 'node:fs';
import { defineConfig, type DefaultTheme } from 'vitepress';

// The one setting for where the site is hosted: GitHub Pages serves the repository's site under
// /corsguard/. DOCS_BASE=/ builds it for a host of its own (or for the tests).
const base = process.env.DOCS_BASE ?? '/corsguard/';

// Written by scripts/docs/generate.ts (npm run docs:build runs it first).
const codes = JSON.parse(
  readFileSync(new URL('./generated/codes-sidebar.json', import.meta.url), 'utf8'),
) as DefaultTheme.SidebarItem[];

const start: DefaultTheme.SidebarItem = {
  text: 'Start',
  items: [
    { text: 'Install', link: '/start/install' },
    { text: 'CORS in five minutes', link: '/start/concepts' },
    {
      text: 'Your first policy',
      items: [
        { text: 'Express, Connect, node:http', link: '/start/express' },
        { text: 'Fastify', link: '/start/fastify' },
        { text: 'Koa', link: '/start/koa' },
        { text: 'Hono', link: '/start/hono' },
        { text: 'NestJS', link: '/start/nestjs' },
        { text: 'Cloudflare Workers', link: '/start/workers' },
        { text: 'Deno', link: '/start/deno' },
        { text: 'Bun', link: '/start/bun' },
        { text: 'Next.js', link: '/start/nextjs' },
      ],
    },
  ],
};

const guides: DefaultTheme.SidebarItem = {
  text: 'Guides',
  items: [
    { text: 'Debugging a blocked request', link: '/guides/debugging' },
    { text: 'The playground', link: '/guides/playground' },
    { text: 'Cookies and credentials', link: '/guides/cookies-and-credentials' },
    { text: 'CSRF', link: '/guides/csrf' },
    { text: 'Private Network Access', link: '/guides/private-network-access' },
    { text: 'Running at the edge', link: '/guides/edge' },
    { text: 'The gateway in production', link: '/guides/gateway' },
    { text: 'Exporting to nginx, Apache, Caddy, HAProxy', link: '/guides/export' },
    { text: 'Auditing an API in CI', link: '/guides/audit-in-ci' },
    {
      text: 'Migrating',
      items: [
        { text: 'From expressjs/cors', link: '/guides/migrate-expressjs-cors' },
        { text: 'From @fastify/cors', link: '/guides/migrate-fastify-cors' },
        { text: 'From @koa/cors', link: '/guides/migrate-koa-cors' },
        { text: 'From hono/cors', link: '/guides/migrate-hono-cors' },
      ],
    },
  ],
};

const reference: DefaultTheme.SidebarItem = {
  text: 'Reference',
  items: [
    { text: 'Options', link: '/reference/options' },
    { text: 'Adapters', link: '/reference/adapters' },
    { text: 'Command line', link: '/reference/cli' },
    { text: 'What corsguard sends', link: '/reference/responses' },
    { text: 'TypeScript API', link: '/reference/api/' },
  ],
};

const codesSection: DefaultTheme.SidebarItem = {
  text: 'Codes',
  items: [{ text: 'All codes', link: '/codes/' }, ...codes],
};

export default defineConfig({
  title: 'corsguard',
  description:
    'CORS done right: a validated, compiled, Fetch-exact CORS policy engine, with a checker, an auditor, a gateway and exports for front servers.',
  base,
  cleanUrls: true,
  // Pages quote local addresses (http://localhost:3000) as examples; every other link is checked.
  ignoreDeadLinks: 'localhostLinks',
  lastUpdated: false,
  srcExclude: ['codes/prose/**', 'parts/**', 'README.md'],
  head: [
    ['meta', { name: 'theme-color', content: '#3c8772' }],
    ['link', { rel: 'icon', type: 'image/svg+xml', href: `${base}favicon.svg` }],
  ],
  themeConfig: {
    logo: '/favicon.svg',
    nav: [
      { text: 'Start', link: '/start/install' },
      { text: 'Guides', link: '/guides/debugging' },
      { text: 'Reference', link: '/reference/options' },
      { text: 'Codes', link: '/codes/' },
      { text: 'Playground', link: '/guides/playground' },
      { text: 'Contributing', link: '/contributing' },
    ],
    sidebar: [start, guides, reference, codesSection],
    search: { provider: 'local' },
    outline: [2, 3],
    socialLinks: [{ icon: 'github', link: 'https://github.com/corsguard/corsguard' }],
    editLink: { pattern: 'https://github.com/corsguard/corsguard/edit/main/docs/:path' },
    footer: { message: 'MIT licensed.' },
  },
});
