// `corsguard proxy --config`: every problem in the file at once, each with a code and the setting's
// path; types checked the same way for every setting (a port is a JSON number, as a timeout is);
// JSON syntax errors located by line and column; CORS options at the top level pointed to "cors".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../src/cli/run-cli.ts';
import { APP } from './support/harness.ts';

const UPSTREAM = 'http://127.0.0.1:1';
let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'corsguard-proxy-config-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

interface Listed {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Runs `corsguard proxy --config <file>` and reads back the listed problems. */
async function problems(
  content: string,
  extra: string[] = [],
): Promise<{ code: number; listed: Listed[]; file: string }> {
  const file = join(work, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  let stderr = '';
  const io = { stdout: () => {}, stderr: (text: string) => (stderr += text), env: {}, isTTY: false };
  const code = await runCli(['proxy', '--config', file, '--port', '0', ...extra], io);
  const listed = [...stderr.matchAll(/^ {2}- (.*?): (.*) \[([a-z-]+)\]$/gm)].map((match) => ({
    path: match[1]!,
    message: match[2]!,
    code: match[3]!,
  }));
  return { code, listed, file };
}

const valid = { upstream: UPSTREAM, cors: { origin: APP } };
const json = (value: unknown) => JSON.stringify(value, null, 2);

describe('types', () => {
  const rows: Array<[rule: string, settings: Record<string, unknown>, expected: Array<[path: string, code: string]>]> =
    [
      [
        'a port written as a string is refused, as a timeout written as a string is',
        { port: '8093', timeout: '5000' },
        [
          ['port', 'port-invalid'],
          ['timeout', 'timeout-invalid'],
        ],
      ],
      ['a host that is a number is refused', { host: 123 }, [['host', 'host-invalid']]],
      ['a host with a port is refused', { host: '127.0.0.1:8080' }, [['host', 'host-invalid']]],
      ['a host that is a URL is refused', { host: 'http://0.0.0.0' }, [['host', 'host-invalid']]],
      ['an upstream that is not a string is refused', { upstream: 8080 }, [['upstream', 'upstream-invalid']]],
      ['a publicHost that is not a string is refused', { publicHost: true }, [['publicHost', 'public-host-invalid']]],
      [
        'head and keep-alive timeouts as strings are refused',
        { headersTimeout: '1', keepAliveTimeout: '1' },
        [
          ['headersTimeout', 'timeout-invalid'],
          ['keepAliveTimeout', 'timeout-invalid'],
        ],
      ],
    ];
  for (const [rule, settings, expected] of rows) {
    test(rule, async () => {
      const { code, listed } = await problems(json({ ...valid, ...settings }));
      assert.deepEqual([code, listed.map((issue) => [issue.path, issue.code]).sort()], [2, [...expected].sort()]);
    });
  }

  const accepted: Array<[rule: string, settings: Record<string, unknown>]> = [
    ['an IPv4 host', { host: '0.0.0.0' }],
    ['an IPv6 host', { host: '::1' }],
    ['a host name', { host: 'localhost' }],
  ];
  for (const [rule, settings] of accepted) {
    test(`${rule} is accepted`, async () => {
      const { listed } = await problems(json({ ...valid, ...settings, port: 70_000 }));
      // The deliberate bad port proves the file was read; the host raised nothing.
      assert.deepEqual(
        listed.map((issue) => issue.path),
        ['port'],
      );
    });
  }

  test('on the command line, --port 8093 is a port and --host with a port is refused', async () => {
    const { listed } = await problems(json(valid), ['--port', '8093', '--host', 'localhost:1']);
    assert.deepEqual(
      listed.map((issue) => [issue.path, issue.code]),
      [['--host', 'host-invalid']],
    );
  });
});

describe('JSON syntax errors give the line and column', () => {
  const rows: Array<[rule: string, content: string, line: number, column: number]> = [
    [
      'a missing comma',
      '{\n  "upstream": "http://127.0.0.1:1",\n  "cors": { "origin": "https://app.example.com" }\n  "port": 8080\n}',
      4,
      3,
    ],
    ['a property name without quotes', '{ nope }', 1, 3],
    ['a trailing comma', '{\n  "upstream": "x",\n}', 3, 1],
    ['the end of the file inside the object', '{\n  "upstream": "x",', 2, 19],
    ['a byte order mark is not an error: the error after it is located', '\uFEFF{\n  "a": tru\n}', 2, 11],
  ];
  for (const [rule, content, line, column] of rows) {
    test(rule, async () => {
      const { code, listed, file } = await problems(content);
      assert.deepEqual(
        [code, listed.map((issue) => [issue.path, issue.code])],
        [2, [[`${file}:${line}:${column}`, 'config-file-invalid']]],
      );
    });
  }

  test('a file nested past what can be walked is one issue without a position, not a stack overflow', async () => {
    const { code, listed, file } = await problems(`{ "upstream": ${'['.repeat(200_000)}`);
    assert.deepEqual([code, listed.map((issue) => [issue.path, issue.code])], [2, [[file, 'config-file-invalid']]]);
  });
});

describe('unknown settings', () => {
  const rows: Array<[rule: string, key: string, hint: string]> = [
    ['a CORS option at the top level points to cors.<name>', 'origin', 'cors.origin'],
    ['another CORS option at the top level points to cors.<name>', 'credentials', 'cors.credentials'],
    ['a near miss of a setting gets its name', 'upstrem', 'did you mean upstream?'],
    ['a near miss in letter case gets its name', 'jsonlogs', 'did you mean jsonLogs?'],
  ];
  for (const [rule, key, hint] of rows) {
    test(rule, async () => {
      const { listed } = await problems(json({ ...valid, [key]: 1 }));
      assert.deepEqual(
        listed.map((issue) => [issue.path, issue.code, issue.message.includes(hint)]),
        [[key, 'proxy-unknown-option', true]],
      );
    });
  }

  test("every problem at once: unknown keys, bad types, and the CORS policy's own", async () => {
    const { listed } = await problems(
      json({ upstream: UPSTREAM, origin: APP, port: '1', host: 1, cors: { origin: `${APP}/`, methods: 'put' } }),
    );
    assert.deepEqual(
      listed.map((issue) => [issue.path, issue.code]).sort(),
      [
        ['origin', 'proxy-unknown-option'],
        ['port', 'port-invalid'],
        ['host', 'host-invalid'],
        ['cors.origin', 'origin-trailing-slash'],
        ['cors.methods', 'method-case'],
      ].sort(),
    );
  });

  test('a file that does not exist', async () => {
    let stderr = '';
    const io = { stdout: () => {}, stderr: (text: string) => (stderr += text), env: {}, isTTY: false };
    const missing = join(work, 'missing.json');
    assert.equal(await runCli(['proxy', '--config', missing], io), 2);
    assert.match(
      stderr,
      new RegExp(`^ {2}- ${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .* \\[config-file-invalid\\]$`, 'm'),
    );
  });
});
