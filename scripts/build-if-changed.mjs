// Builds dist/ with tsup unless dist/ already is the build of the current sources. npm runs this on
// `prepare` (`npm ci` or `npm install` in a clone, installing corsguard as a git dependency) and on
// `prepack` (`npm pack`, `npm publish`: both events, so twice), and `npm test` runs it first: one
// build serves them all. The stamp records a hash of the build's inputs and the size and mtime of
// every file the build wrote, so a `npm run build` in between, an edit or a deleted file rebuilds.
// Usage: node scripts/build-if-changed.mjs [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
// Kept out of the tarball by package.json's "files".
const STAMP = join(dist, '.build-stamp.json');
const INPUTS = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsup.config.ts'];
// tsup labels its progress lines with the format or step (colour codes first on a terminal).
const TSUP_PROGRESS = /^(\u001b\[[\d;]*m)*(CLI|ESM|CJS|DTS|IIFE)\b/;

function filesBelow(path, out = []) {
  if (!existsSync(path)) return out;
  if (!statSync(path).isDirectory()) out.push(path);
  else for (const entry of readdirSync(path).sort()) filesBelow(join(path, entry), out);
  return out;
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesBelow(join(root, input)))) {
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex');
}

function outputs() {
  const files = filesBelow(dist).filter((file) => file !== STAMP);
  return Object.fromEntries(files.map((file) => [relative(dist, file), [statSync(file).size, statSync(file).mtimeMs]]));
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

function isCurrent(inputs) {
  const stamp = readStamp();
  if (stamp?.inputs !== inputs) return false;
  const now = outputs();
  return Object.keys(now).length > 0 && JSON.stringify(now) === JSON.stringify(stamp.outputs);
}

const inputs = inputsHash();
if (!process.argv.includes('--force') && isCurrent(inputs)) {
  console.log('dist/ is the build of the current sources (scripts/build-if-changed.mjs); not rebuilding');
} else {
  const tsup = join(root, 'node_modules', '.bin', 'tsup');
  if (!existsSync(tsup)) {
    console.error('cannot build dist/: node_modules/.bin/tsup is missing (run npm install with dev dependencies)');
    process.exit(1);
  }
  // tsup's progress lines (`ESM dist/index.js 1.2 KB`, 80 of them) are shown only when the build
  // fails (`npm run build` shows them); any other line, a warning, is always shown.
  const started = Date.now();
  const { status, stdout, stderr } = spawnSync(tsup, { cwd: root, encoding: 'utf8' });
  if (status !== 0) {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    console.error('the build of dist/ failed (its output is above)');
    process.exit(status ?? 1);
  }
  const notes = `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '' && !TSUP_PROGRESS.test(line));
  if (notes.length > 0) console.warn(notes.join('\n'));
  writeFileSync(STAMP, `${JSON.stringify({ inputs, outputs: outputs() })}\n`);
  console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s (scripts/build-if-changed.mjs)`);
}
