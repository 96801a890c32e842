// A scratch directory where documentation code blocks (README.md's, the site's) are type-checked
// as a user's project would compile them, shared by test/readme and test/docs.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

// Just enough of Deno's and Bun's globals for their blocks (their type packages are not installed).
const RUNTIME_GLOBALS = `
declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };
declare const Bun: { serve(options: { fetch(request: Request): Response | Promise<Response> }): unknown };
`;

/**
 * A new directory under .test-results/<name> (inside the package, so that `corsguard/…` resolves to
 * the package itself, in a directory git ignores) with a tsconfig.json for its *.ts files: the
 * project's compiler options (experimentalDecorators for the NestJS blocks; tsx reads the
 * tsconfig.json of the directory it runs in) and the strictest settings a user's project may have,
 * so that no snippet fails to compile in one.
 */
export function strictWorkspace(name: string): string {
  const scratch = join(root, '.test-results', name);
  mkdirSync(scratch, { recursive: true });
  const work = mkdtempSync(join(scratch, 'blocks-'));
  const strictest = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true };
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      include: ['*.ts'],
      // Snippets show a signature's parameters (`(request, env, ctx)`) and name results they do not
      // use: the repository's own unused-code checks are not a user's settings.
      compilerOptions: { noEmit: true, ...strictest, noUnusedLocals: false, noUnusedParameters: false },
    }),
  );
  writeFileSync(join(work, 'runtimes.d.ts'), RUNTIME_GLOBALS);
  return work;
}
