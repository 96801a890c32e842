// Through an intercepting or corporate proxy: --proxy, HTTPS_PROXY / HTTP_PROXY, NO_PROXY, for audit and check.
import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import type { RequestListener } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { proxyConfig, proxyFor } from '../../src/transport/proxy-config.ts';
import { invoke } from '../cli/cli-harness.ts';
import { selfSignedCertificate } from '../cli/servers.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';
import { startTestProxy, type TestProxy } from './support/test-proxy.ts';

describe('which requests go through the proxy (NO_PROXY as curl reads it)', () => {
  const rows: { rule: string; env: Record<string, string>; flag?: string; url: string; proxy: string | undefined }[] = [
    {
      rule: 'HTTPS_PROXY for https:',
      env: { HTTPS_PROXY: 'http://p:8080' },
      url: 'https://a.example/',
      proxy: 'http://p:8080/',
    },
    {
      rule: 'HTTPS_PROXY is not used for http:',
      env: { HTTPS_PROXY: 'http://p:8080' },
      url: 'http://a.example/',
      proxy: undefined,
    },
    {
      rule: 'HTTP_PROXY for http:',
      env: { HTTP_PROXY: 'http://p:3128' },
      url: 'http://a.example/',
      proxy: 'http://p:3128/',
    },
    {
      rule: 'the lower-case name wins',
      env: { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' },
      url: 'https://a.example/',
      proxy: 'http://low:1/',
    },
    {
      rule: 'a proxy without a scheme is http://',
      env: { HTTPS_PROXY: '127.0.0.1:8080' },
      url: 'https://a.example/',
      proxy: 'http://127.0.0.1:8080/',
    },
    {
      rule: '--proxy for both schemes, over the environment',
      env: { HTTP_PROXY: 'http://env:1' },
      flag: 'http://flag:2',
      url: 'http://a.example/',
      proxy: 'http://flag:2/',
    },
    {
      rule: 'NO_PROXY host',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.example' },
      url: 'https://a.example/',
      proxy: undefined,
    },
    {
      rule: 'NO_PROXY domain covers subdomains',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' },
      url: 'https://api.example.com/',
      proxy: undefined,
    },
    {
      rule: 'NO_PROXY .domain covers subdomains',
      env: { HTTPS_PROXY: 'http://p:1', no_proxy: '.example.com' },
      url: 'https://api.example.com/',
      proxy: undefined,
    },
    {
      rule: 'NO_PROXY domain is not a suffix match',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' },
      url: 'https://badexample.com/',
      proxy: 'http://p:1/',
    },
    {
      rule: 'NO_PROXY with a port bypasses that port only',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.example:8443' },
      url: 'https://a.example/',
      proxy: 'http://p:1/',
    },
    {
      rule: 'NO_PROXY with the default port',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.example:443' },
      url: 'https://a.example/',
      proxy: undefined,
    },
    {
      rule: 'NO_PROXY * bypasses all',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' },
      url: 'https://a.example/',
      proxy: undefined,
    },
    {
      rule: 'NO_PROXY IPv6',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '::1' },
      url: 'https://[::1]:8443/',
      proxy: undefined,
    },
    {
      rule: 'NO_PROXY applies to --proxy too',
      env: { NO_PROXY: 'localhost, 127.0.0.1' },
      flag: 'http://p:1',
      url: 'http://127.0.0.1:9/',
      proxy: undefined,
    },
  ];
  for (const row of rows) {
    test(row.rule, () => assert.equal(proxyFor(proxyConfig(row.flag, row.env), new URL(row.url))?.href, row.proxy));
  }
});

const handler: RequestListener = allowWhen(() => true, { credentials: true });
/** Remote ports of every request a server got. */
const seen: Record<string, number[]> = { http: [], https: [] };
const recording =
  (name: string): RequestListener =>
  (request, response) => {
    seen[name]?.push(request.socket.remotePort ?? 0);
    handler(request, response);
  };

let plain: Running;
let secure: Running;
let proxy: TestProxy;
let refusing: TestProxy;
before(async () => {
  plain = await listen(recording('http'));
  secure = await listen(createHttpsServer(selfSignedCertificate(), recording('https')));
  proxy = await startTestProxy();
  refusing = await startTestProxy({ refuseConnect: 407 });
});
after(() => Promise.all([plain.close(), secure.close(), proxy.close(), refusing.close()]));

const reset = () => {
  seen.http = [];
  seen.https = [];
  proxy.upstreamPorts.clear();
  proxy.lines.length = 0;
};
const proxyUrl = () => `http://127.0.0.1:${proxy.port}`;

describe('corsguard audit and check through a proxy on loopback', () => {
  const rows: {
    rule: string;
    scheme: 'http' | 'https';
    argv: () => string[];
    env?: () => Record<string, string>;
    proxied: boolean;
    check?: boolean;
  }[] = [
    {
      rule: 'audit --proxy: every http: probe in absolute form through it',
      scheme: 'http',
      argv: () => ['--proxy', proxyUrl()],
      proxied: true,
    },
    {
      rule: 'audit --proxy: every https: probe in a CONNECT tunnel through it',
      scheme: 'https',
      argv: () => ['--proxy', proxyUrl(), '--insecure'],
      proxied: true,
    },
    {
      rule: 'audit HTTPS_PROXY',
      scheme: 'https',
      argv: () => ['--insecure'],
      env: () => ({ HTTPS_PROXY: proxyUrl() }),
      proxied: true,
    },
    {
      rule: 'audit HTTP_PROXY',
      scheme: 'http',
      argv: () => [],
      env: () => ({ HTTP_PROXY: proxyUrl() }),
      proxied: true,
    },
    {
      rule: 'audit NO_PROXY matching: nothing through it',
      scheme: 'http',
      argv: () => [],
      env: () => ({ HTTP_PROXY: proxyUrl(), NO_PROXY: '127.0.0.1' }),
      proxied: false,
    },
    {
      rule: 'audit NO_PROXY matching with --proxy: nothing through it',
      scheme: 'https',
      argv: () => ['--proxy', proxyUrl(), '--insecure'],
      env: () => ({ NO_PROXY: 'localhost,127.0.0.1' }),
      proxied: false,
    },
    {
      rule: 'check --proxy over https:',
      scheme: 'https',
      argv: () => ['--proxy', proxyUrl(), '--insecure'],
      proxied: true,
      check: true,
    },
    {
      rule: 'check HTTP_PROXY over http:',
      scheme: 'http',
      argv: () => [],
      env: () => ({ HTTP_PROXY: proxyUrl() }),
      proxied: true,
      check: true,
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      reset();
      const url = `${row.scheme}://127.0.0.1:${(row.scheme === 'http' ? plain : secure).port}/data`;
      const env = row.env?.() ?? {};
      const run = row.check
        ? await invoke(['check', url, '-o', 'https://app.example.com', '--json', ...row.argv()], env)
        : await runAuditCli([url, '--json', '--fail-on', 'none', ...row.argv()], { env });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const ports = seen[row.scheme] ?? [];
      assert.ok(ports.length >= (row.check ? 1 : 5), `${ports.length} requests`);
      const through = ports.filter((port) => proxy.upstreamPorts.has(port)).length;
      assert.equal(through, row.proxied ? ports.length : 0);
      if (!row.proxied) assert.deepEqual(proxy.lines, []);
      else if (row.scheme === 'http')
        assert.ok(
          proxy.lines.every((line) => line.includes(` http://127.0.0.1:${plain.port}/data`)),
          proxy.lines[0],
        );
      else
        assert.ok(
          proxy.lines.every((line) => line === `CONNECT 127.0.0.1:${secure.port}`),
          proxy.lines[0],
        );
    });
  }

  test('proxy credentials in the URL go as Proxy-Authorization, to the proxy only', async () => {
    reset();
    proxy.authorizations.length = 0;
    await runAuditCli([
      `http://127.0.0.1:${plain.port}/data`,
      '--proxy',
      `http://user:p%40ss@127.0.0.1:${proxy.port}`,
      '--fail-on',
      'none',
    ]);
    assert.ok(proxy.authorizations.length >= 5);
    assert.deepEqual(new Set(proxy.authorizations), new Set([`Basic ${Buffer.from('user:p@ss').toString('base64')}`]));
  });

  test('a proxy refusing CONNECT: the URL is not audited, and the error names the proxy and its answer', async () => {
    const run = await runAuditCli([
      `https://127.0.0.1:${secure.port}/data`,
      '--json',
      '--insecure',
      '--proxy',
      `http://127.0.0.1:${refusing.port}`,
    ]);
    assert.equal(run.code, 2);
    const target = JSON.parse(run.stdout).targets[0];
    assert.equal(target.errorCode, 'network');
    assert.match(target.error, new RegExp(`proxy 127\\.0\\.0\\.1:${refusing.port} answered 407 to CONNECT`));
  });

  const usage: { rule: string; argv: string[]; env?: Record<string, string>; stderr: RegExp }[] = [
    { rule: 'a socks proxy', argv: ['--proxy', 'socks5://127.0.0.1:1080'], stderr: /only http:\/\/ proxies/ },
    { rule: 'an https proxy', argv: ['--proxy', 'https://127.0.0.1:8443'], stderr: /only http:\/\/ proxies/ },
    { rule: 'a proxy URL with a path', argv: ['--proxy', 'http://127.0.0.1:8080/x'], stderr: /has no path/ },
    {
      rule: 'a bad HTTPS_PROXY names the variable',
      argv: [],
      env: { HTTPS_PROXY: 'socks5://x:1' },
      stderr: /HTTPS_PROXY 'socks5:\/\/x:1'/,
    },
  ];
  for (const row of usage) {
    test(`usage error before anything is sent: ${row.rule}`, async () => {
      for (const command of ['audit', 'check']) {
        const run = await invoke(
          [command, 'http://127.0.0.1:9/', '-o', 'https://app.example.com', ...row.argv],
          row.env ?? {},
        );
        assert.equal(run.code, 2, `${command}: ${run.stderr}`);
        assert.match(run.stderr, row.stderr);
      }
    });
  }
});
