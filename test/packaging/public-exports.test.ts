// The public surface per entry point, from the built package by name: each entry exports exactly
// what users call (helpers shared by adapters and gateway live in src/http and stay internal), and
// the CommonJS build exports the same names as the ESM one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { codeSubpaths, specifierOf } from './consumer.ts';

const PUBLIC_EXPORTS: Record<string, readonly string[]> = {
  '.': [
    'CONFIG_ISSUE_CODES',
    'CorsConfigError',
    'CorsPredicateError',
    'appendVary',
    'createCors',
    'explain',
    'limits',
    'plainRequestReader',
  ],
  './node': ['cors', 'default'],
  './express': ['cors', 'default'],
  './fastify': ['cors', 'default'],
  './koa': ['cors', 'default'],
  './hono': ['cors'],
  './fetch': ['corsForFetch', 'withCors'],
  './next': ['corsMiddleware', 'corsProxy', 'corsRoutes'],
  './simulate': [
    'BROWSER_MODELS',
    'PreflightCache',
    'accessControlRequestHeaders',
    'formatFixOptions',
    'isForbiddenMethod',
    'isForbiddenRequestHeader',
    'isSafelistedMethod',
    'normalizeMethod',
    'simulateFetch',
  ],
  './audit': [
    'AUDIT_OPTIONS_ISSUE_CODES',
    'AuditOptionsError',
    'CATALOGUE',
    'SEVERITIES',
    'audit',
    'exchangeWarnings',
    'summarise',
  ],
  './proxy': [
    'DEFAULT_HEADERS_TIMEOUT_MS',
    'DEFAULT_KEEP_ALIVE_TIMEOUT_MS',
    'DEFAULT_MAX_CONNECTIONS',
    'DEFAULT_TIMEOUT_MS',
    'PROXY_ISSUE_CODES',
    'ProxyConfigError',
    'createFetchProxy',
    'createProxy',
    'createProxyServer',
  ],
  './proxy/fetch': ['PROXY_ISSUE_CODES', 'ProxyConfigError', 'createFetchProxy'],
  './export': ['EXPORT_TARGETS', 'ExportConfigError', 'exportConfig'],
};

// `require('corsguard/express')` is the middleware itself, carrying its named exports and the
// __esModule marker (see tsup.config.ts), so CommonJS shows those two extra keys there.
const CJS_ONLY_KEYS = new Set(['__esModule']);

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, unknown>;
};
const require = createRequire(import.meta.url);
const sorted = (names: Iterable<string>) => [...names].sort();

describe('public exports per entry point', () => {
  test('every entry point of the exports map has its row here, and no row is stale', () => {
    assert.deepEqual(sorted(codeSubpaths(pkg)), sorted(Object.keys(PUBLIC_EXPORTS)));
  });

  for (const [subpath, expected] of Object.entries(PUBLIC_EXPORTS)) {
    const specifier = specifierOf(subpath);
    test(`${specifier}: ESM exports exactly the public names`, async () => {
      const module = (await import(specifier)) as Record<string, unknown>;
      assert.deepEqual(sorted(Object.keys(module)), sorted(expected));
    });
    test(`${specifier}: CommonJS exports the same names`, () => {
      const module = require(specifier) as Record<string, unknown>;
      const names = Object.keys(module).filter((name) => !CJS_ONLY_KEYS.has(name));
      assert.deepEqual(sorted(names), sorted(expected));
    });
  }
});
