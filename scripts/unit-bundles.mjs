// The fast loop's test files as bundles (esbuild, once per run, about a second): a test process then
// loads one JavaScript module graph instead of resolving and transforming every TypeScript import
// through tsx, which was a third of the loop's CPU time. Each module keeps its own `import.meta.url`
// (rewritten to its source file's URL), so paths computed from it still point into the repository.
// Files that import TypeScript written at run time (TSX_AT_RUN_TIME) run from their source through
// tsx, as `npm test` runs every file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Test files that `import()` TypeScript they write while running, so need tsx in their process. */
export const TSX_AT_RUN_TIME = ['test/docs/catalogues.test.ts', 'test/examples/code-out.test.ts'];

const META = /\bimport\.meta\.(url|dirname|filename)\b/g;

/**
 * Replaces `import.meta.url`, `.dirname` and `.filename` with the source file's own values, as text:
 * inside a string too (test/scripts/unit-bundles.test.ts builds its fixtures' text around that).
 */
const keepImportMeta = {
  name: 'keep-import-meta',
  setup(builder) {
    builder.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.')) return undefined;
      const values = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path };
      return {
        contents: source.replace(META, (_, name) => JSON.stringify(values[name])),
        loader: args.path.endsWith('ts') ? 'ts' : 'js',
      };
    });
  },
};

/**
 * Writes a bundle for each test file (paths relative to the working directory, the repository) into
 * `outDir`, at the file's path plus `.mjs`; returns the bundles' paths in the files' order.
 */
export async function bundleTestFiles(files, outDir) {
  const outputOf = (file) => join(outDir, `${relative('.', file)}.mjs`);
  const bundled = files.filter((file) => !TSX_AT_RUN_TIME.includes(relative('.', file)));
  await build({
    entryPoints: bundled.map((file) => ({ in: file, out: relative(outDir, outputOf(file)).replace(/\.mjs$/, '') })),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
    plugins: [keepImportMeta],
  });
  for (const file of files.filter((item) => !bundled.includes(item))) {
    mkdirSync(dirname(outputOf(file)), { recursive: true });
    writeFileSync(
      outputOf(file),
      `import 'tsx';\nawait import(${JSON.stringify(pathToFileURL(resolve(file)).href)});\n`,
    );
  }
  return files.map(outputOf);
}
