// The page's TypeScript, bundled for the browser when the playground starts (esbuild, which the
// project already has through tsup and tsx): `npm start` runs the current source, no build step.
import { build } from 'esbuild';

export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./page/app.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
