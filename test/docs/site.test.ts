// The documentation site as it is published: `npm run docs:build` succeeds; every internal link and
// anchor in the built HTML resolves; every page, and so every code's page, is reachable from the home
// page through the navigation; Chromium renders the home page and one page per section without
// console errors, the local search finds an error code by its name, and the playground's presets
// link to their guides. Screenshots at desktop width (a code's page) and phone width (the home
// page) go to .test-results/docs/; DOCS_SCREENSHOTS=1 also writes the checked-in
// docs/site-desktop.png and docs/site-phone.png the README shows.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { catalogueCodes } from '../../scripts/docs/catalogues.ts';
import { DOCS_BASE_URL, DOCS_KINDS, docsPath } from '../../src/core/docs-url.ts';
import { PRESETS } from '../../examples/playground/page/presets.ts';
import { startPlayground } from '../../examples/playground/playground.ts';
import { chromiumUnavailable, launchChromium } from '../support/chromium.ts';
import { limitFor } from '../support/time-limits.ts';
import { BASE, buildSite, fileFor, htmlFiles, linksOf, pathOf, serveSite, sidebarLinks } from './support/site.ts';

// docs:build (generation, TypeDoc, VitePress) takes about 30 s on a quiet machine.
// Measured: 25 s alone, over 120 s beside the rest of the suite in a CI run (the files run in parallel).
const BUILD_LIMIT = limitFor(120_000);
const PAGE_LIMIT = limitFor(5_000);
const root = new URL('../../', import.meta.url).pathname;
const SHOTS = join(root, '.test-results', 'docs');
const unavailable = chromiumUnavailable();

let built = false;
before(
  async () => {
    await buildSite(BUILD_LIMIT);
    built = true;
  },
  { timeout: BUILD_LIMIT + 5_000 },
);

/** Where a link lands: an existing file, and for a `#fragment` an element with that id. */
function brokenLinks(): string[] {
  const pages = new Map(htmlFiles().map((file) => [file, linksOf(file)]));
  const broken: string[] = [];
  for (const [file, { links }] of pages) {
    for (const link of links) {
      const [path = '', fragment] = link.split('#');
      const target = link.includes(' (outside') ? undefined : fileFor(path);
      if (target === undefined) broken.push(`${pathOf(file)} → ${link}`);
      else if (
        fragment &&
        target.endsWith('.html') &&
        !(pages.get(target) ?? linksOf(target)).ids.has(decodeURIComponent(fragment))
      )
        broken.push(`${pathOf(file)} → ${link} (no such anchor)`);
    }
  }
  return [...new Set(broken)];
}

/** Every page reached from the home page by following internal links. */
function reachable(): Set<string> {
  const seen = new Set<string>();
  const queue = [fileFor('/')!];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const link of linksOf(file).links) {
      const target = fileFor(link.split('#')[0] ?? '');
      if (target?.endsWith('.html') && !seen.has(target)) queue.push(target);
    }
  }
  return new Set([...seen].map(pathOf));
}

describe('the built site', () => {
  test('docs:build succeeds', () => assert.ok(built));

  test('every internal link and anchor resolves', () => {
    assert.deepEqual(brokenLinks(), []);
  });

  test('every page is reachable from the home page through the navigation', () => {
    const reached = reachable();
    const unreached = htmlFiles()
      .map(pathOf)
      .filter((path) => !reached.has(path));
    assert.deepEqual(unreached, []);
  });

  describe("every code has its page, listed in the sidebar's Codes section", () => {
    const codes = catalogueCodes();
    let sidebar = new Set<string>();
    before(() => (sidebar = sidebarLinks(fileFor('/codes/')!)));
    for (const kind of DOCS_KINDS) {
      for (const code of codes[kind]) {
        test(`${kind} ${code}`, () => {
          assert.ok(fileFor(`/${docsPath(kind, code)}`), 'no page was built');
          assert.ok(sidebar.has(`/${docsPath(kind, code)}`), 'not in the sidebar');
        });
      }
    }
  });

  describe("each playground preset's guide is a page (and anchor) of the site", () => {
    for (const preset of PRESETS) {
      test(`${preset.id} → ${preset.guide}`, () => {
        const [path = '', fragment] = preset.guide.split('#');
        const file = fileFor(`/${path}`);
        assert.ok(file, `${path} was not built`);
        if (fragment) assert.ok(linksOf(file).ids.has(fragment), `${path} has no #${fragment}`);
      });
    }
  });
});

describe('the built site in Chromium', { skip: unavailable }, () => {
  let site: Awaited<ReturnType<typeof serveSite>>;
  let browser: Browser;
  let context: BrowserContext;
  const errors: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await serveSite();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });

  async function open(path: string, width = 1280, height = 800): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${path}: ${response.status()} for ${response.url()}`);
    });
    const response = await page.goto(`${site.origin}${BASE}${path.replace(/^\//, '')}`, {
      timeout: PAGE_LIMIT,
      waitUntil: 'networkidle',
    });
    assert.equal(response?.status(), 200, path);
    return page;
  }

  const SECTIONS = [
    { section: 'home', path: '/', heading: 'corsguard' },
    { section: 'Start', path: '/start/express', heading: 'Express, Connect and node:http' },
    { section: 'Guides', path: '/guides/debugging', heading: 'Debugging a blocked request' },
    { section: 'Reference', path: '/reference/options', heading: 'Options' },
    { section: 'Codes', path: '/codes/config/origin-trailing-slash', heading: 'origin-trailing-slash' },
    { section: 'TypeScript API (TypeDoc)', path: '/reference/api/', heading: '' },
  ];
  for (const row of SECTIONS) {
    test(`${row.section} (${row.path}) renders without console errors`, { timeout: PAGE_LIMIT * 2 }, async () => {
      errors.length = 0;
      const page = await open(row.path);
      const title = row.section === 'home' ? page.locator('.VPHero .name') : page.locator('.vp-doc h1').first();
      await title.waitFor({ timeout: PAGE_LIMIT });
      if (row.heading)
        assert.match(await title.innerText(), new RegExp(row.heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await page.close();
      assert.deepEqual(errors, []);
    });
  }

  test('local search finds an error code by its name', { timeout: PAGE_LIMIT * 3 }, async () => {
    errors.length = 0;
    const page = await open('/');
    await page.locator('.DocSearch-Button, .VPNavBarSearchButton').first().click();
    await page.locator('#localsearch-input').fill('wildcard-with-credentials');
    const result = page.locator('.VPLocalSearchBox .result').first();
    await result.waitFor({ timeout: PAGE_LIMIT });
    const hrefs = await page
      .locator('.VPLocalSearchBox a.result')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.ok(
      hrefs.some((href) => href?.split('#')[0] === `${BASE}codes/audit/wildcard-with-credentials`),
      `results: ${hrefs.join(', ')}`,
    );
    await page.close();
    assert.deepEqual(errors, []);
  });

  test("each playground preset's lesson links to its guide on the site", { timeout: PAGE_LIMIT * 6 }, async () => {
    const playground = await startPlayground({ pagePort: 0, apiPort: 0, sitePort: 0 });
    try {
      const page = await context.newPage();
      await page.goto(playground.pageOrigin);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: PAGE_LIMIT });
      const links: Record<string, string | null> = {};
      for (const preset of PRESETS) {
        await page.locator(`#preset-list button[data-preset="${preset.id}"]`).click();
        links[preset.id] = await page.locator('#lesson a').getAttribute('href');
      }
      await page.close();
      assert.deepEqual(
        links,
        Object.fromEntries(PRESETS.map((preset) => [preset.id, `${DOCS_BASE_URL}${preset.guide}`])),
      );
    } finally {
      await playground.close();
    }
  });

  const SCREENSHOTS = [
    { width: 1280, height: 800, name: 'site-desktop.png', path: '/codes/config/origin-trailing-slash' },
    { width: 390, height: 844, name: 'site-phone.png', path: '/' },
  ];
  for (const shot of SCREENSHOTS) {
    test(`a ${shot.width} px wide screenshot of ${shot.path}, and docs/${shot.name} is checked in at that width`, {
      timeout: PAGE_LIMIT * 2,
    }, async () => {
      const page = await open(shot.path, shot.width, shot.height);
      const file = join(SHOTS, shot.name);
      await page.screenshot({ path: file });
      await page.close();
      if (process.env.DOCS_SCREENSHOTS === '1') copyFileSync(file, join(root, 'docs', shot.name));
      const checkedIn = join(root, 'docs', shot.name);
      assert.ok(existsSync(checkedIn), `docs/${shot.name} is missing: DOCS_SCREENSHOTS=1 writes it`);
      // A PNG's width is the IHDR chunk's first field (bytes 16–19).
      assert.equal(readFileSync(checkedIn).readUInt32BE(16), shot.width);
    });
  }
});
