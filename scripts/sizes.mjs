// Size of each entry point as a user's bundler sees it: the built ESM entry bundled with its chunks,
// minified, then gzipped. Frameworks (peer dependencies) and node: built-ins are left external.
// Usage: node scripts/sizes.mjs [--json]   (run after `npm run build`)
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// The build writes some Node built-ins without `node:` (`util`), so every spelling is external.
const external = [...Object.keys(pkg.peerDependencies ?? {}), 'node:*', ...builtinModules];
const rows = [];
for (const [subpath, target] of Object.entries(pkg.exports)) {
  const file = target?.import?.default;
  if (typeof file !== 'string' || !file.endsWith('.js')) continue;
  const result = await build({
    entryPoints: [new URL(`../${file}`, import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  rows.push({
    entry: subpath === '.' ? 'corsguard' : `corsguard/${subpath.slice(2)}`,
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
  });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  console.log('| entry point | minified | minified + gzip |\n|---|---|---|');
  for (const row of rows) console.log(`| \`${row.entry}\` | ${kb(row.minified)} | ${kb(row.gzip)} |`);
}
