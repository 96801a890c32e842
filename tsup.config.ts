import { appendFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const DEFAULT_EXPORT_ENTRIES = ['adapters/node', 'adapters/express', 'adapters/koa', 'adapters/fastify'];

const CJS_DEFAULT_INTEROP = `
if (typeof module.exports.default === 'function') {
  module.exports = Object.defineProperty(Object.assign(module.exports.default, module.exports), '__esModule', { value: true });
}`;

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'adapters/node': 'src/adapters/node.ts',
      'adapters/express': 'src/adapters/express.ts',
      'adapters/fastify': 'src/adapters/fastify.ts',
      'adapters/koa': 'src/adapters/koa.ts',
      'adapters/hono': 'src/adapters/hono.ts',
      'adapters/fetch': 'src/adapters/fetch.ts',
      'adapters/next': 'src/adapters/next.ts',
      'simulate/index': 'src/simulate/index.ts',
      'audit/index': 'src/audit/index.ts',
      'proxy/index': 'src/proxy/index.ts',
      'proxy/fetch': 'src/proxy/fetch.ts',
      'export/index': 'src/export/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // dist/cli belongs to the CLI build below, which cleans it itself.
    clean: ['!cli/**'],
    target: 'node20',
    tsconfig: 'tsconfig.build.json',
    platform: 'neutral',
    splitting: true,
    // esbuild tree-shakes already. tsup's `treeshake` adds a rollup pass whose output.exports is
    // 'auto', which warns on every entry with a default and named exports; without it the CommonJS
    // chunks are converted in named mode (`exports.default`, `exports.cors`), as rollup's 'auto' did.
    treeshake: false,
    external: ['express', 'fastify', 'hono', 'koa', 'next', 'next/server'],
    // `require('corsguard/express')` is the middleware itself, as with `cors`, `@koa/cors` and
    // `@fastify/cors`; `.cors` and `.default` stay on it. Appended after the build, because the
    // CommonJS entries define their exports last.
    onSuccess: async () => {
      for (const entry of DEFAULT_EXPORT_ENTRIES) appendFileSync(`dist/${entry}.cjs`, CJS_DEFAULT_INTEROP);
    },
  },
  // The corsguard binary: ESM only (bin runs dist/cli/main.js), no type declarations, self-contained.
  // tsup keeps the #! line and makes the file executable.
  {
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    dts: false,
    clean: true,
    target: 'node20',
    tsconfig: 'tsconfig.build.json',
    platform: 'node',
    splitting: false,
    // Bundled CommonJS (the `yaml` package) requires Node built-ins, which ESM has no `require` for.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  },
]);
