// Where each code's page is on the documentation site (docs/, built with `npm run docs:build`).
// One scheme for every kind of code, so an error, a report or a problem body can link its page.

/** The published site; the path part matches the site's `base` (docs/.vitepress/config.ts). */
export const DOCS_BASE_URL = 'https://corsguard.github.io/corsguard/';

/**
 * - `config`: a `CorsConfigError` issue code (src/core/errors.ts)
 * - `audit`: an audit finding id (src/audit/catalogue.ts)
 * - `simulate`: a simulator reason (src/simulate/reasons/codes.ts)
 * - `gateway`: a gateway problem code (src/proxy/problem.ts)
 * - `decision`: why the engine decided as it did, the `reason` of a decision and of a `debug`
 *   event (src/core/reasons.ts)
 */
export type DocsKind = 'config' | 'decision' | 'audit' | 'simulate' | 'gateway';

export const DOCS_KINDS: readonly DocsKind[] = ['config', 'decision', 'audit', 'simulate', 'gateway'];

/** The site path of a code's page, relative to the base: `codes/config/origin-trailing-slash`. */
export function docsPath(kind: DocsKind, code: string): string {
  return `codes/${kind}/${encodeURIComponent(code)}`;
}

/** The absolute URL of a code's page: `https://corsguard.github.io/corsguard/codes/config/origin-trailing-slash`. */
export function docsUrl(kind: DocsKind, code: string, base: string = DOCS_BASE_URL): string {
  return base + docsPath(kind, code);
}
