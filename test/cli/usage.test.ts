// Command-line mistakes: one line naming the mistake, then where the help is (exit 2, nothing on
// stdout, nothing sent); a URL typed without its scheme gets the URL probably meant.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { invoke } from './cli-harness.ts';

describe('usage errors', { concurrency: true }, () => {
  const rows = [
    {
      rule: 'an unknown option is named',
      args: ['check', 'http://127.0.0.1:9/', '-o', 'http://a.test', '--foo'],
      command: 'check',
      phrase: 'unknown option --foo',
    },
    {
      rule: 'a misspelt option gets the closest one',
      args: ['check', 'http://127.0.0.1:9/', '--orign', 'http://a.test'],
      command: 'check',
      phrase: 'did you mean --origin?',
    },
    {
      rule: 'a misspelt audit option gets the closest one',
      args: ['audit', 'http://127.0.0.1:9/', '--fail-of', 'high'],
      command: 'audit',
      phrase: 'did you mean --fail-on?',
    },
    {
      rule: 'a missing option value names the option',
      args: ['check', 'http://127.0.0.1:9/', '-o'],
      command: 'check',
      phrase: '--origin needs a value',
    },
    {
      rule: 'an option value that starts with a dash',
      args: ['audit', 'http://127.0.0.1:9/', '--origin', '--json'],
      command: 'audit',
      phrase: '--origin needs a value',
    },
    {
      rule: 'a value given to a flag',
      args: ['check', 'http://127.0.0.1:9/', '-o', 'http://a.test', '--json=yes'],
      command: 'check',
      phrase: '--json takes no value',
    },
    { rule: 'a missing argument', args: ['check', '-o', 'http://a.test'], command: 'check', phrase: 'missing <url>' },
    {
      rule: 'a bad audit value',
      args: ['audit', 'http://127.0.0.1:9/', '--fail-on', 'severe'],
      command: 'audit',
      phrase: '--fail-on must be one of',
    },
    {
      rule: 'an unknown command gets the closest one',
      args: ['chek', 'http://127.0.0.1:9/'],
      command: '',
      phrase: "unknown command 'chek' (did you mean check?)",
    },
  ];
  for (const row of rows) {
    test(`${row.rule}: one line, then see … --help`, async () => {
      const result = await invoke(row.args);
      const prefix = row.command === '' ? 'corsguard' : `corsguard ${row.command}`;
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      const lines = result.stderr.split('\n');
      assert.deepEqual(lines.slice(1), [`see ${prefix} --help`, '']);
      assert.ok(lines[0]?.startsWith(`${prefix}: `), lines[0]);
      assert.ok(lines[0]?.includes(row.phrase), lines[0]);
      assert.equal((lines[0]?.split("'").length ?? 1) % 2, 1, `unbalanced quotes: ${lines[0]}`);
    });
  }

  test('proxy: an unknown flag is named with balanced quotes, among its settings issues', async () => {
    const result = await invoke([
      'proxy',
      '--upstream',
      'http://127.0.0.1:9',
      '--origin',
      'http://a.test',
      '--follow-redirect',
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option --follow-redirect\b/);
    for (const line of result.stderr.split('\n'))
      assert.equal(line.split("'").length % 2, 1, `unbalanced quotes: ${line}`);
  });

  test("top-level --help names every command's --help, and each of them works", async () => {
    const help = await invoke(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['check', 'audit', 'proxy']) {
      assert.match(help.stdout, new RegExp(`corsguard ${command} --help`));
      const own = await invoke([command, '--help']);
      assert.equal(own.code, 0);
      assert.match(own.stdout, new RegExp(`^Usage: corsguard ${command} `));
    }
  });
});

describe('a URL typed without its scheme', { concurrency: true }, () => {
  const rows = [
    { rule: 'an IP address and port: http', url: '127.0.0.1:7005', suggestion: 'http://127.0.0.1:7005' },
    { rule: 'localhost with a path: http', url: 'localhost:3000/items', suggestion: 'http://localhost:3000/items' },
    { rule: 'a domain name: https', url: 'api.example.com/me', suggestion: 'https://api.example.com/me' },
    { rule: 'one word is no host: no guess', url: 'not-a-url', suggestion: undefined },
  ];
  for (const row of rows) {
    test(`check: ${row.rule}`, async () => {
      const result = await invoke(['check', row.url, '--origin', 'http://app.localhost:3000', '--json']);
      assert.equal(result.code, 2);
      const verdict = JSON.parse(result.stdout) as { stage: string; notes: { code: string; suggestion?: string }[] };
      assert.equal(verdict.stage, 'request');
      assert.deepEqual(
        verdict.notes.filter((note) => note.code === 'url-without-scheme').map((note) => note.suggestion),
        row.suggestion ? [row.suggestion] : [],
      );
      if (row.suggestion)
        assert.match(result.stderr, new RegExp(`did you mean ${row.suggestion.replace(/[.]/g, '\\.')}\\?`));
    });
    test(`audit: ${row.rule}`, async () => {
      const result = await invoke(['audit', row.url, '--json']);
      assert.equal(result.code, 2);
      const report = JSON.parse(result.stdout) as { targets: { errorCode: string; error: string }[] };
      const target = report.targets[0];
      assert.equal(target?.errorCode, 'invalid-url');
      // One clean clause: no Node error text or code inside it.
      assert.doesNotMatch(target?.error ?? '', /ERR_INVALID_URL|Invalid URL|\(.*\(/);
      if (row.suggestion) assert.ok(target?.error.includes(`did you mean ${row.suggestion}?`), target?.error);
    });
  }
});
