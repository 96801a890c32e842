// Recon pipelines: --urls - reads standard input; bare host names; comments; each URL once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { TargetReport } from '../../src/audit/index.ts';
import { auditTargets, linesOf } from '../../src/cli/audit/targets.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';

describe('auditTargets', () => {
  const rows: { rule: string; args?: string[]; text: string; both?: boolean; urls: string[] }[] = [
    { rule: 'a bare host name is audited over https', text: 'api.example.com\n', urls: ['https://api.example.com'] },
    {
      rule: 'with --both-schemes over http too',
      text: 'api.example.com\n',
      both: true,
      urls: ['https://api.example.com', 'http://api.example.com'],
    },
    {
      rule: 'a host with a port and a path',
      text: 'api.example.com:8443/v1/me\n',
      urls: ['https://api.example.com:8443/v1/me'],
    },
    {
      rule: 'a full URL is kept as given, even with --both-schemes',
      text: 'http://api.example.com/x\n',
      both: true,
      urls: ['http://api.example.com/x'],
    },
    {
      rule: 'blank lines and comments are skipped',
      text: '# from subfinder\n\n  \napi.example.com # the API\n',
      urls: ['https://api.example.com'],
    },
    {
      rule: 'CRLF lines',
      text: 'a.example.com\r\nb.example.com\r\n',
      urls: ['https://a.example.com', 'https://b.example.com'],
    },
    {
      rule: 'duplicates once, the first spelling kept',
      text: 'https://a.example.com/\na.example.com\nhttps://A.example.com\n',
      urls: ['https://a.example.com/'],
    },
    {
      rule: 'a duplicate of an argument',
      args: ['https://a.example.com/x'],
      text: 'a.example.com/x\n',
      urls: ['https://a.example.com/x'],
    },
    {
      rule: 'a word that names no host stays as typed (reported as not a URL)',
      text: 'not-a-url\n',
      urls: ['not-a-url'],
    },
    {
      rule: "a '#' inside a URL is its fragment, not a comment",
      text: 'https://a.example.com/#x\n',
      urls: ['https://a.example.com/#x'],
    },
    {
      rule: 'URLs differing only in their fragment are one (it is never sent)',
      text: 'https://a.example.com/#x\nhttps://a.example.com/\n',
      urls: ['https://a.example.com/#x'],
    },
  ];
  for (const row of rows) {
    test(row.rule, () =>
      assert.deepEqual(auditTargets(row.args ?? [], linesOf(row.text), row.both ?? false), row.urls),
    );
  }
});

let server: Running;
let hits = 0;
before(async () => {
  const allow = allowWhen((origin) => origin === 'https://app.example.com');
  server = await listen((request, response) => {
    hits++;
    allow(request, response);
  });
});
after(() => server.close());

describe('corsguard audit --urls -', () => {
  test('reads standard input: each URL once, bare hosts over https and (--both-schemes) http', async () => {
    const host = `127.0.0.1:${server.port}`;
    const stdin = `# recon output\n${host}/data\nhttp://${host}/data\n\n${host}/data # again\n`;
    const run = await runAuditCli(['--urls', '-', '--both-schemes', '--json'], { stdin });
    const targets: TargetReport[] = JSON.parse(run.stdout).targets;
    assert.deepEqual(
      targets.map((target) => target.url),
      [`https://${host}/data`, `http://${host}/data`],
    );
    // The loopback server speaks plain HTTP: the https: URL is reported, the http: one audited.
    assert.deepEqual(
      targets.map((target) => target.errorCode),
      ['not-http', undefined],
    );
    assert.equal(run.code, 2);
  });

  test('one audit per URL: a duplicate sends nothing more', async () => {
    const url = `http://127.0.0.1:${server.port}/data`;
    hits = 0;
    await runAuditCli(['--urls', '-', '--json'], { stdin: `${url}\n` });
    const once = hits;
    hits = 0;
    await runAuditCli(['--urls', '-', '--json'], {
      stdin: `${url}\n${url}\n127.0.0.1:${server.port}/data/../data\n${url}#frag\n`,
    });
    // The bare host is https:// (refused by the plain server before any HTTP request), the others one URL.
    assert.equal(hits, once);
  });

  test('the real process reads its own standard input', async () => {
    const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'audit', '--urls', '-', '--json'], {
      env: { ...process.env, NO_PROXY: '*' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end(`# piped\n127.0.0.1:${server.port}/data\nhttp://127.0.0.1:${server.port}/data\n`);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    const targets: TargetReport[] = JSON.parse(stdout).targets;
    assert.deepEqual(
      targets.map((target) => target.url),
      [`https://127.0.0.1:${server.port}/data`, `http://127.0.0.1:${server.port}/data`],
    );
    assert.equal(code, 2);
  });

  const usage: { rule: string; argv: string[]; stdin?: string; stderr: RegExp }[] = [
    { rule: 'empty standard input', argv: ['--urls', '-'], stdin: '# nothing\n\n', stderr: /no URL in standard input/ },
    {
      rule: '--both-schemes without --urls',
      argv: ['https://a.example.com', '--both-schemes'],
      stderr: /--both-schemes applies/,
    },
  ];
  for (const row of usage) {
    test(`usage error: ${row.rule}`, async () => {
      const run = await runAuditCli(row.argv, row.stdin === undefined ? {} : { stdin: row.stdin });
      assert.equal(run.code, 2);
      assert.match(run.stderr, row.stderr);
    });
  }
});
