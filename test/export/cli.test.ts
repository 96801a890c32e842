// `corsguard export` as a command: files written with --out, snippets printed without, exit 2
// with every problem (the proxy's, the middleware's and the export's) listed by code.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../src/cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'corsguard-export-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t: string) => (stdout += t),
    stderr: (t: string) => (stderr += t),
    env: {},
    isTTY: false,
    stderrIsTTY: false,
  } as never);
  return { code, stdout, stderr };
}

const codesIn = (stderr: string) =>
  [...stderr.matchAll(/^ {2}- (\S+): .* \[([a-z-]+)\]$/gm)].map((m) => `${m[1]} ${m[2]}`);

const settingsFile = join(dir, 'corsguard.json');
writeFileSync(
  settingsFile,
  JSON.stringify({
    upstream: 'http://127.0.0.1:3000',
    port: 8081,
    cors: { origin: 'https://app.example.com', methods: ['PUT'] },
  }),
);

describe('corsguard export', () => {
  test('--config and --out write the snippets and the complete configuration', async () => {
    const out = join(dir, 'nginx');
    const result = await run(['export', 'nginx', '--config', settingsFile, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['corsguard-http.conf', 'corsguard-location.conf', 'nginx.conf']);
    assert.match(readFileSync(join(out, 'nginx.conf'), 'utf8'), /listen 127\.0\.0\.1:8081;/);
  });

  test('apache: httpd.conf names the output directory and --apache-modules', async () => {
    const out = join(dir, 'apache');
    const result = await run([
      'export',
      'apache',
      '--config',
      settingsFile,
      '--out',
      out,
      '--apache-modules',
      '/opt/httpd/modules',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const config = readFileSync(join(out, 'httpd.conf'), 'utf8');
    assert.match(config, new RegExp(`^ServerRoot "${out}"$`, 'm'));
    assert.match(config, /^LoadModule headers_module "\/opt\/httpd\/modules\/mod_headers\.so"$/m);
    assert.match(config, new RegExp(`^    Include ${out}/corsguard\\.conf$`, 'm'));
  });

  test('flags override the file, as for corsguard proxy', async () => {
    const out = join(dir, 'flags');
    const result = await run(['export', 'nginx', '--config', settingsFile, '--port', '9090', `--out=${out}`]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(readFileSync(join(out, 'nginx.conf'), 'utf8'), /listen 127\.0\.0\.1:9090;/);
  });

  test('without --out, the snippets are printed with a header per file', async () => {
    const result = await run(['export', 'nginx', '-u', 'http://127.0.0.1:3000', '-o', 'https://app.example.com']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      [...result.stdout.matchAll(/^### (\S+)$/gm)].map((m) => m[1]),
      ['corsguard-http.conf', 'corsguard-location.conf'],
    );
  });

  const invalid: Array<{ rule: string; argv: string[]; expected: string[] }> = [
    { rule: 'no target', argv: ['export', '--config', settingsFile], expected: ['(target) export-target-unknown'] },
    {
      rule: 'an unknown target',
      argv: ['export', 'iis', '--config', settingsFile],
      expected: ['(target) export-target-unknown'],
    },
    {
      rule: 'every middleware problem at once, under cors.*',
      argv: [
        'export',
        'nginx',
        '-u',
        'http://127.0.0.1:3000',
        '-o',
        'https://app.example.com/',
        '-o',
        '*',
        '--methods',
        'put',
        '--max-age',
        'x',
      ],
      expected: [
        'cors.origin[0] origin-trailing-slash',
        'cors.origin[1] origin-any-in-list',
        'cors.methods[0] method-case',
        'cors.maxAge max-age-invalid',
      ],
    },
    {
      rule: "the gateway's own settings",
      argv: ['export', 'nginx', '-o', 'https://app.example.com'],
      expected: ['upstream upstream-required'],
    },
    {
      rule: 'websockets cannot be exported',
      argv: ['export', 'nginx', '-u', 'http://127.0.0.1:3000', '-o', 'https://app.example.com', '--websockets'],
      expected: ['websockets export-websockets'],
    },
    {
      rule: 'an unknown flag',
      argv: ['export', 'nginx', '--config', settingsFile, '--bogus'],
      expected: ['(arguments) argument-invalid'],
    },
    {
      rule: '--out without a directory',
      argv: ['export', 'nginx', '--config', settingsFile, '--out'],
      expected: ['--out argument-invalid'],
    },
  ];
  for (const row of invalid) {
    test(`exit 2: ${row.rule}`, async () => {
      const result = await run(row.argv);
      assert.equal(result.code, 2);
      assert.deepEqual(codesIn(result.stderr), row.expected);
    });
  }
});
