// The test files below a directory (or the file itself): every *.test.ts, sorted.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function testFiles(path, out = []) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) testFiles(join(path, entry), out);
  } else if (path.endsWith('.test.ts')) {
    out.push(path);
  }
  return out;
}
