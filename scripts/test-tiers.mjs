// Which test files `npm run test:unit` leaves to `npm test`: those that need a browser, a runtime
// binary (workerd, Deno, Bun), a front server (nginx, Apache, Caddy, HAProxy), a Next.js build, or
// the built package (dist/, npm pack). Everything else runs on the source with Node alone.
import { join, sep } from 'node:path';
import { testFiles } from './test-files.mjs';

/** Paths (a directory covers everything below it) and why each is left to `npm test`. */
export const FULL_RUN_ONLY = {
  'test/browser': 'Chromium, Firefox and WebKit',
  'test/proxy/browser.test.ts': 'Chromium',
  'test/adapters/next/next.test.ts': 'next build, next start and Chromium',
  'test/runtimes': 'workerd, Deno and Bun',
  'test/proxy/fetch-handler.test.ts': 'workerd, Deno and Bun',
  'test/proxy/fetch-peer.test.ts': 'workerd, Deno and Bun',
  'test/proxy/fetch-targets.test.ts': 'Deno and Bun',
  'test/readme': 'Deno, Bun and the built package',
  'test/export/conformance.test.ts': 'nginx, Apache, Caddy and HAProxy',
  'test/export/snippets.test.ts': 'nginx, Apache, Caddy and HAProxy',
  'test/export/absolute-form.test.ts': 'nginx, Apache, Caddy and HAProxy',
  'test/export/error-class.test.ts': 'the built package',
  'test/core/settings-error.test.ts': 'the built package',
  'test/export/browser.test.ts': 'nginx, Apache, Caddy, HAProxy, Chromium, Firefox and WebKit',
  'test/packaging': 'the built package and npm pack',
  'test/docs/blocks.test.ts':
    "the built package, Deno and Bun (the site's code blocks, run as test/readme runs the README's)",
  'test/docs/site.test.ts': 'docs:build (VitePress, TypeDoc) and Chromium',
};

function covered(file) {
  const normal = file.split(sep).join('/');
  return Object.keys(FULL_RUN_ONLY).some((path) => normal === path || normal.startsWith(`${path}/`));
}

/** The test files of the fast loop, relative to `root` (the repository). */
export function unitTestFiles(root = '.') {
  return testFiles(join(root, 'test')).filter(
    (file) => !covered(file.slice(root === '.' ? 0 : root.length).replace(/^[/\\]/, '')),
  );
}
